import { call } from '#site/lib/api-client.ts';
import { CodeForm, useCodeLookup } from './CodeForm.tsx';
import { codeParam, contestApi, resident } from './contest-api.ts';
import './contest.css';

const verify = async (code: string) =>
  (await call(contestApi.certificates[':code'].$get({ param: codeParam(code) }), resident)).certificate;

/** /contest/certificate/: anyone checks a certificate's code and sees only what the certificate says. */
export default function VerifyCertificate() {
  const lookup = useCodeLookup(verify, '查验失败，请稍后再试。');
  const found = lookup.found;
  return (
    <div>
      <CodeForm lookup={lookup} id="cert-code" label="证书编号（证书下方的 12 位编号，如 ACDE-FHJK-MNPR）" button="查验" maxLength={20}>
        {found && (
          <section class="card verified" aria-labelledby="verified-title">
            <h2 id="verified-title">✓ 证书有效</h2>
            <dl>
              <dt>证书类型</dt>
              <dd>{found.typeName}</dd>
              <dt>姓名</dt>
              <dd>{found.name}</dd>
              <dt>竞赛</dt>
              <dd>{found.contestTitle}</dd>
              <dt>主办单位</dt>
              <dd>{found.unitName}</dd>
              <dt>日期</dt>
              <dd>{found.date}</dd>
            </dl>
          </section>
        )}
      </CodeForm>
    </div>
  );
}
