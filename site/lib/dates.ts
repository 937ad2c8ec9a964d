import { localDay, TIME_ZONE } from '#api/domain/clock.ts';

/** Every date on the site is shown in Yangzhou's time zone, whatever the server's or browser's is. */
export { TIME_ZONE };

const dateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
const timeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' });

/** `2027年5月12日 周三`. */
export function formatDate(d: Date): string {
  return dateFmt.format(d);
}

/** `2027年5月12日`. */
export function formatDay(d: Date): string {
  return dayFmt.format(d);
}

/** `09:00`. */
export function formatTime(d: Date): string {
  return timeFmt.format(d);
}

/** `2027年5月12日 周三 09:00`, for a moment given in unix ms. */
export function formatDateTime(ms: number): string {
  return `${formatDate(new Date(ms))} ${formatTime(new Date(ms))}`;
}

/** `2027年5月12日 周三 09:00–11:30`, or across days when the end is on another date. */
export function formatRange(start: Date, end: Date): string {
  return formatDate(start) === formatDate(end)
    ? `${formatDate(start)} ${formatTime(start)}–${formatTime(end)}`
    : `${formatDate(start)} ${formatTime(start)} 至 ${formatDate(end)} ${formatTime(end)}`;
}

/** `YYYY-MM-DD` in Yangzhou time, for `<time datetime>`. */
export function isoDay(d: Date): string {
  return localDay(d.getTime());
}

/** `2024年11月14日`, `2024年11月` or `2024年` for an issue date written as YYYY, YYYY-MM or YYYY-MM-DD. */
export function formatIssueDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m ? `${m}月` : ''}${d ? `${d}日` : ''}`;
}
