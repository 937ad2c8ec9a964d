// Times and words for warnings as residents read them. Yangzhou is UTC+8 all year (no daylight
// saving), so Beijing time is plain arithmetic, whatever the browser's own zone is.
import type { PublicWarning } from '../../../api/warnings/view.ts';

const OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `5月12日 09:00` in Beijing time. */
export function shortTime(at: string | number): string {
  const d = new Date((typeof at === 'number' ? at : Date.parse(at)) + OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `09:05` in Beijing time. */
export function hhmm(at: string | number): string {
  const d = new Date((typeof at === 'number' ? at : Date.parse(at)) + OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `2027-05-12T09:00` (Beijing time) for `<input type="datetime-local">`. */
export function toLocalInput(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16);
}

/** The epoch ms of a `datetime-local` value read as Beijing time; NaN when empty or malformed. */
export function fromLocalInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return NaN;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - OFFSET_MS;
}

/** `这是 12 分钟前的信息` for a snapshot received at `savedAt`. */
export function ageText(savedAt: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - savedAt) / 60_000));
  if (minutes < 1) return '这是不到 1 分钟前的信息';
  if (minutes < 120) return `这是 ${minutes} 分钟前的信息`;
  return `这是约 ${Math.floor(minutes / 60)} 小时前的信息`;
}

/** Whether a warning concerns any of the districts (a whole-city warning concerns all). */
export function concerns(w: Pick<PublicWarning, 'areas' | 'wholeCity'>, districts: readonly string[]): boolean {
  return w.wholeCity || w.areas.some((a) => districts.includes(a.code));
}

/** The area line: `广陵区、邗江区`, or `全市` first when the whole city is meant. */
export function areaText(w: Pick<PublicWarning, 'areas' | 'wholeCity'>): string {
  return w.wholeCity ? '扬州市全市' : w.areas.map((a) => a.name).join('、');
}

/** Real (Actual) messages only: drills and tests are never shown as real warnings. */
export const isReal = (w: Pick<PublicWarning, 'status'>) => w.status === 'Actual';
