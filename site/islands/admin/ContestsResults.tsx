import { useEffect, useState } from 'preact/hooks';
import { CATEGORY_NAMES, formatDuration, TYPE_NAMES, type CategoryCode, type TypeCode } from '../../../api/contests/labels.ts';
import { loadResults } from '../contest/admin-api.ts';

type Results = Awaited<ReturnType<typeof loadResults>>;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Every attempt with its score and certificate, and how hard each question turned out. */
export default function ContestsResults({ id }: { id: number }) {
  const [r, setR] = useState<Results | null>(null);
  const load = () =>
    void loadResults(id)
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
        <table class="admin-table" tabIndex={0}>
          <caption>成绩表（共 {r.total} 题）</caption>
          <thead>
            <tr>
              <th scope="col">名次</th>
              <th scope="col">姓名</th>
              <th scope="col">队伍</th>
              <th scope="col">班级 / 学号</th>
              <th scope="col">得分</th>
              <th scope="col">答对</th>
              <th scope="col">用时</th>
              <th scope="col">状态</th>
              <th scope="col">证书</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr key={x.attemptId}>
                <td>{x.rank ?? '—'}</td>
                <td>{x.name}</td>
                <td>{x.team || '—'}</td>
                <td>{[x.className, x.studentNo].filter(Boolean).join(' / ') || '—'}</td>
                <td>{x.score ?? '—'}</td>
                <td>{x.correct ?? '—'}</td>
                <td>{x.timeUsedMs === null ? '—' : formatDuration(x.timeUsedMs)}</td>
                <td>
                  {x.finishedBy === 'submit' ? '已交卷' : x.finishedBy === 'deadline' ? '时间到自动交卷' : '答题中'}
                  {x.extraMs > 0 && `（加时 ${x.extraMs / 60_000} 分钟）`}
                  {x.attemptNo > 1 && `（第 ${x.attemptNo} 次）`}
                </td>
                <td>{x.certificate ? `${x.certificate.typeName} ${x.certificate.code}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table class="admin-table" tabIndex={0}>
        <caption>各题难度（答对的比例；没作答算答错）</caption>
        <thead>
          <tr>
            <th scope="col">题号</th>
            <th scope="col">题目</th>
            <th scope="col">类别 / 题型</th>
            <th scope="col">答对比例</th>
          </tr>
        </thead>
        <tbody>
          {r.questions.map((q) => (
            <tr key={q.position}>
              <td>{q.position + 1}</td>
              <td class="wrap">{q.stem}</td>
              <td>
                {CATEGORY_NAMES[q.category as CategoryCode]} / {TYPE_NAMES[q.type as TypeCode]}
              </td>
              <td>
                {q.finished ? `${percent(q.share)}（${q.right}/${q.finished}）` : '—'}
                {q.finished > 0 && q.share < 0.5 && ' 较难'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
