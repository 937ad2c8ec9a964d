import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fileStamp, formatStamp, fromLocalInput, isoWithOffset, localDay, toLocalInput, wallTime } from '#api/domain/clock.ts';

// Yangzhou time whatever the zone of the machine: these run with TZ unset (UTC on CI) and must hold
// for a browser in any zone, so nothing here may read the local zone.
describe('Yangzhou clock', () => {
  const lateEvening = Date.parse('2026-12-04T23:30:00+08:00');
  const justAfterMidnight = Date.parse('2026-12-05T00:10:00+08:00');

  test('the date is Beijing’s, not UTC’s: ten past midnight is already the next day', () => {
    expect(localDay(lateEvening)).toBe('2026-12-04');
    expect(localDay(justAfterMidnight)).toBe('2026-12-05');
    expect(new Date(justAfterMidnight).toISOString().slice(0, 10)).toBe('2026-12-04');
  });

  test('datetime-local values read and written in Beijing time', () => {
    expect(toLocalInput(justAfterMidnight)).toBe('2026-12-05T00:10');
    expect(fromLocalInput('2026-12-05T00:10')).toBe(justAfterMidnight);
    expect(fromLocalInput('2026-12-05T00:10:00')).toBe(justAfterMidnight);
    for (const bad of ['', '2026-12-05', '2026-12-05 00:10', '2026-13-05T00:10', 'tomorrow']) expect(fromLocalInput(bad), bad).toBeNaN();
  });

  test('every minute survives the round trip through a datetime-local field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z') / 60_000, max: Date.parse('2099-12-31T00:00:00Z') / 60_000 }),
        (minute) => {
          const ms = minute * 60_000;
          return fromLocalInput(toLocalInput(ms)) === ms;
        },
      ),
      { seed: 20261204, numRuns: 500 },
    );
  });

  test('ISO with +08:00, file stamps and staff stamps', () => {
    expect(isoWithOffset(justAfterMidnight + 999)).toBe('2026-12-05T00:10:00+08:00');
    expect(Date.parse(isoWithOffset(justAfterMidnight))).toBe(justAfterMidnight);
    expect(fileStamp(justAfterMidnight)).toBe('20261205-001000');
    expect(formatStamp(justAfterMidnight)).toBe('2026/12/5 00:10:00');
  });

  test('the time of day of a "last updated" note is Beijing’s, whatever the machine’s zone', () => {
    expect(wallTime(justAfterMidnight)).toBe('00:10:00');
    expect(wallTime(Date.parse('2027-05-12T01:02:03Z'))).toBe('09:02:03');
  });
});
