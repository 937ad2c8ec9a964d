import { useEffect, useState } from 'preact/hooks';
import type { Certificate } from '#api/contests/contract.ts';
import { call } from '#site/lib/api-client.ts';
import { adminContestApi, idFromUrl } from '../contest/contest-api.ts';
import { useActionStatus } from './action-status.tsx';
import CertificateCard from '../contest/CertificateCard.tsx';
import '../contest/contest.css';
import { can, useAccount } from './session.ts';

/** Every participant's certificate (best attempt), one per printed page. */
export default function ContestsCertificates() {
  const me = useAccount();
  const id = idFromUrl();
  const [list, setList] = useState<{ certificates: Certificate[]; final: boolean } | null>(null);
  const { run, error } = useActionStatus();
  useEffect(() => {
    if (can(me, 'organizer'))
      void run(
        async () => setList(await call(adminContestApi[':id'].certificates.$get({ param: { id: String(id) } }))),
        '',
        undefined,
        '载入失败。',
      );
  }, [me]);
  if (error) return <p class="form-error">{error}</p>;
  if (!list) return <p aria-live="polite">正在载入……</p>;
  const count = (type: Certificate['type']) => list.certificates.filter((c) => c.type === type).length;
  return (
    <div>
      <div class="no-print">
        <p>
          共 {list.certificates.length} 张：荣誉证书 {count('honour')} 张，合格证书 {count('pass')} 张，参与证明 {count('participation')}{' '}
          张。每张证书打印为一页横向 A4。
          {!list.final && '竞赛还没结束，排名未定，荣誉证书要在结束后才会生成。'}
        </p>
        <p>
          <button type="button" onClick={() => window.print()} disabled={list.certificates.length === 0}>
            打印全部证书
          </button>{' '}
          <a href={`/admin/contests/view/?id=${id}`}>返回竞赛</a>
        </p>
      </div>
      {list.certificates.length === 0 && <p>还没有人交卷，暂无证书。</p>}
      {list.certificates.map((c) => (
        <CertificateCard key={c.code} c={c} />
      ))}
    </div>
  );
}
