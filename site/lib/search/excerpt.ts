/**
 * Excerpts that start at a sentence. Pagefind's own excerpt is a window of words that may open in the
 * middle of one, or at the ". " it puts between blocks; this one opens where the sentence holding the
 * first word of the query opens.
 */

/** Characters of page text an excerpt shows. */
const EXCERPT_CHARS = 80;
/** Where a sentence ends: Chinese stops, and the ". " Pagefind writes between blocks (headings, list items). */
export const SENTENCE_END = /[。！？；!?]|\. /g;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where each sentence of `text` starts. */
function sentenceStarts(text: string): number[] {
  return [0, ...[...text.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length)];
}

/** The end of the first sentence that makes the excerpt long enough, or `from + max` when none ends in time. */
function sentenceEnd(text: string, from: number, max: number): number {
  const window = text.slice(from, from + max);
  for (const m of window.matchAll(SENTENCE_END)) if (m.index >= max / 3) return from + m.index + m[0].trimEnd().length;
  return Math.min(text.length, from + max);
}

/**
 * An HTML excerpt of `content`: from the start of the sentence that holds most of `words` (or the first
 * sentence after the title when none does), about 80 characters, the words marked.
 */
export function sentenceExcerpt(content: string, title: string, words: string[]): string {
  // The page text opens with its title; the excerpt shows what follows it.
  const body = title && content.startsWith(title) ? content.slice(title.length).replace(/^[.\s]+/, '') : content;
  const terms = [...new Set(words.filter((w) => w.trim() !== ''))].sort((a, b) => b.length - a.length);
  const lower = body.toLowerCase();
  // The sentence that holds most of the query (by characters); the first one on a tie.
  const starts = sentenceStarts(lower);
  let from = 0;
  let best = 0;
  starts.forEach((start, i) => {
    const sentence = lower.slice(start, starts[i + 1] ?? lower.length);
    const held = terms.reduce((n, t) => n + (sentence.includes(t.toLowerCase()) ? t.length : 0), 0);
    if (held > best) [best, from] = [held, start];
  });
  const at = best > 0 ? Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase(), from)).filter((i) => i >= 0)) : from;
  // In a long sentence, open at the clause that holds the word, so the word is in view.
  if (at - from > EXCERPT_CHARS / 2) from = Math.max(from, body.lastIndexOf('，', at) + 1);
  const to = sentenceEnd(body, from, EXCERPT_CHARS);
  // Pagefind joins blocks (a heading, a list item) with ". "; in Chinese text that reads as 。.
  const text = body
    .slice(from, to)
    .trim()
    .replace(/(?<=[\p{Script=Han}）”])\. ?/gu, '。');
  const suffix = to < body.length && !/[。！？；.!?]$/.test(text) ? '…' : '';
  if (terms.length === 0) return escapeHtml(text) + suffix;
  const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  let html = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    html += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return html + escapeHtml(text.slice(last)) + suffix;
}
