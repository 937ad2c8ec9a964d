import { useEffect, useRef, useState } from 'preact/hooks';

/** The parts of Pagefind's browser API this island uses. */
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(
    q: string,
    o?: { filters?: Record<string, string[]> },
    ms?: number,
  ): Promise<{ results: Array<{ id: string; data(): Promise<ResultData> }> } | null>;
}
interface ResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
}
interface Hit {
  id: string;
  url: string;
  title: string;
  excerpt: string;
  type: string;
}

/** Pagefind lives at a fixed path of the built site; loading it at run time keeps it out of the bundle. */
const PAGEFIND_URL = '/pagefind/pagefind.js';
const FILTER_KEYS = ['类型', '灾种类别'] as const;

/** Full-text search over guides, lessons, events and shelters, in Chinese, with filters. */
export default function Search({ initialQuery = '' }: { initialQuery?: string }) {
  const [pagefind, setPagefind] = useState<Pagefind | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState(initialQuery);
  const [filters, setFilters] = useState<Record<string, Record<string, number>>>({});
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [total, setTotal] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = new URLSearchParams(location.search).get('q');
    if (q) setQuery(q);
    import(/* @vite-ignore */ PAGEFIND_URL)
      .then(async (pf: Pagefind) => {
        await pf.options({ excerptLength: 40 });
        await pf.init();
        setFilters(await pf.filters());
        setPagefind(pf);
      })
      .catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    if (!pagefind) return;
    const q = query.trim();
    const active = Object.fromEntries(
      Object.entries(chosen)
        .filter(([, v]) => v)
        .map(([k, v]) => [k, [v]]),
    );
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    void pagefind.debouncedSearch(q, { filters: active }, 200).then(async (res) => {
      if (!res || !live) return;
      setTotal(res.results.length);
      const data = await Promise.all(res.results.slice(0, 20).map(async (r) => ({ id: r.id, d: await r.data() })));
      if (!live) return;
      setHits(
        data.map(({ id, d }) => ({ id, url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt, type: d.filters['类型']?.[0] ?? '' })),
      );
      const url = new URL(location.href);
      url.searchParams.set('q', q);
      history.replaceState(null, '', url);
    });
    return () => {
      live = false;
    };
  }, [pagefind, query, chosen]);

  if (failed) return <p class="notice">搜索暂时无法使用（可能是网络断开且搜索索引尚未缓存）。请到应急知识栏目按类别查找。</p>;

  return (
    <div class="search-ui">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="search-q">搜索关键词</label>
        <input
          id="search-q"
          ref={input}
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          placeholder="例如：内涝怎么办、煤气味、心肺复苏"
        />
        {FILTER_KEYS.filter((k) => filters[k]).map((key) => (
          <div class="filter" key={key}>
            <label for={`f-${key}`}>{key}</label>
            <select id={`f-${key}`} value={chosen[key] ?? ''} onChange={(e) => setChosen({ ...chosen, [key]: e.currentTarget.value })}>
              <option value="">全部</option>
              {Object.entries(filters[key] ?? {}).map(([v, n]) => (
                <option value={v} key={v}>
                  {v}（{n}）
                </option>
              ))}
            </select>
          </div>
        ))}
      </form>
      <p aria-live="polite" class="status">
        {!pagefind
          ? '正在加载搜索……'
          : hits === null
            ? ''
            : hits.length === 0
              ? `没有找到与“${query.trim()}”相关的内容，换个说法试试。`
              : `找到 ${total} 条结果`}
      </p>
      {hits && hits.length > 0 && (
        <ol class="results">
          {hits.map((h) => (
            <li key={h.id}>
              <a href={h.url}>{h.title}</a>
              {h.type && <span class="type">{h.type}</span>}
              {/* Pagefind builds the excerpt from the site's own text, escaping it and adding only <mark>. */}
              <p dangerouslySetInnerHTML={{ __html: h.excerpt }} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
