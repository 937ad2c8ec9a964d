import { beforeAll, describe, expect, test } from 'vitest';
import { loadPagefind, topPaths, type PagefindApi } from '../fixtures/pagefind.ts';

// Queries residents actually type, and the page that must answer them: first, or within the top three.
const known: Array<[query: string, path: string, rank: 1 | 3]> = [
  ['暴雨', '/guides/rainstorm/', 1],
  ['内涝怎么办', '/guides/rainstorm/', 1],
  ['地震时在家', '/guides/earthquake/', 1],
  ['灭火器怎么用', '/guides/home-fire/', 3],
  ['心肺复苏', '/guides/cpr-aed/', 3],
  ['煤气味', '/guides/gas-leak/', 3],
  ['被困电梯', '/guides/elevator-entrapment/', 1],
  ['台风天出门', '/guides/typhoon/', 1],
  ['中暑', '/guides/heat/', 1],
  ['溺水', '/guides/drowning/', 1],
  ['打雷', '/guides/lightning/', 3],
  ['道路结冰', '/guides/cold-snow-ice/', 1],
  ['大雾开车', '/guides/fog-haze/', 3],
  ['龙卷风', '/guides/tornado/', 1],
  ['洪水', '/guides/flood/', 1],
  ['高楼着火', '/guides/high-rise-fire/', 3],
  ['电动车充电', '/guides/e-bike-fire/', 3],
  ['化工厂泄漏', '/guides/hazmat-leak/', 3],
  ['车祸', '/guides/traffic-accident/', 3],
  ['踩踏', '/guides/crowd-crush/', 1],
  ['食物中毒', '/guides/food-poisoning/', 1],
  ['止血', '/guides/bleeding-bandaging/', 1],
  ['噎住', '/guides/heimlich/', 3],
  ['海姆立克', '/guides/heimlich/', 1],
  ['AED', '/guides/cpr-aed/', 1],
  ['传染病', '/guides/infectious-disease/', 1],
  ['诈骗', '/guides/fraud-rumor/', 1],
  ['恐怖袭击', '/guides/terror-attack/', 1],
  ['警戒水位', '/guides/flood/', 1],
  ['里下河', '/guides/flood/', 1],
  ['崩岸', '/guides/geological-hazards/', 1],
  ['化粪池', '/guides/confined-space/', 1],
  ['菜窖', '/guides/confined-space/', 1],
  ['停电', '/guides/utility-outage/', 1],
  ['没电了', '/guides/utility-outage/', 3],
  ['防空警报', '/guides/air-raid-siren/', 1],
  ['冰雹', '/guides/wind-hail/', 1],
  ['放鞭炮', '/guides/fireworks/', 3],
  ['秸秆焚烧', '/guides/wildfire/', 1],
  ['骨折', '/guides/fracture-splinting/', 1],
  ['搬运伤员', '/guides/moving-casualties/', 1],
  ['回不了家', '/guides/stranded/', 1],
];

describe('Chinese search (Pagefind over the built site)', () => {
  let pf: PagefindApi;
  beforeAll(async () => {
    pf = await loadPagefind();
  });

  test.each(known)('“%s” finds %s', async (query, path, rank) => {
    const top = await topPaths(pf, query, rank);
    expect(top).toContain(path);
  });

  test('indexes guide pages but not index pages', async () => {
    const top = await topPaths(pf, '应急知识', 20);
    expect(top).not.toContain('/guides/');
    expect(top).not.toContain('/');
  });

  test('filters by type', async () => {
    const res = await pf.search('暴雨', { filters: { 类型: ['指南'] } });
    const data = await Promise.all(res.results.map((r) => r.data()));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((d) => d.url.includes('/guides/'))).toBe(true);
  });
});
