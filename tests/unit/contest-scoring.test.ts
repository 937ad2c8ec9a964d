import { describe, expect, test } from 'vitest';
import { formatDuration, scoreOf } from '#api/contests/labels.ts';
import { choiceProblem, isCorrect, toBankChoice, toShownChoice } from '#api/contests/scoring.ts';
import { attemptOrder, permutation } from '#api/contests/shuffle.ts';
import { secureRandom } from '#api/contests/store.ts';

describe('scoring', () => {
  test('maps the options a participant saw back to the bank and forth again', () => {
    // Shown A, B, C, D are bank options 2, 0, 3, 1.
    const order = [2, 0, 3, 1];
    expect(toBankChoice([0, 3], order)).toEqual([1, 2]);
    expect(toShownChoice([1, 2], order)).toEqual([0, 3]);
    expect(toBankChoice([4], order)).toBeNull();
  });

  test('counts 多选 all-or-nothing: a missing or an extra option makes it wrong', () => {
    expect(isCorrect([0, 2], [0, 2])).toBe(true);
    expect(isCorrect([2, 0], [0, 2])).toBe(true);
    expect(isCorrect([0], [0, 2])).toBe(false);
    expect(isCorrect([0, 1, 2], [0, 2])).toBe(false);
    expect(isCorrect([], [1])).toBe(false);
  });

  test('refuses two answers to a single-choice question and options beyond the last', () => {
    expect(choiceProblem('single', [0, 1], 4)).toContain('只能选一个');
    expect(choiceProblem('multiple', [0, 1], 4)).toBeNull();
    expect(choiceProblem('truefalse', [2], 2)).toContain('选项不存在');
  });

  test('scores out of 100 and writes durations in Chinese', () => {
    expect(scoreOf(9, 10)).toBe(90);
    expect(scoreOf(2, 3)).toBe(66.7);
    expect(formatDuration(725_000)).toBe('12分05秒');
    expect(formatDuration(45_000)).toBe('45秒');
  });
});

describe('attemptOrder', () => {
  const rand = (n: number) => (n > 1 ? 1 : 0);
  const questions = [
    { type: 'single', options: ['a', 'b', 'c', 'd'] },
    { type: 'truefalse', options: ['正确', '错误'] },
    { type: 'multiple', options: ['a', 'b', 'c'] },
  ];

  test('shuffles question and option order per participant but keeps 正确 before 错误', () => {
    const o = attemptOrder(questions, { shuffleQuestions: true, shuffleOptions: true }, rand);
    expect([...o.questionOrder].sort()).toEqual([0, 1, 2]);
    o.questionOrder.forEach((p, n) => {
      expect([...(o.optionOrders[n] ?? [])].sort()).toEqual(questions[p]?.options.map((_, i) => i));
      if (questions[p]?.type === 'truefalse') expect(o.optionOrders[n]).toEqual([0, 1]);
    });
  });

  test('draws every place of a shuffle about equally often (no option is favoured)', () => {
    // Four options, 40,000 shuffles: each option should come first about 10,000 times.
    const first = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) first[permutation(4, secureRandom)[0] as number]! += 1;
    for (const count of first) expect(Math.abs(count - 10_000)).toBeLessThan(600);
    for (const n of [1, 3, 7, 20]) {
      const seen = new Set(Array.from({ length: 2000 }, () => secureRandom(n)));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  test('keeps the written order when the organiser turns shuffling off', () => {
    expect(attemptOrder(questions, { shuffleQuestions: false, shuffleOptions: false }, rand)).toEqual({
      questionOrder: [0, 1, 2],
      optionOrders: [
        [0, 1, 2, 3],
        [0, 1],
        [0, 1, 2],
      ],
    });
  });

  test('permutation is a permutation', () => {
    expect([...permutation(7, (n) => Math.floor(Math.random() * n))].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
