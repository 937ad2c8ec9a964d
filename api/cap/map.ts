import { HAZARDS, LEVELS, type HazardCode, type LevelCode } from '../domain/hazards.ts';
import { RESPONSE_TYPES, type WarningInput } from '../warnings/schema.ts';
import { splitInstruction } from '../warnings/cap.ts';
import { cleanText } from '../warnings/text.ts';
import { shortTime } from '../warnings/time.ts';
import { mapAreas } from './areas.ts';
import type { CapInfo, CapMessage } from './message.ts';
import { CapRefusal } from './xml-tree.ts';

/** A warning field the message did not settle, with why, for the publisher to decide. */
export type Problems = Partial<Record<keyof WarningInput, string>>;

/** What a CAP info block says, as the fields of a warning, and what could not be mapped. */
export interface Mapping {
  fields: Partial<WarningInput>;
  problems: Problems;
  /** Things the publisher should check (nothing was guessed, but something was derived). */
  notes: string[];
}

const SEVERITY_LEVEL: Record<string, LevelCode> = { Minor: 'blue', Moderate: 'yellow', Severe: 'orange', Extreme: 'red' };
const COLOUR_LEVEL: Record<string, LevelCode> = { 蓝色: 'blue', 黄色: 'yellow', 橙色: 'orange', 红色: 'red' };
// Longest names first, so that 沙尘暴 is not read as 暴… and 道路结冰 wins over shorter names.
const HAZARD_NAMES: Array<[string, HazardCode]> = [
  ...Object.entries(HAZARDS).flatMap(([code, h]) => h.name.split('/').map((n): [string, HazardCode] => [n, code as HazardCode])),
  ['雷暴', 'lightning'] as [string, HazardCode],
].sort((a, b) => b[0].length - a[0].length);

/** The info block to take: the first in Chinese, else the first. */
export const chineseInfo = (m: CapMessage): CapInfo | null => m.infos.find((i) => /^zh/i.test(i.language)) ?? m.infos[0] ?? null;

/** The hazard named by our own event code, or by the first hazard name in the event (then event codes, then the headline). */
function hazardOf(info: CapInfo): HazardCode | null {
  const own = info.eventCodes.find(([name, value]) => name === 'YZ-HAZARD' && value in HAZARDS);
  if (own) return own[1] as HazardCode;
  // Then the Chinese name in the event, an event code's value (a profile may carry 暴雨 there) or the headline.
  for (const text of [info.event, ...info.eventCodes.map(([, value]) => value), info.headline ?? '']) {
    let best: { at: number; code: HazardCode } | null = null;
    for (const [name, code] of HAZARD_NAMES) {
      const at = text.indexOf(name);
      if (at >= 0 && (!best || at < best.at)) best = { at, code };
    }
    if (best) return best.code;
  }
  return null;
}

/** The colour named in a LEVEL parameter, the event or the headline. */
function colourOf(info: CapInfo): LevelCode | null {
  const texts = [...info.parameters.filter(([n]) => /level|级别|颜色/i.test(n)).map(([, v]) => v), info.event, info.headline ?? ''];
  for (const text of texts) for (const [colour, level] of Object.entries(COLOUR_LEVEL)) if (text.includes(colour)) return level;
  return null;
}

/** Our own headline starts with the title the site adds (【橙色预警】暴雨 …); the rest is the publisher's. */
const stripOwnTitle = (headline: string) => headline.replace(/^(【[^】]{1,12}】)+\S*\s+/u, '');

/**
 * Maps a CAP info block to a warning's fields. Whatever the message leaves open (an unknown event, a
 * colour that contradicts the severity, areas that cannot be placed, a missing text) is a problem
 * for the publisher; nothing is filled in by guessing. Throws a CapRefusal when the message is not
 * for Yangzhou or is already over at `now`.
 */
export function mapInfo(m: CapMessage, info: CapInfo, now: number): Mapping {
  const fields: Partial<WarningInput> = {};
  const problems: Problems = {};
  const notes: string[] = [];
  if (m.status === 'Actual' || m.status === 'Exercise' || m.status === 'Test') fields.status = m.status;

  const hazard = hazardOf(info);
  if (hazard) fields.hazard = hazard;
  else problems.hazard = `无法从事件名称“${info.event}”判断灾种，请选择。`;

  const bySeverity = SEVERITY_LEVEL[info.severity] ?? null;
  const byColour = colourOf(info);
  if (bySeverity && byColour && bySeverity !== byColour)
    problems.level = `消息写的是${LEVELS[byColour].colour}，严重程度却是 ${info.severity}（对应${LEVELS[bySeverity].colour}），两者不一致，请核对后选择。`;
  else if (bySeverity ?? byColour) fields.level = (bySeverity ?? byColour) as LevelCode;
  else problems.level = '消息没有写明预警级别（严重程度为 Unknown，也没有颜色），请选择。';

  if (['Immediate', 'Expected', 'Future', 'Past', 'Unknown'].includes(info.urgency))
    fields.urgency = info.urgency as WarningInput['urgency'];
  if (['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'].includes(info.certainty))
    fields.certainty = info.certainty as WarningInput['certainty'];
  const response = info.responseTypes.find((r): r is WarningInput['responseType'] => (RESPONSE_TYPES as readonly string[]).includes(r));
  fields.responseType = response ?? 'Monitor';
  if (!response) notes.push('消息没有写明应对方式（responseType），已按“关注最新信息”处理，请核对。');

  fields.effective = info.effective ?? m.sent;
  fields.onset = info.onset;
  if (info.expires === null) problems.expires = '消息没有写明失效时间，请填写。';
  else if (info.expires <= now) throw new CapRefusal('already_expired', `这条预警已于 ${shortTime(info.expires)} 失效，无需导入。`);
  else fields.expires = info.expires;

  const headline = cleanText(stripOwnTitle(info.headline ?? ''), { singleLine: true });
  if (headline) fields.headline = headline;
  else problems.headline = '消息没有标题（headline），请填写。';
  if (info.description) fields.description = cleanText(info.description);
  else problems.description = '消息没有情况说明（description），请填写发生了什么、在哪里。';
  if (info.instruction) {
    // A message in our own form carries the residents' actions ahead of the official guidance (api/warnings/cap.ts).
    const { actions, instruction } = splitInstruction(cleanText(info.instruction));
    fields.instruction = instruction;
    if (actions.length) fields.actions = actions;
  } else problems.instruction = '消息没有防御指引（instruction），请填写居民应该做什么。';

  const areas = mapAreas(info.areas);
  notes.push(...areas.notes);
  if (areas.codes.length) {
    fields.areas = areas.codes;
    if (areas.unplaced.length) notes.push(`以下范围无法对应到区县，未计入：${areas.unplaced.join('、')}。`);
  } else if (areas.unplaced.length) problems.areas = `“${areas.unplaced.join('、')}”无法对应到扬州市的区县，请选择受影响的区域。`;
  else {
    const named = info.areas.map((a) => a.desc).filter(Boolean);
    throw new CapRefusal('other_city', `这条预警不涉及扬州市${named.length ? `（发往：${named.join('、')}）` : ''}，本站不予导入。`);
  }
  const polygon = info.areas.flatMap((a) => a.polygons)[0];
  fields.polygon = polygon ? polygon.trim().replace(/\s+/g, ' ') : null;
  return { fields, problems, notes };
}
