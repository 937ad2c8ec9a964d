import { useEffect, useState } from 'preact/hooks';
import type { Verification } from '../../../api/contests/contract.ts';
import { ApiRequestError } from '../../lib/api-client.ts';
import { codeFromUrl, verifyCertificate } from './contest-api.ts';
import './contest.css';

/** /contest/certificate/: anyone checks a certificate's code and sees only what the certificate says. */
export default function VerifyCertificate() {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Verification | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const check = async (typed: string) => {
    setBusy(true);
    setError('');
    setFound(null);
    try {
      setFound((await verifyCertificate(typed)).certificate);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : '查验失败，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };
  // Read after hydration: the page is built once, without a query string.
  useEffect(() => {
    const fromUrl = codeFromUrl();
    if (!fromUrl) return;
    setCode(fromUrl);
    void check(fromUrl);
  }, []);
  return (
    <div>
      <form
        class="code-form"
        onSubmit={(e) => {
          e.preventDefault();
          // What is in the box, even if it was typed before the page finished loading.
          void check(String(new FormData(e.currentTarget).get('code') ?? code));
        }}
      >
        <label for="cert-code">证书编号（证书下方的 12 位编号，如 ACDE-FHJK-MNPR）</label>
        <div class="inline-row">
          <input
            id="cert-code"
            name="code"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
            required
            maxLength={20}
            autocomplete="off"
            class="code-input"
          />
          <button type="submit" disabled={busy}>
            查验
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
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
      </div>
    </div>
  );
}
