/**
 * How a resident's question becomes words to search for. Shared by the search island, by the guide
 * page (which writes each guide's 常见问法 into the index with the same words) and by the Node tests,
 * so all three cut text the same way. Pure functions: no I/O, no DOM.
 */

/** Question words and fillers that carry no topic: dropped from the query before it is cut into parts. */
const QUESTION_PHRASES = [
  '该怎么办',
  '怎么办',
  '咋办',
  '怎么样',
  '怎么',
  '怎样',
  '如何',
  '咋',
  '能不能',
  '能否',
  '可不可以',
  '可以吗',
  '要不要',
  '用不用',
  '会不会',
  '是不是',
  '有没有',
  '还是',
  '为什么',
  '是什么',
  '什么',
  '注意啥',
  '干什么',
  '干啥',
  '啥',
  '哪里',
  '哪儿',
  '往哪',
  '请问',
  '求助',
  '急',
  '应该',
  '需要',
];

/** Single characters that never make a topic on their own (particles, pronouns, measure words). */
const FILLER_CHARS = new Set([
  ...'的了吗呢吧啊呀哦嘛么着过在被把给让向从到和与跟是就都还也又很太挺好个只些这那我你他她它们有没不一里中边头后前时候会能要想去来说得地用',
]);

/** Spoken words and the words the guides use for the same thing: a query with the first also looks for the second. */
export const SPOKEN_TO_OFFICIAL: ReadonlyArray<readonly [spoken: string, official: string]> = [
  ['天然气', '燃气'],
  ['液化气', '燃气'],
  ['煤气', '燃气'],
  ['闪电', '雷电'],
  ['打雷', '雷电'],
  ['雷劈', '雷电'],
  ['雷击', '雷电'],
  ['水漫', '内涝'],
  ['淹水', '内涝'],
  ['进水', '内涝'],
  ['积水', '内涝'],
  ['发大水', '洪水'],
  ['涨水', '洪水'],
  ['大水', '洪水'],
  ['冒黑烟', '火灾'],
  ['冒烟', '火灾'],
  ['着火', '火灾'],
  ['起火', '火灾'],
  ['失火', '火灾'],
  ['电瓶车', '电动自行车'],
  ['电动车', '电动自行车'],
  ['炮仗', '鞭炮'],
  ['车祸', '交通事故'],
  ['撞车', '交通事故'],
  ['除颤器', 'AED'],
  ['除颤仪', 'AED'],
  ['拉肚子', '腹泻'],
  ['塌方', '滑坡'],
  ['发烧', '发热'],
  // Spoken and written forms of the same everyday words.
  ['孩子', '儿童'],
  ['小孩', '儿童'],
  ['没人', '无人'],
  ['车里', '车内'],
  ['屋里', '室内'],
];

/** Full-width letters and digits to half-width, lower case, punctuation to spaces. */
export function normaliseQuery(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The query without question words and fillers, as chunks of text that were not split by them. */
export function withoutQuestionWords(q: string): string[] {
  let text = normaliseQuery(q);
  for (const phrase of QUESTION_PHRASES) text = text.split(phrase).join(' ');
  return text.split(' ').filter((s) => s !== '');
}

type Segment = (text: string) => string[];

/** Words by the browser's (or Node's) ICU word breaker; without Intl.Segmenter, runs of two characters. */
const segmentWords: Segment = (() => {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
    return (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  }
  return (text: string) => text.match(/[a-z0-9]+|\p{Script=Han}{1,2}/gu) ?? [];
})();

/**
 * The meaningful words of a query: question words and single filler characters dropped, and runs of
 * single characters that the word breaker did not know put back together (汤/圆 → 汤圆, 发/紫 → 发紫).
 */
export function meaningfulParts(q: string): string[] {
  const parts: string[] = [];
  for (const chunk of withoutQuestionWords(q)) {
    let run = '';
    const flush = () => {
      if (run.length > 1 || (run.length === 1 && !FILLER_CHARS.has(run))) parts.push(run);
      run = '';
    };
    for (const word of segmentWords(chunk)) {
      const isSingle = [...word].length === 1;
      if (isSingle && !FILLER_CHARS.has(word)) {
        run += word;
        continue;
      }
      flush();
      if (!isSingle) parts.push(word);
    }
    flush();
  }
  return [...new Set(parts)];
}

/** The guides' words for the spoken words in a query (天然气 → 燃气), not already in it. */
export function officialWords(q: string): string[] {
  const text = normaliseQuery(q);
  const found = SPOKEN_TO_OFFICIAL.filter(([spoken, official]) => text.includes(spoken) && !text.includes(official)).map(([, o]) => o);
  return [...new Set(found)];
}
