import { describe, expect, test } from 'vitest';
import { contestBank } from '#api/contests/bank.ts';
import { countsFromWeights, pickQuestions, SelectionError, tally } from '#api/contests/selection.ts';
import type { MixSelection } from '#api/contests/contract.ts';

/** A seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
}

const mix = (
  count: number,
  parts: { [K in 'category' | 'type' | 'difficulty']?: Partial<MixSelection[K]> } = {},
  source: MixSelection['source'] = 'all',
): MixSelection => ({
  mode: 'mix',
  count,
  source,
  category: { natural: 0, accident: 0, health: 0, social: 0, ...parts.category },
  type: { single: 0, multiple: 0, truefalse: 0, ...parts.type },
  difficulty: { '1': 0, '2': 0, '3': 0, ...parts.difficulty },
});

describe('countsFromWeights', () => {
  test('splits a count by shares with whole numbers that add up', () => {
    expect(countsFromWeights({ a: 1, b: 1, c: 1 }, 10)).toEqual({ a: 4, b: 3, c: 3 });
    expect(countsFromWeights({ a: 3, b: 1, c: 1 }, 20)).toEqual({ a: 12, b: 4, c: 4 });
    expect(countsFromWeights({ a: 0, b: 0 }, 10)).toBeNull();
  });
});

describe('pickQuestions', () => {
  const bank = contestBank();

  test('meets category shares exactly and type and difficulty shares as asked, for every audience', () => {
    for (const audience of ['小学', '中学', '成人'] as const) {
      const picked = pickQuestions(
        bank,
        mix(20, {
          category: { natural: 2, accident: 2, health: 1 },
          type: { single: 3, multiple: 1, truefalse: 1 },
          difficulty: { '1': 2, '2': 2, '3': 1 },
        }),
        audience,
        seeded(7),
      );
      expect(picked).toHaveLength(20);
      expect(new Set(picked.map((q) => q.id)).size).toBe(20);
      expect(picked.every((q) => q.audience.includes(audience))).toBe(true);
      const t = tally(picked);
      expect(t.category).toEqual({ natural: 8, accident: 8, health: 4, social: 0 });
      expect(t.type).toEqual({ single: 12, multiple: 4, truefalse: 4 });
      if (audience !== '小学') expect(t.difficulty).toEqual({ '1': 8, '2': 8, '3': 4 });
    }
  });

  test('draws different questions with different luck', () => {
    const a = pickQuestions(bank, mix(10), '成人', seeded(1)).map((q) => q.id);
    const b = pickQuestions(bank, mix(10), '成人', seeded(2)).map((q) => q.id);
    expect(a).not.toEqual(b);
  });

  test('says how many questions there are when the bank has too few', () => {
    const social = bank.filter((q) => q.category === 'social' && q.audience.includes('小学')).length;
    expect(social).toBeLessThan(30);
    expect(() => pickQuestions(bank, mix(30, { category: { social: 1 } }), '小学', seeded(1))).toThrow(SelectionError);
    expect(() => pickQuestions(bank, mix(30, { category: { social: 1 } }), '小学', seeded(1))).toThrow(
      `社会安全事件”题目只有 ${social} 道，少于所需的 30 道`,
    );
  });

  test('a contest from the contest-only questions draws none that 练一练 publishes, and says when there are too few', () => {
    for (const audience of ['小学', '中学', '成人'] as const) {
      const picked = pickQuestions(bank, mix(20, { category: { natural: 1, accident: 1, health: 1 } }, 'reserved'), audience, seeded(3));
      expect(picked).toHaveLength(20);
      expect(picked.every((q) => q.reserved)).toBe(true);
    }
    const reservedSocial = bank.filter((q) => q.reserved && q.category === 'social' && q.audience.includes('小学')).length;
    expect(() => pickQuestions(bank, mix(30, { category: { social: 1 } }, 'reserved'), '小学', seeded(1))).toThrow(
      `竞赛专用题中适合小学的“社会安全事件”题目只有 ${reservedSocial} 道，少于所需的 30 道，请调整比例，或把题目来源改为“全部题库”。`,
    );
  });

  test('about a third of every guide’s questions are contest-only, so both 练一练 and contests cover every guide', () => {
    const guides = new Set(bank.map((q) => q.guide));
    for (const g of guides) {
      const mine = bank.filter((q) => q.guide === g);
      const reserved = mine.filter((q) => q.reserved).length;
      expect(reserved, g).toBeGreaterThanOrEqual(3);
      expect(mine.length - reserved, g).toBeGreaterThanOrEqual(8);
    }
  });
});
