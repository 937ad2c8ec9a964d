import { useEffect, useState } from 'preact/hooks';
import type { ContestSummary } from '#api/contests/contract.ts';
import { STATUS_NAMES } from '#api/contests/labels.ts';
import { call } from '#site/lib/api-client.ts';
import { formatDateTime } from '#site/lib/dates.ts';
import { adminContestApi } from '../contest/contest-api.ts';
import { Table } from '../contest/Table.tsx';
import '../contest/contest.css';
import '../contest/contest-admin.css';
import { can, useAccount } from './session.ts';

/** The organiser's contests (their unit's; every unit's for an admin), newest first. */
export default function ContestsList() {
  const me = useAccount();
  const [list, setList] = useState<ContestSummary[] | null>(null);
  useEffect(() => {
    if (can(me, 'organizer')) void call(adminContestApi.index.$get()).then((r) => setList(r.contests));
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
  if (rows.length === 0) return null;
  return (
    <Table
      caption="竞赛列表"
      captionHidden
      staff
      rows={rows}
      rowKey={(c) => c.id}
      columns={[
        {
          head: '标题',
          cell: (c) => (
            <>
              <a href={`/admin/contests/view/?id=${c.id}`}>{c.title}</a>
              {showUnit && <span class="muted">（{c.unitName}）</span>}
            </>
          ),
        },
        { head: '竞赛码', cell: (c) => <code>{c.code}</code> },
        { head: '状态', cell: (c) => STATUS_NAMES[c.status] },
        { head: '开始', cell: (c) => formatDateTime(c.opensAt) },
        { head: '结束', cell: (c) => formatDateTime(c.closesAt) },
        { head: '加入 / 交卷', cell: (c) => `${c.joined} / ${c.finished}` },
      ]}
    />
  );
}
