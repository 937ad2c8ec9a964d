import { useEffect, useState } from 'preact/hooks';
import {
  CATEGORY_FILTER,
  PAGEFIND_OPTIONS,
  TYPE_FILTER,
  countBy,
  searchAsResidentsAsk,
  type PagefindSearch,
  type SearchAnswer,
  type SearchHit,
} from '../lib/search/resident-search.ts';

/** The parts of Pagefind's browser API this island uses besides searching. */
interface Pagefind extends PagefindSearch {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** Pagefind lives at a fixed path of the built site; loading it at run time keeps it out of the bundle. */
const PAGEFIND_URL = '/pagefind/pagefind.js';
/** The two filters, and the field of a result each one reads. */
const FILTERS = [
  [TYPE_FILTER, 'type'],
  [CATEGORY_FILTER, 'category'],
] as const;
/** Wait this long after the last key press before searching. */
const TYPING_PAUSE_MS = 200;

/** Why search cannot answer: the index could not be loaded (offline before it was saved) or failed otherwise. */
type Failure = 'offline' | 'broken';

function failureOf(): Failure {
  return navigator.onLine ? 'broken' : 'offline';
}

/**
 * Whether the whole index is saved on this device: the service worker precaches all of it before it
 * takes control, so a controlled page has it. Without it, Pagefind answers an unreadable part of the
 * index with no results, which offline must not be shown as “没有找到”.
 */
async function indexSaved(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller || !('caches' in window)) return false;
  return (await caches.keys()).some((name) => name.startsWith('yzready-precache-'));
}

/** The header's search box shows the query of this page too. */
function keepInHeader(q: string): void {
  const box = document.getElementById('site-search');
  if (box instanceof HTMLInputElement && box.value !== q) box.value = q;
}

/** Full-text search over guides, lessons, events, materials and shelters, for questions as residents ask them. */
export default function Search() {
  const [pagefind, setPagefind] = useState<Pagefind | null>(null);
  const [failed, setFailed] = useState<Failure | null>(null);
  const [query, setQuery] = useState('');
  const [values, setValues] = useState<Record<string, string[]>>({});
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    const q = new URLSearchParams(location.search).get('q') ?? '';
    setQuery(q);
    keepInHeader(q);
    import(/* @vite-ignore */ PAGEFIND_URL)
      .then(async (pf: Pagefind) => {
        await pf.options(PAGEFIND_OPTIONS);
        await pf.init();
        const all = await pf.filters();
        setValues(Object.fromEntries(FILTERS.map(([name]) => [name, Object.keys(all[name] ?? {})])));
        setPagefind(pf);
      })
      .catch(() => setFailed(failureOf()));
  }, []);

  useEffect(() => {
    if (!pagefind) return;
    const q = query.trim();
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    keepInHeader(q);
    if (!q) {
      setAnswer(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchAsResidentsAsk(pagefind, q)
        .then(async (found) => {
          const partial = !navigator.onLine && !(await indexSaved());
          if (!live) return;
          setFailed(partial && found.hits.length === 0 ? 'offline' : null);
          setAnswer({ ...found, query: q, partial });
        })
        // A part of the index that was never saved cannot be read offline: say so, never "nothing found".
        .catch(() => live && setFailed(failureOf()));
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pagefind, query]);

  const hits = answer?.hits ?? [];
  const matches = (h: SearchHit, except?: string) =>
    FILTERS.every(([name, field]) => name === except || !chosen[name] || h[field] === chosen[name]);
  const shown = hits.filter((h) => matches(h));
  // Each filter counts the results of this query that the other filter lets through.
  const counts = Object.fromEntries(
    FILTERS.map(([name, field]) => [
      name,
      countBy(
        hits.filter((h) => matches(h, name)),
        field,
      ),
    ]),
  );

  return (
    <div class="search-ui">
      <form role="search" aria-label="搜索本站内容" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="search-q">搜索关键词或问题</label>
          <input
            id="search-q"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            placeholder="例如：闻到煤气味怎么办"
            enterkeyhint="search"
          />
        </div>
        {FILTERS.filter(([name]) => (values[name]?.length ?? 0) > 0).map(([name]) => (
          <div class="filter" key={name}>
            <label for={`f-${name}`}>{name}</label>
            <select id={`f-${name}`} value={chosen[name] ?? ''} onChange={(e) => setChosen({ ...chosen, [name]: e.currentTarget.value })}>
              <option value="">全部{answer ? `（${hits.filter((h) => matches(h, name)).length}）` : ''}</option>
              {(values[name] ?? []).map((v) => (
                <option value={v} key={v}>
                  {v}
                  {answer ? `（${counts[name]?.[v] ?? 0}）` : ''}
                </option>
              ))}
            </select>
          </div>
        ))}
      </form>
      <p aria-live="polite" class="status">
        {status(pagefind !== null, failed, answer, shown.length)}
      </p>
      {failed && (
        <p class="fallback">
          可以先按栏目查找：<a href="/guides/">应急知识</a>、<a href="/shelters/">避难场所</a>、<a href="/numbers/">应急电话</a>。
        </p>
      )}
      {!failed && shown.length > 0 && (
        <ol class="results" aria-label="搜索结果">
          {shown.map((h) => (
            <li key={h.id}>
              <a href={h.url}>{h.title}</a>
              {h.type && <span class="type">{h.type}</span>}
              {/* The excerpt is the site's own text, escaped, with only <mark> added (lib/search/excerpt.ts). */}
              <p dangerouslySetInnerHTML={{ __html: h.excerpt }} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** What one search found, for which query, and whether parts of the index could not be read (offline, not saved). */
type Answer = SearchAnswer & { query: string; partial: boolean };

/** The one line that says what the search did. */
function status(ready: boolean, failed: Failure | null, answer: Answer | null, shown: number): string {
  if (failed === 'offline')
    return '现在没有网络连接，而搜索索引还没有保存到这台设备上，暂时无法搜索。联网后打开一次本站的任意页面，以后就能离线搜索。';
  if (failed === 'broken') return '搜索暂时无法使用，请稍后再试。';
  if (!ready) return '正在加载搜索……';
  if (!answer) return '';
  if (answer.hits.length === 0)
    return `没有找到与“${answer.query}”相关的内容。换个说法试试，比如只写出事的东西或地方：“煤气”“电梯”“积水”。`;
  if (shown === 0) return `“${answer.query}”有 ${answer.hits.length} 条结果，但不在所选的类别里。`;
  // Found by parts of the question rather than all of it: say so, in few words.
  const found = answer.exact ? `找到 ${shown} 条结果` : `找到 ${shown} 条相关结果`;
  return answer.partial ? `${found}。现在没有网络，搜索索引没有完整保存在这台设备上，结果可能不全。` : found;
}
