import { useEffect, useState } from 'preact/hooks';
import type { ContestSummary } from '../../../api/contests/contract.ts';
import { listContests, STATUS_NAMES, when } from '../contest/admin-api.ts';
import '../contest/contest.css';
import '../contest/contest-admin.css';
import { can, useAccount } from './session.ts';

/** The organiser's contests (their unit's; every unit's for an admin), newest first. */
export default function ContestsList() {
  const me = useAccount();
  const [list, setList] = useState<ContestSummary[] | null>(null);
  useEffect(() => {
    if (can(me, 'organizer')) void listContests().then((r) => setList(r.contests));
  }, [me]);
  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'organizer')) return <p class="notice">只有竞赛组织者可以管理知识竞赛。</p>;
  return (
    <div>
      <p>{me.roles.includes('admin') ? '你是管理员，可以看到所有单位的竞赛。' : `单位：${me.unitName ?? '（未设置，请联系管理员）'}`}</p>
      <p>
        <a class="button" href="/admin/contests/new/">
          新建竞赛
        </a>
      </p>
      {list === null && <p aria-live="polite">正在载入……</p>}
      {list?.length === 0 && <p>还没有竞赛。点“新建竞赛”，几分钟就能建好一场。</p>}
      {list && list.some((c) => !c.archived) && (
        <ContestTable rows={list.filter((c) => !c.archived)} showUnit={me.roles.includes('admin')} />
      )}
      {list?.some((c) => c.archived) && (
        <details>
          <summary>已归档的竞赛（{list.filter((c) => c.archived).length}）</summary>
          <ContestTable rows={list.filter((c) => c.archived)} showUnit={me.roles.includes('admin')} />
        </details>
      )}
    </div>
  );
}

/** Contests as a table: title (linked), code, status, times, participation. */
function ContestTable({ rows, showUnit }: { rows: ContestSummary[]; showUnit: boolean }) {
  return (
    <>
      {rows.length > 0 && (
        <table class="admin-table" tabIndex={0}>
          <caption class="visually-hidden">竞赛列表</caption>
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">竞赛码</th>
              <th scope="col">状态</th>
              <th scope="col">开始</th>
              <th scope="col">结束</th>
              <th scope="col">加入 / 交卷</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/admin/contests/view/?id=${c.id}`}>{c.title}</a>
                  {showUnit && <span class="muted">（{c.unitName}）</span>}
                </td>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{STATUS_NAMES[c.status]}</td>
                <td>{when(c.opensAt)}</td>
                <td>{when(c.closesAt)}</td>
                <td>
                  {c.joined} / {c.finished}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
