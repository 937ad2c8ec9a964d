import { AREAS, CITY_CODE } from '../domain/areas.ts';
import { guidesFor } from '../domain/guides.ts';
import { HAZARDS, LEVELS, levelLabel } from '../domain/hazards.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { englishView } from './english.ts';
import { endingOf } from './store.ts';
import { toCapTime } from './time.ts';

/** How residents see the status of a message: real, drill or test. */
export const STATUS_NAMES = { Actual: '', Exercise: '演练', Test: '测试' } as const;

/** Whether a published message is the live one of its event right now. */
export function isActive(w: WarningRow, now: number): boolean {
  return w.state === 'published' && w.msgType !== 'Cancel' && w.supersededBy === null && w.expires > now;
}

/** The fields that decide how a message reads. */
type Kind = Pick<WarningRow, 'level' | 'hazard' | 'status' | 'msgType' | 'responseType' | 'headline' | 'ending'>;

/**
 * The one short title residents see: 【橙色预警】暴雨; 【解除】暴雨预警 when the danger has passed,
 * 【取消】暴雨预警 when the message was issued in error; prefixed 【演练】/【测试】 when not real.
 */
export function warningTitle(w: Kind): string {
  const prefix = w.status === 'Actual' ? '' : `【${STATUS_NAMES[w.status]}】`;
  const hazard = HAZARDS[w.hazard]?.name ?? w.hazard;
  if (w.msgType === 'Cancel') return `${prefix}【${endingOf(w) === 'cancel' ? '取消' : '解除'}】${hazard}预警`;
  return `${prefix}【${levelLabel(w.level)}】${hazard}`;
}

/** Where a message stands, in residents' words. */
export function stateName(w: Kind & Pick<WarningRow, 'state' | 'supersededBy' | 'expires'>, now: number): string {
  const ending = endingOf(w);
  if (w.msgType === 'Cancel') return ending === 'cancel' ? '已取消（发布有误）' : '已解除';
  if (ending) return ending === 'cancel' ? '已取消（发布有误）' : '已解除';
  if (isActive(w as WarningRow, now)) return w.msgType === 'Update' ? '生效中（已更新）' : '生效中';
  return w.supersededBy ? '已被更新' : '已失效';
}

const clip = (s: string) => [...s].slice(0, 200).join('');

/**
 * The title and text of the push notification for a message (what the lock screen shows): an
 * Update says what changed, an alert leads with the first thing to do, and 解除 and 取消 say plainly
 * that the danger is over or that the message was wrong.
 */
export function notificationFor(w: Kind & Pick<WarningRow, 'actions' | 'changeNote' | 'description'>): { title: string; body: string } {
  const first = w.actions[0];
  // Cut by code points, never inside a surrogate pair, so the JSON payload stays well-formed text.
  if (w.msgType === 'Cancel')
    return {
      title: warningTitle(w),
      body: clip(
        endingOf(w) === 'cancel' ? `此前的预警有误，已取消，不需要按它行动。${w.description}` : `危险已经过去，预警解除。${w.description}`,
      ),
    };
  const lead = w.msgType === 'Update' ? `更新：${w.changeNote ?? '内容有修改'}。` : '';
  return { title: warningTitle(w), body: clip(`${lead}${first ? `现在就做：${first}` : w.headline}`) };
}

/** A warning as the public API returns it. */
export function publicWarning(w: WarningRow, now: number) {
  const areas = w.areas.map((code) => ({ code, name: AREAS.find((a) => a.code === code)?.name ?? code }));
  const level = LEVELS[w.level];
  return {
    id: w.id,
    identifier: w.identifier,
    title: warningTitle(w),
    status: w.status,
    statusName: STATUS_NAMES[w.status],
    msgType: w.msgType,
    hazard: w.hazard,
    hazardName: HAZARDS[w.hazard]?.name ?? w.hazard,
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
    /** 你现在应该做什么: the residents' actions, shown first; `instruction` is the official guidance. */
    actions: w.actions,
    /** An Update: what changed, in one line. */
    changeNote: w.changeNote,
    /** Set once the event is over: allclear (解除) or cancel (取消, issued in error). */
    ending: endingOf(w),
    stateName: stateName(w, now),
    areas,
    wholeCity: areas.some((a) => a.code === CITY_CODE),
    polygon: w.polygon,
    active: isActive(w, now),
    replaces: w.replaces,
    supersededBy: w.supersededBy,
    // A message that ends an event links no guides: there is nothing left to prepare for.
    guides: w.msgType === 'Cancel' ? [] : guidesFor(w.hazard),
    url: `/warnings/${w.id}/`,
    /** English names and, when the publisher wrote it, English text (the second CAP info). */
    english: englishView(w),
  };
}

/** The public shape of a warning. */
export type PublicWarning = ReturnType<typeof publicWarning>;
