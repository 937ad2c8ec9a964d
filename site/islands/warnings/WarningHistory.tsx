import { useEffect, useState } from 'preact/hooks';
import type { publicWarnings } from '#api/warnings/public.ts';
import type { PublicWarning } from '#api/warnings/view.ts';
import { apiClient, call } from '#site/lib/api-client.ts';
import { areaText, shortTime } from './format.ts';

/** What became of a message, in residents' words: a 解除 and a 取消 have badges of their own. */
function Badge({ w }: { w: PublicWarning }) {
  if (w.msgType === 'Cancel')
    return <strong class={`ended-badge ended-${w.ending ?? 'allclear'}`}>{w.ending === 'cancel' ? '取消通知' : '解除通知'}</strong>;
  if (w.ending) return <strong class={`ended-badge ended-${w.ending}`}>{w.stateName}</strong>;
  return <>{w.stateName}</>;
}

const api = apiClient<typeof publicWarnings>('/api/warnings');

/** Props: changes at every refresh of the active list, so the history follows it live (one cached request). */
interface Props {
  version: string;
}

/** 历史预警: every published message, newest first, twenty at a time (更多); reloaded when the active list changes. */
export default function WarningHistory({ version }: Props) {
  const [list, setList] = useState<PublicWarning[] | null>(null);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [problem, setProblem] = useState('');

  const load = (p: number) =>
    call(api.index.$get({ query: { all: '1', page: String(p) } }), { redirectOn401: false })
      .then((r) => {
        setList((old) => (p === 1 ? r.warnings : [...(old ?? []), ...r.warnings]));
        setHasMore(r.hasMore ?? false);
        setPage(p);
        setProblem('');
      })
      .catch(() => setProblem('暂时无法载入历史预警，请稍后再试。'));

  // Loaded at first, then again with every refresh of the active list (a 解除 or 取消 leaves that list unchanged).
  useEffect(() => void load(1), [version]);

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
              <a href={w.url}>{w.title}</a>
              <span class="history-meta">
                {w.status !== 'Actual' && <strong class="drill-tag">{w.statusName}</strong>}
                <Badge w={w} /> · {areaText(w)} · 发布于 {w.sent ? shortTime(w.sent) : '—'}
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
