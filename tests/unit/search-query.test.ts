import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sentenceExcerpt } from '#site/lib/search/excerpt.ts';
import { meaningfulParts, normaliseQuery, officialWords, withoutQuestionWords } from '#site/lib/search/query-words.ts';

const FC = { seed: 20261204, numRuns: 300 };
/** Text as residents type it: Chinese characters, question words, punctuation, Latin letters and digits. */
const residentText = fc
  .array(fc.oneof(fc.constantFrom(...'煤气味电梯暴雨怎么办能不能还是吗了呢，。？！ AED１２０的在被把'), fc.string({ maxLength: 2 })), {
    maxLength: 24,
  })
  .map((xs) => xs.join(''));

describe('query words', () => {
  test('drops question words and fillers, keeps what the question is about', () => {
    expect(meaningfulParts('闻到煤气味能不能开灯？')).toEqual(expect.arrayContaining(['开灯']));
    expect(meaningfulParts('闻到煤气味能不能开灯？').join('')).not.toMatch(/能不能|？/);
    expect(meaningfulParts('地震的时候往外跑还是躲桌子底下')).not.toContain('还是');
    expect(meaningfulParts('水漫进屋了怎么办')).not.toContain('怎么办');
    expect(meaningfulParts('怎么办？')).toEqual([]);
  });

  test('puts back together characters the word breaker split (汤/圆 → 汤圆)', () => {
    expect(meaningfulParts('汤圆噎住了')).toEqual(['汤圆', '噎住']);
  });

  test('normalises full-width letters, digits and punctuation', () => {
    expect(normaliseQuery('ＡＥＤ在哪？ 打１２０')).toBe('aed在哪 打120');
  });

  test('finds the guides’ words for spoken ones', () => {
    expect(officialWords('家里天然气漏了')).toEqual(['燃气']);
    expect(officialWords('发大水了')).toContain('洪水');
    expect(officialWords('闪电打雷')).toEqual(['雷电']);
    expect(officialWords('水漫进屋')).toEqual(['内涝']);
    expect(officialWords('冒黑烟')).toContain('火灾');
    expect(officialWords('燃气泄漏')).toEqual([]);
  });

  test('every part is a piece of the normalised query, and none is a question word', () => {
    fc.assert(
      fc.property(residentText, (q) => {
        const text = normaliseQuery(q);
        for (const p of meaningfulParts(q)) {
          expect(text).toContain(p);
          expect(['怎么办', '能不能', '还是', '吗', '呢', '了']).not.toContain(p);
        }
        for (const chunk of withoutQuestionWords(q)) expect(chunk).not.toMatch(/\s/);
      }),
      FC,
    );
  });
});

describe('sentence excerpts', () => {
  const content = '燃气泄漏. 闻到煤气味时该做什么. 预防. 天然气本身几乎没有气味，闻起来像臭鸡蛋。家里装报警器。';

  test('start at the sentence that holds the query, and mark its words', () => {
    expect(sentenceExcerpt(content, '燃气泄漏', ['臭鸡蛋'])).toMatch(/^天然气本身几乎没有气味，闻起来像<mark>臭鸡蛋<\/mark>。/);
  });

  test('without a match, start after the title', () => {
    expect(sentenceExcerpt(content, '燃气泄漏', ['电梯'])).toMatch(/^闻到煤气味时该做什么/);
  });

  test('are the page’s own text, escaped, with nothing added but <mark>', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 3 }), (text, words) => {
        const html = sentenceExcerpt(text, '', words);
        const plain = html.replace(/<\/?mark>/g, '');
        expect(plain).not.toMatch(/[<>]/);
        const unescaped = plain.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/…$/, '');
        // Block joins (". " after Chinese) read as 。; otherwise the excerpt is a slice of the text.
        expect(text.replace(/(?<=[\p{Script=Han}）”])\. ?/gu, '。')).toContain(unescaped.trim());
      }),
      FC,
    );
  });
});
