import { describe, expect, test } from 'vitest';
import { bigrams, cosine, mostSimilar } from '#api/ideas/similarity.ts';

describe('bigrams', () => {
  test('cuts Chinese into overlapping character pairs and ignores punctuation and case', () => {
    expect([...bigrams('暴雨预警！').keys()]).toEqual(['暴雨', '雨预', '预警']);
    expect(bigrams('App，APP')).toEqual(bigrams('app app'));
  });

  test('counts a lone character as itself', () => {
    expect([...bigrams('灯 柜').keys()]).toEqual(['灯', '柜']);
  });
});

describe('cosine', () => {
  test('is 1 for the same text, 0 for nothing shared and in between for a paraphrase', () => {
    const a = bigrams('社区设置应急物资共享柜');
    expect(cosine(a, a)).toBeCloseTo(1);
    expect(cosine(a, bigrams('学校地震疏散演练'))).toBe(0);
    const near = cosine(a, bigrams('在社区里设置应急物资柜'));
    expect(near).toBeGreaterThan(0.5);
    expect(near).toBeLessThan(1);
    expect(cosine(a, new Map())).toBe(0);
  });
});

describe('mostSimilar', () => {
  const ideas = [
    { id: 1, title: '社区应急物资共享柜', summary: '存放手电雨衣急救包' },
    { id: 2, title: '学校地震疏散演练', summary: '每学期一次' },
    { id: 3, title: '应急物资柜进小区', summary: '暴雨停电时就近取用手电' },
  ];

  test('returns the close ones best first and leaves out the unrelated', () => {
    const found = mostSimilar('小区里放应急物资柜，停电时取用手电', ideas);
    expect(found.map((f) => f.item.id)).toEqual([3, 1]);
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 1);
    expect(mostSimilar('在社区设置应急物资共享柜存放急救包', ideas).map((f) => f.item.id)).toEqual([1]);
  });

  test('respects the limit', () => {
    expect(mostSimilar('应急物资', ideas, 1)).toHaveLength(1);
  });
});
