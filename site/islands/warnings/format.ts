// Times and words for warnings as residents read them. Times are Beijing time whatever the browser's
// own zone is, through the site's one clock module.
import { fromLocalInput, toLocalInput } from '#api/domain/clock.ts';
import type { PublicWarning } from '#api/warnings/contract.ts';

/** `5月12日 09:00` in Beijing time. */
export function shortTime(at: string | number): string {
  const w = toLocalInput(typeof at === 'number' ? at : Date.parse(at));
  return `${Number(w.slice(5, 7))}月${Number(w.slice(8, 10))}日 ${w.slice(11, 16)}`;
}

/** `09:05` in Beijing time. */
export function hhmm(at: string | number): string {
  return toLocalInput(typeof at === 'number' ? at : Date.parse(at)).slice(11, 16);
}

/** Epoch ms ↔ `datetime-local` values in Beijing time: the site's one clock (api/domain/clock.ts). */
export { fromLocalInput, toLocalInput };

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
