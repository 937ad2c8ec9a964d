import type { WarningRow } from '../db/schema-warnings.ts';
import { areaName, CITY_CODE } from '../domain/areas.ts';
import { LEVELS } from '../domain/hazards.ts';
import { shortTime } from './time.ts';

type Content = Pick<
  WarningRow,
  'level' | 'areas' | 'effective' | 'onset' | 'expires' | 'headline' | 'description' | 'instruction' | 'actions'
>;

const names = (codes: string[]) => codes.map((c) => (c === CITY_CODE ? '扬州市全市' : areaName(c))).join('、');

/**
 * What an Update changed from the message it replaces, in one line residents read on the page and
 * in the notification: `橙色预警升级为红色预警；增加邗江区；有效期延长到 5月12日 18:00`.
 */
export function changeNote(before: Content, after: Content): string {
  const parts: string[] = [];
  const [was, now] = [LEVELS[before.level], LEVELS[after.level]];
  if (was.rank !== now.rank) parts.push(`${was.colour}预警${now.rank > was.rank ? '升级' : '降低'}为${now.colour}预警`);
  const [oldAreas, newAreas] = [before.areas, after.areas];
  const added = newAreas.filter((c) => !oldAreas.includes(c));
  const removed = oldAreas.filter((c) => !newAreas.includes(c));
  if (added.length) parts.push(`增加${names(added)}`);
  if (removed.length) parts.push(`不再包括${names(removed)}`);
  // Times as residents read them, to the minute: a second's difference is no change.
  const minute = (ms: number | null) => (ms === null ? null : Math.floor(ms / 60_000));
  if (minute(after.expires) !== minute(before.expires))
    parts.push(`有效期${after.expires > before.expires ? '延长' : '缩短'}到 ${shortTime(after.expires)}`);
  if (minute(after.effective) !== minute(before.effective) || minute(after.onset) !== minute(before.onset))
    parts.push('生效或开始时间有调整');
  if ((['headline', 'description', 'instruction'] as const).some((k) => before[k] !== after[k])) parts.push('说明文字有修改');
  if (before.actions.join('\n') !== after.actions.join('\n')) parts.push('行动建议有修改');
  return parts.length ? parts.join('；') : '内容没有实质变化，重新确认仍然有效';
}
