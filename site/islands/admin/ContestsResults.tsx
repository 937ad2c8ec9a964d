import { useEffect, useState } from 'preact/hooks';
import type { Results } from '#api/contests/contract.ts';
import { CATEGORY_NAMES, formatDuration, TYPE_NAMES } from '#api/contests/labels.ts';
import { call } from '#site/lib/api-client.ts';
import { adminContestApi } from '../contest/contest-api.ts';
import { Table } from '../contest/Table.tsx';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Every attempt with its score and certificate, and how hard each question turned out. */
export default function ContestsResults({ id }: { id: number }) {
  const [r, setR] = useState<Results | null>(null);
  const load = () =>
    void call(adminContestApi[':id'].results.$get({ param: { id: String(id) } }))
      .then(setR)
      .catch(() => undefined);
  useEffect(load, [id]);
  if (!r) return <p aria-live="polite">正在载入成绩……</p>;
  return (
    <div>
      <p>
        <button type="button" class="secondary" onClick={load}>
          刷新成绩
        </button>
      </p>
      {r.rows.length === 0 ? (
        <p>还没有人参加。</p>
      ) : (
        <Table
          caption={`成绩表（共 ${r.total} 题）`}
          staff
          rows={r.rows}
          rowKey={(x) => x.attemptId}
          columns={[
            { head: '名次', cell: (x) => x.rank ?? '—' },
            { head: '姓名', cell: (x) => x.name },
            { head: '队伍', cell: (x) => x.team || '—' },
            { head: '班级 / 学号', cell: (x) => [x.className, x.studentNo].filter(Boolean).join(' / ') || '—' },
            { head: '得分', cell: (x) => x.score ?? '—' },
            { head: '答对', cell: (x) => x.correct ?? '—' },
            { head: '用时', cell: (x) => (x.timeUsedMs === null ? '—' : formatDuration(x.timeUsedMs)) },
            {
              head: '状态',
              cell: (x) => (
                <>
                  {x.finishedBy === 'submit' ? '已交卷' : x.finishedBy === 'deadline' ? '时间到自动交卷' : '答题中'}
                  {x.extraMs > 0 && `（加时 ${x.extraMs / 60_000} 分钟）`}
                  {x.attemptNo > 1 && `（第 ${x.attemptNo} 次）`}
                </>
              ),
            },
            { head: '证书', cell: (x) => (x.certificate ? `${x.certificate.typeName} ${x.certificate.code}` : '—') },
          ]}
        />
      )}
      <Table
        caption="各题难度（答对的比例；没作答算答错）"
        staff
        rows={r.questions}
        rowKey={(q) => q.position}
        columns={[
          { head: '题号', cell: (q) => q.position + 1 },
          { head: '题目', cell: (q) => q.stem, wrap: true },
          { head: '类别 / 题型', cell: (q) => `${CATEGORY_NAMES[q.category]} / ${TYPE_NAMES[q.type]}` },
          {
            head: '答对比例',
            cell: (q) => (
              <>
                {q.finished ? `${percent(q.share)}（${q.right}/${q.finished}）` : '—'}
                {q.finished > 0 && q.share < 0.5 && ' 较难'}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
