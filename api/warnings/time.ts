import { isoWithOffset, OFFSET_MS } from '../domain/clock.ts';

/** CAP/Atom date-time with the +08:00 offset, never `Z` (CAP 1.2 §3.3.2). */
export const toCapTime = isoWithOffset;

/** `YYYYMMDDhhmmss` in Beijing time, for identifiers. */
export function compactTime(ms: number): string {
  return toCapTime(ms).slice(0, 19).replace(/[-:T]/g, '');
}

/** `5月12日 09:00` for residents. */
export function shortTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
