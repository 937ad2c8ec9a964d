import { describe, expect, test } from 'vitest';
import { DEFAULT_AWARDS, DEFAULT_CRITERIA } from '#api/ideas/labels.ts';
import { panelScore, rankIdeas, suggestAwards, weightedMean } from '#api/ideas/ranking.ts';

describe('weightedMean', () => {
  test('weighs 创新性 30%, 可行性 40%, 实用效益 30%', () => {
    expect(weightedMean(DEFAULT_CRITERIA, { innovation: 10, feasibility: 5, benefit: 10 })).toBe(8);
    expect(weightedMean(DEFAULT_CRITERIA, { innovation: 7, feasibility: 7, benefit: 7 })).toBe(7);
  });
});

describe('panelScore', () => {
  test('averages up to four judges as they are', () => {
    expect(panelScore([10, 1, 7, 6])).toBe(6);
    expect(panelScore([])).toBeNull();
  });

  test('drops the highest and the lowest once five judges have scored', () => {
    expect(panelScore([10, 8, 7, 6, 1])).toBe(7);
    expect(panelScore([9, 9, 9, 9, 1, 1])).toBe(7);
  });
});

describe('rankIdeas', () => {
  test('ranks best first, shares ranks on equal scores and puts unscored ideas last', () => {
    const rows = rankIdeas([
      { ideaId: 1, supportCount: 0, judgeMeans: [6] },
      { ideaId: 2, supportCount: 5, judgeMeans: [8] },
      { ideaId: 3, supportCount: 9, judgeMeans: [] },
      { ideaId: 4, supportCount: 1, judgeMeans: [7, 9] },
    ]);
    expect(rows.map((r) => [r.ideaId, r.score, r.rank])).toEqual([
      [2, 8, 1],
      [4, 8, 1],
      [1, 6, 3],
      [3, null, null],
    ]);
  });
});

describe('suggestAwards', () => {
  test('fills the award levels best first and leaves the rest without one', () => {
    const ranking = rankIdeas([9, 8, 7, 6, 5].map((m, i) => ({ ideaId: i + 1, supportCount: 0, judgeMeans: [m] })));
    const awards = [
      { code: 'first', name: '一等奖', count: 1 },
      { code: 'second', name: '二等奖', count: 2 },
    ];
    expect([...suggestAwards(ranking, awards)]).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'second'],
    ]);
    expect(suggestAwards(rankIdeas([{ ideaId: 1, supportCount: 0, judgeMeans: [] }]), DEFAULT_AWARDS).size).toBe(0);
  });
});
