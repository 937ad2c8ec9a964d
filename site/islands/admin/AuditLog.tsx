import { useEffect, useState } from 'preact/hooks';
import type { adminAudit } from '#api/admin/audit.ts';
import { ApiRequestError, apiClient, call, type BodyOf } from '#site/lib/api-client.ts';
import { can, useAccount } from './session.ts';
import { formatStamp } from '#api/domain/clock.ts';
import { submitted } from '../forms/controls.tsx';
import AdminTable from './AdminTable.tsx';

const api = apiClient<typeof adminAudit>('/api/admin/audit');

/** The audit log with filters, paging and CSV export, for admins. */
export default function AuditLog() {
  const me = useAccount();
  const [filters, setFilters] = useState({ action: '', actor: '' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<BodyOf<typeof api.index.$get> | null>(null);
  const [error, setError] = useState('');
  // Empty filters are left out of the query, as a form would leave them.
  const query = Object.fromEntries(Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v));
  const queryKey = new URLSearchParams(query).toString();

  useEffect(() => {
    if (!can(me, 'admin')) return;
    call(api.index.$get({ query }))
      .then(setData)
      .catch((e: unknown) => setError(e instanceof ApiRequestError ? e.message : '加载失败。'));
  }, [me, queryKey]);

  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'admin')) return <p class="notice">只有管理员可以查看审计日志。</p>;
  return (
    <div>
      <form
        class="admin-form inline-form"
        onSubmit={submitted((f) => {
          setPage(1);
          setFilters({ action: String(f.get('action') ?? ''), actor: String(f.get('actor') ?? '') });
        })}
      >
        <label for="f-action">操作（前缀，如 auth. 或 account.）</label>
        <input id="f-action" name="action" defaultValue={filters.action} />
        <label for="f-actor">操作人用户名</label>
        <input id="f-actor" name="actor" defaultValue={filters.actor} />
        <button type="submit">筛选</button>
      </form>
      <p>
        <a href={`/api/admin/audit/export.csv?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()}`} download>
          导出当前筛选结果（CSV）
        </a>
      </p>
      {error && <p role="alert">{error}</p>}
      <AdminTable caption="审计日志（只增不改，按时间倒序）" columns={['时间', '操作人', '操作', '对象', '来源（哈希）']}>
        {data?.entries.map((e) => (
          <tr key={e.id}>
            <td>{formatStamp(e.at)}</td>
            <td>{e.actorName ?? '（匿名）'}</td>
            <td>{e.action}</td>
            <td>{e.target ?? ''}</td>
            <td>{e.ipHash ?? ''}</td>
          </tr>
        ))}
      </AdminTable>
      <p>
        <button type="button" class="secondary" disabled={page === 1} onClick={() => setPage(page - 1)}>
          上一页
        </button>{' '}
        第 {page} 页{' '}
        <button type="button" class="secondary" disabled={!data?.hasMore} onClick={() => setPage(page + 1)}>
          下一页
        </button>
      </p>
    </div>
  );
}
