import { AREAS, CITY_CODE } from '../domain/areas.ts';
import { guidesFor } from '../domain/guides.ts';
import { HAZARDS, LEVELS, levelLabel, type HazardCode, type LevelCode } from '../domain/hazards.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { englishView } from './english.ts';
import { toCapTime } from './time.ts';

/** How residents see the status of a message: real, drill or test. */
export const STATUS_NAMES = { Actual: '', Exercise: '演练', Test: '测试' } as const;

/** Whether a published message is the live one of its event right now. */
export function isActive(w: WarningRow, now: number): boolean {
  return w.state === 'published' && w.msgType !== 'Cancel' && w.supersededBy === null && w.expires > now;
}

/** The title residents see: 【橙色预警】暴雨, prefixed 【演练】/【测试】 when not real. */
export function warningTitle(w: Pick<WarningRow, 'level' | 'hazard' | 'status' | 'msgType'>): string {
  const prefix = w.status === 'Actual' ? '' : `【${STATUS_NAMES[w.status]}】`;
  const hazard = HAZARDS[w.hazard as HazardCode]?.name ?? w.hazard;
  if (w.msgType === 'Cancel') return `${prefix}【解除】${hazard}预警`;
  return `${prefix}【${levelLabel(w.level as LevelCode)}】${hazard}`;
}

/** The title and text of the push notification for a message (what the lock screen shows). */
export function notificationFor(w: Pick<WarningRow, 'level' | 'hazard' | 'status' | 'msgType' | 'headline'>): {
  title: string;
  body: string;
} {
  // Cut by code points, never inside a surrogate pair, so the JSON payload stays well-formed text.
  return { title: warningTitle(w), body: [...w.headline].slice(0, 200).join('') };
}

/** A warning as the public API returns it. */
export function publicWarning(w: WarningRow, now: number) {
  const areas = (JSON.parse(w.areas) as string[]).map((code) => ({ code, name: AREAS.find((a) => a.code === code)?.name ?? code }));
  const level = LEVELS[w.level];
  return {
    id: w.id,
    identifier: w.identifier,
    title: warningTitle(w),
    status: w.status,
    statusName: STATUS_NAMES[w.status],
    msgType: w.msgType,
    hazard: w.hazard,
    hazardName: HAZARDS[w.hazard as HazardCode]?.name ?? w.hazard,
    level: w.level,
    levelName: `${level.colour}预警（${level.level}，${level.name}）`,
    severity: level.cap,
    urgency: w.urgency,
    certainty: w.certainty,
    responseType: w.responseType,
    senderName: w.senderName,
    sent: w.sent ? toCapTime(w.sent) : null,
    effective: toCapTime(w.effective),
    onset: w.onset ? toCapTime(w.onset) : null,
    expires: toCapTime(w.expires),
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    areas,
    wholeCity: areas.some((a) => a.code === CITY_CODE),
    polygon: w.polygon,
    active: isActive(w, now),
    replaces: w.replaces,
    supersededBy: w.supersededBy,
    guides: guidesFor(w.hazard),
    url: `/warnings/${w.id}/`,
    /** English names and, when the publisher wrote it, English text (the second CAP info). */
    english: englishView(w),
  };
}

/** The public shape of a warning. */
export type PublicWarning = ReturnType<typeof publicWarning>;
