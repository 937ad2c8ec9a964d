/**
 * Chinese text similarity for spotting duplicate ideas. Chinese has no spaces between words, so the
 * text is cut into overlapping character bigrams (暴雨预警 → 暴雨, 雨预, 预警) and two texts are
 * compared by the cosine of their bigram counts. Letters and digits count as characters too;
 * punctuation and spaces only separate runs.
 */

/** Counts of the character bigrams of `text` (a lone character counts as a unigram). */
export function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const runs =
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) counts.set(run, (counts.get(run) ?? 0) + 1);
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = `${chars[i]}${chars[i + 1]}`;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

/** Cosine similarity of two bigram count vectors, 0 (nothing shared) to 1 (same text). */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [gram, n] of a) {
    normA += n * n;
    const m = b.get(gram);
    if (m) dot += n * m;
  }
  for (const n of b.values()) normB += n * n;
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/** Something that can be compared. */
interface Comparable {
  id: number;
  title: string;
  summary: string;
}

/** The `limit` items most similar to `text`, best first, at or above `threshold`. */
export function mostSimilar<T extends Comparable>(text: string, items: readonly T[], limit = 5, threshold = 0.2) {
  const query = bigrams(text);
  return items
    .map((item) => ({ item, score: cosine(query, bigrams(`${item.title} ${item.summary}`)) }))
    .filter((r) => r.score >= threshold)
    .sort((x, y) => y.score - x.score || y.item.id - x.item.id)
    .slice(0, limit);
}
