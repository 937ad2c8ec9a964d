import { useEffect, useState } from 'preact/hooks';
import type { PublicWarning } from '../../../api/warnings/view.ts';
import { apiFetch } from '../../lib/api-client.ts';
import { areaText, shortTime } from './format.ts';

/** What became of a message, in residents' words. */
function stateOf(w: PublicWarning): string {
  if (w.msgType === 'Cancel') return '解除通知';
  if (w.active) return '生效中';
  return w.supersededBy ? '已被更新' : '已失效';
}

/** 历史预警: every published message, newest first, twenty at a time (更多). */
export default function WarningHistory() {
  const [list, setList] = useState<PublicWarning[] | null>(null);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [problem, setProblem] = useState('');

  const load = (p: number) =>
    apiFetch<{ warnings: PublicWarning[]; hasMore: boolean }>(`/api/warnings?all=1&page=${p}`, { redirectOn401: false })
      .then((r) => {
        setList((old) => (p === 1 ? r.warnings : [...(old ?? []), ...r.warnings]));
        setHasMore(r.hasMore);
        setPage(p);
        setProblem('');
      })
      .catch(() => setProblem('暂时无法载入历史预警，请稍后再试。'));

  useEffect(() => void load(1), []);

  return (
    <section aria-labelledby="history-title" class="warning-history">
      <h2 id="history-title">历史预警</h2>
      <p class="hint">已经发布过的全部预警信息，包括已更新、已解除和已失效的，最新的在前。</p>
      {list === null && !problem && <p>正在载入历史预警……</p>}
      {list && list.length === 0 && <p>还没有发布过预警信息。</p>}
      {list && list.length > 0 && (
        <ol class="history-list">
          {list.map((w) => (
            <li key={w.id}>
              <a href={w.url}>
                {w.title}：{w.headline}
              </a>
              <span class="history-meta">
                {w.status !== 'Actual' && <strong class="drill-tag">{w.statusName}</strong>}
                {stateOf(w)} · {areaText(w)} · 发布于 {w.sent ? shortTime(w.sent) : '—'}
              </span>
            </li>
          ))}
        </ol>
      )}
      {problem && <p role="status">{problem}</p>}
      {hasMore && (
        <button type="button" class="secondary" onClick={() => void load(page + 1)}>
          更多<span class="visually-hidden">历史预警</span>
        </button>
      )}
    </section>
  );
}
