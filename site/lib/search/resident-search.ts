/**
 * Search as residents ask: the whole query first, then its meaningful parts and the guides' words for
 * its spoken words, merged, with guides ahead of other pages for the same words. Runs the same in the
 * search island and in Node over the built index (tests/content/search.test.ts).
 */
import { SENTENCE_END, sentenceExcerpt } from './excerpt.ts';
import { meaningfulParts, normaliseQuery, officialWords } from './query-words.ts';

/** What Pagefind gives for one page, as far as this module reads it. */
export interface PagefindPage {
  url: string;
  content: string;
  meta: { title?: string; 问法?: string };
  filters: Record<string, string[]>;
}
/** The parts of Pagefind's search API this module uses (the browser bundle, loaded in the browser or in Node). */
export interface PagefindSearch {
  search(q: string): Promise<{ results: Array<{ id: string; score: number; data(): Promise<PagefindPage> }> } | null>;
}

/** Options for `pagefind.options()`: the 常见问法 of each guide (meta `问法`) counts as much as its title. */
export const PAGEFIND_OPTIONS = {
  excerptLength: 40,
  ranking: { metaWeights: { title: 5, 问法: 5 } },
} as const;

/** The filter names the index carries (see the `data-pagefind-filter` attributes of the pages). */
export const TYPE_FILTER = '类型';
export const CATEGORY_FILTER = '灾种类别';

/** One result, ready to show. */
export interface SearchHit {
  id: string;
  url: string;
  title: string;
  /** 指南, 课程, 活动, 资料, 避难场所. */
  type: string;
  /** The class of emergency, for guides. */
  category: string;
  /** HTML: the site's own text, escaped, starting at a sentence, with the query's words in <mark>. */
  excerpt: string;
  score: number;
}

/** How much the whole query counts against one of its parts. */
const WHOLE_QUERY_WEIGHT = 2;
/** How much a one-character part counts against a word of two or more. */
const SINGLE_CHARACTER_WEIGHT = 0.3;
/** For the same words, a guide (the page that tells what to do) before a course, an event or a handout. */
const TYPE_WEIGHT: Record<string, number> = { 指南: 1.6, 避难场所: 1 };
const OTHER_TYPE_WEIGHT = 0.75;
/** A page that holds every part of the question beats one that holds one part many times. */
const COVERAGE_WEIGHT = 0.6;
/** A page that holds the query word for word, over one that holds its characters apart. */
const VERBATIM_WEIGHT = 2;
/** Pages read to rank and show: enough for every filter count a resident would look at. */
const MAX_HITS = 40;

/**
 * How much of the query's meaning (its parts, by length) one sentence of the page holds, from 0 to 1:
 * the best sentence counts, so words that answer the question together beat words scattered apart.
 */
function coverage(parts: string[], sentences: string[]): number {
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (total === 0) return 1;
  let best = 0;
  for (const s of sentences)
    best = Math.max(
      best,
      parts.reduce((n, p) => n + (s.includes(p) ? p.length : 0), 0),
    );
  return best / total;
}

/** What a search found; `exact` when the first result holds every meaningful word of the query in one sentence (or its 常见问法). */
export interface SearchAnswer {
  hits: SearchHit[];
  exact: boolean;
}

/** Results for `query`, best first (at most 40); empty only when no page shares a meaningful word with it. */
export async function searchAsResidentsAsk(pf: PagefindSearch, query: string): Promise<SearchAnswer> {
  const whole = normaliseQuery(query);
  if (!whole) return { hits: [], exact: false };
  const parts = meaningfulParts(query);
  // Nothing but question words (“怎么办？”): every page would match, and none would answer.
  if (parts.length === 0) return { hits: [], exact: false };
  const extra = officialWords(query);
  const searches: Array<[q: string, weight: number]> = [[whole, WHOLE_QUERY_WEIGHT]];
  const words = parts.filter((p) => [...p].length > 1);
  if (words.length > 1) searches.push([words.join(' '), WHOLE_QUERY_WEIGHT]);
  // A single Chinese character means many things: it counts, but less than a word.
  for (const p of [...parts, ...extra]) if (p !== whole) searches.push([p, [...p].length > 1 ? 1 : SINGLE_CHARACTER_WEIGHT]);

  const scores = new Map<string, { score: number; data: () => Promise<PagefindPage> }>();
  // Pages that hold the query word for word (Pagefind's quoted search; it does not rank them).
  const phrase = whole.includes(' ') ? null : pf.search(`"${whole}"`);
  const answers = await Promise.all(searches.map(([q]) => pf.search(q)));
  const verbatim = new Set((await phrase)?.results.map((r) => r.id));
  answers.forEach((res, i) => {
    const weight = searches[i]?.[1] ?? 1;
    for (const r of res?.results ?? []) {
      const seen = scores.get(r.id);
      if (seen) seen.score += weight * r.score;
      else scores.set(r.id, { score: weight * r.score, data: () => r.data() });
    }
  });

  const best = [...scores.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, MAX_HITS);
  // One character alone is marked only when it is the whole query: elsewhere it lights up half the page.
  const marked = [whole, ...parts.filter((p) => [...p].length > 1), ...extra];
  const hits = await Promise.all(
    best.map(async ([id, { score, data }]) => {
      const d = await data();
      const type = d.filters[TYPE_FILTER]?.[0] ?? '';
      const sentences = [...d.content.toLowerCase().split(SENTENCE_END), d.meta['问法'] ?? ''];
      const covered = coverage([...parts, ...extra], sentences);
      return {
        id,
        url: d.url,
        title: d.meta.title ?? d.url,
        type,
        category: d.filters[CATEGORY_FILTER]?.[0] ?? '',
        excerpt: sentenceExcerpt(d.content, d.meta.title ?? '', marked),
        score:
          score *
          (TYPE_WEIGHT[type] ?? OTHER_TYPE_WEIGHT) *
          (1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * covered) *
          (verbatim.has(id) ? VERBATIM_WEIGHT : 1),
        covered,
      };
    }),
  );
  hits.sort((a, b) => b.score - a.score);
  return { hits: hits.map(({ covered: _, ...hit }) => hit), exact: hits[0]?.covered === 1 };
}

/** How many of `hits` have each value of `filter`: the counts a filter shows for the current query. */
export function countBy(hits: SearchHit[], key: 'type' | 'category'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const h of hits) if (h[key]) counts[h[key]] = (counts[h[key]] ?? 0) + 1;
  return counts;
}
