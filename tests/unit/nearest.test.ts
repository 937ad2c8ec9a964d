import { describe, expect, test } from 'vitest';
import { formatDistance, formatWalk, haversineKm, rankNearest, walkingMinutes } from '#site/lib/nearest.ts';

const YZU = { lat: 32.398, lng: 119.419 };

describe('haversineKm', () => {
  test('returns 0 for the same point and is symmetric', () => {
    expect(haversineKm(YZU, YZU)).toBe(0);
    const b = { lat: 32.419, lng: 119.4275 };
    expect(haversineKm(YZU, b)).toBeCloseTo(haversineKm(b, YZU), 12);
  });

  test('returns 111.2 km for one degree of latitude and the known Shanghai–Beijing distance', () => {
    expect(haversineKm({ lat: 32, lng: 119 }, { lat: 33, lng: 119 })).toBeCloseTo(111.2, 1);
    // eviltransform's distance test: Shanghai to Beijing (GCJ-02 points) is 1 078 164 m on its sphere (R = 6 378 137 m);
    // on the mean Earth radius the same arc is about 0.1 % shorter.
    const km = haversineKm({ lat: 31.17530398364597, lng: 121.531541859215 }, { lat: 39.91334545536069, lng: 116.38404722455657 });
    expect(km).toBeGreaterThan(1076);
    expect(km).toBeLessThan(1079);
  });
});

describe('walkingMinutes', () => {
  test('walks 1 km straight line in 17 minutes (× 1.3 detour at 4.5 km/h), never less than 1 minute', () => {
    expect(walkingMinutes(1)).toBe(17);
    expect(walkingMinutes(4.5 / 1.3)).toBe(60);
    expect(walkingMinutes(0)).toBe(1);
  });
});

describe('rankNearest', () => {
  const shelters = [
    { id: 'far', lat: 32.79, lng: 119.47 },
    { id: 'near', lat: 32.3997, lng: 119.4186 },
    { id: 'mid', lat: 32.3825, lng: 119.4235 },
    { id: 'close', lat: 32.3985, lng: 119.4255 },
  ];

  test('returns the shelters nearest first, with distance and walking time', () => {
    const r = rankNearest(YZU, shelters, 3);
    expect(r.map((x) => x.shelter.id)).toEqual(['near', 'close', 'mid']);
    expect(r[0]?.km).toBeCloseTo(0.19, 2);
    expect(r[0]?.minutes).toBe(walkingMinutes(r[0]?.km ?? 0));
    for (let i = 1; i < r.length; i++) expect(r[i]?.km).toBeGreaterThanOrEqual(r[i - 1]?.km ?? 0);
  });

  test('returns every shelter when asked for more than there are, and none for a limit of 0', () => {
    expect(rankNearest(YZU, shelters, 10)).toHaveLength(4);
    expect(rankNearest(YZU, shelters, 0)).toEqual([]);
    expect(rankNearest(YZU, [], 5)).toEqual([]);
  });

  test('keeps the input order for shelters at the same distance', () => {
    const same = [
      { id: 'a', lat: 32.5, lng: 119.4 },
      { id: 'b', lat: 32.5, lng: 119.4 },
    ];
    expect(rankNearest(YZU, same).map((x) => x.shelter.id)).toEqual(['a', 'b']);
  });
});

describe('formatDistance and formatWalk', () => {
  test('write metres under 1 km, one decimal under 10 km, whole km beyond', () => {
    expect(formatDistance(0.187)).toBe('190 米');
    expect(formatDistance(1.234)).toBe('1.2 公里');
    expect(formatDistance(23.6)).toBe('24 公里');
    expect(formatWalk(8)).toBe('约 8 分钟');
    expect(formatWalk(60)).toBe('约 1 小时');
    expect(formatWalk(85)).toBe('约 1 小时 25 分钟');
  });
});
