import { CITY_CODE } from '../domain/areas.ts';
import { HAZARDS, LEVELS } from '../domain/hazards.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { xmlEscape } from './cap.ts';
import { englishView } from './english.ts';
import { toCapTime } from './time.ts';

/**
 * The second CAP 1.2 `info` block, in English (`language` en-US, §3.2.2: one info per language), when
 * the publisher wrote English; '' otherwise. Same codes, times and area as the Chinese block.
 */
export function englishInfoXml(w: WarningRow, siteUrl: string): string {
  if (!w.headlineEn || !w.descriptionEn || !w.instructionEn) return '';
  const en = englishView(w);
  const cancel = w.msgType === 'Cancel';
  const areas = w.areas;
  const i = '    ';
  const el = (name: string, value: string | null, indent = i) => (value ? `${indent}<${name}>${xmlEscape(value)}</${name}>\n` : '');
  const geocodes = areas
    .map((c) => `${i}  <geocode>\n${i}    <valueName>GB/T 2260</valueName>\n${i}    <value>${xmlEscape(c)}</value>\n${i}  </geocode>\n`)
    .join('');
  const areaDesc = areas.includes(CITY_CODE) ? 'Yangzhou, whole city' : `Yangzhou: ${en.areas.join(', ')}`;
  return `  <info>
${el('language', 'en-US')}${el('category', HAZARDS[w.hazard]?.cap ?? 'Other')}${el('event', `${en.hazardName} warning`)}${el('responseType', cancel ? 'AllClear' : w.responseType)}${el('urgency', cancel ? 'Past' : w.urgency)}${el('severity', LEVELS[w.level].cap)}${el('certainty', w.certainty)}${i}<eventCode>
${i}  <valueName>YZ-HAZARD</valueName>
${i}  <value>${xmlEscape(w.hazard)}</value>
${i}</eventCode>
${el('effective', toCapTime(w.effective))}${el('onset', w.onset ? toCapTime(w.onset) : null)}${el('expires', toCapTime(w.expires))}${el('senderName', en.senderName)}${el('headline', `${en.title}: ${w.headlineEn}`)}${el('description', w.descriptionEn)}${el('instruction', w.instructionEn)}${el('web', new URL(en.url, siteUrl).href)}${i}<parameter>
${i}  <valueName>LEVEL</valueName>
${i}  <value>${LEVELS[w.level].colour}</value>
${i}</parameter>
${i}<area>
${el('areaDesc', areaDesc, `${i}  `)}${el('polygon', w.polygon, `${i}  `)}${geocodes}${i}</area>
  </info>
`;
}
