/**
 * Yangzhou's clock: every time the site stores is unix milliseconds; every time a person reads or
 * types is Beijing time (UTC+8 all year, no daylight saving), whatever the server's or browser's
 * zone. One module for the API, the islands and the CLI, with no I/O, so that all of them agree.
 */

export const TIME_ZONE = 'Asia/Shanghai';

/** UTC+8, all year. */
export const OFFSET_MS = 8 * 3600_000;

/** The wall clock in Yangzhou at `ms`, as the fields of an ISO string without zone (`2026-12-04T09:30:00`). */
function wall(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19);
}

/** `2026-12-04`: the date in Yangzhou, for file names and `<time datetime>`. */
export function localDay(ms: number): string {
  return wall(ms).slice(0, 10);
}

/** `2026-12-04T09:30`: the value of an `<input type="datetime-local">` showing `ms` in Yangzhou time. */
export function toLocalInput(ms: number): string {
  return wall(ms).slice(0, 16);
}

/** The moment a `datetime-local` value (`2026-12-04T09:30`, seconds optional) names in Yangzhou; NaN when it is not one. */
export function fromLocalInput(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return Number.NaN;
  return Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`);
}

/** `2026-12-04T09:30:00+08:00`: ISO 8601 with Yangzhou's offset, never `Z` (as CAP 1.2 asks), whole seconds. */
export function isoWithOffset(ms: number): string {
  return `${wall(Math.floor(ms / 1000) * 1000)}+08:00`;
}

/** `20261204-093000`: a compact stamp for file names, in Yangzhou time. */
export function fileStamp(ms: number): string {
  const w = wall(ms);
  return `${w.slice(0, 10).replaceAll('-', '')}-${w.slice(11, 19).replaceAll(':', '')}`;
}

const stampFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  hour12: false,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2026/12/4 09:30:00`: date and time for staff tables and exports. */
export function formatStamp(ms: number): string {
  return stampFormat.format(ms);
}

/** `09:30:05`: the time of day in Yangzhou, for "last updated" notes. */
export function wallTime(ms: number): string {
  return wall(ms).slice(11, 19);
}
