import { AREAS, CITY_CODE } from '../domain/areas.ts';
import { HAZARDS, LEVELS } from '../domain/hazards.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { englishInfoXml } from './cap-en.ts';
import { toCapTime } from './time.ts';
import { warningTitle } from './view.ts';

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

const el = (name: string, value: string | null | undefined, indent: string) =>
  value ? `${indent}<${name}>${xmlEscape(value)}</${name}>\n` : '';

/** CAP `instruction`: the residents' actions first, then the official guidance. */
export function instructionText(w: Pick<WarningRow, 'actions' | 'instruction'>): string {
  const actions = w.actions;
  if (!actions.length) return w.instruction;
  return `你现在应该做什么：\n${actions.map((a, n) => `${n + 1}. ${a}`).join('\n')}\n\n官方防御指南：\n${w.instruction}`;
}

/** The inverse of `instructionText`: a CAP `instruction` in that form back into the actions and the official guidance. */
export function splitInstruction(text: string): { actions: string[]; instruction: string } {
  const m = /^你现在应该做什么：\n((?:\d+\. .*\n)+)\n官方防御指南：\n([\s\S]+)$/.exec(text);
  if (!m) return { actions: [], instruction: text };
  const actions = (m[1] ?? '')
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(/^\d+\. /, ''));
  return { actions, instruction: m[2] ?? '' };
}

/** The CAP 1.2 document of one published message (OASIS CAP 1.2, element order per §3.2). */
export function capXml(w: WarningRow, siteUrl: string): string {
  const hazard = HAZARDS[w.hazard];
  const areas = w.areas;
  const areaDesc = areas.map((c) => AREAS.find((a) => a.code === c)?.name ?? c).join('、');
  const i = '    ';
  const geocodes = areas
    .map((c) => `${i}  <geocode>\n${i}    <valueName>GB/T 2260</valueName>\n${i}    <value>${c}</value>\n${i}  </geocode>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
${el('identifier', w.identifier, '  ')}${el('sender', w.sender, '  ')}${el('sent', toCapTime(w.sent ?? w.createdAt), '  ')}${el('status', w.status, '  ')}${el('msgType', w.msgType, '  ')}  <scope>Public</scope>
${el('references', w.references, '  ')}  <info>
${el('language', 'zh-CN', i)}${el('category', hazard?.cap ?? 'Other', i)}${el('event', `${hazard?.name ?? w.hazard}预警`, i)}${el('responseType', w.msgType === 'Cancel' && w.responseType !== 'None' ? 'AllClear' : w.responseType, i)}${el('urgency', w.msgType === 'Cancel' ? 'Past' : w.urgency, i)}${el('severity', LEVELS[w.level].cap, i)}${el('certainty', w.certainty, i)}${i}<eventCode>
${i}  <valueName>YZ-HAZARD</valueName>
${i}  <value>${xmlEscape(w.hazard)}</value>
${i}</eventCode>
${el('effective', toCapTime(w.effective), i)}${el('onset', w.onset ? toCapTime(w.onset) : null, i)}${el('expires', toCapTime(w.expires), i)}${el('senderName', w.senderName, i)}${el('headline', `${warningTitle(w)} ${w.headline}`, i)}${el('description', w.description, i)}${el('instruction', instructionText(w), i)}${el('web', new URL(`/warnings/${w.id}/`, siteUrl).href, i)}${i}<parameter>
${i}  <valueName>LEVEL</valueName>
${i}  <value>${LEVELS[w.level].colour}</value>
${i}</parameter>
${i}<area>
${el('areaDesc', areas.includes(CITY_CODE) ? `扬州市全市（${areaDesc}）` : `扬州市${areaDesc}`, `${i}  `)}${el('polygon', w.polygon, `${i}  `)}${geocodes}${i}</area>
  </info>
${englishInfoXml(w, siteUrl)}</alert>
`;
}

/** An Atom feed (RFC 4287) of published messages, linking each to `linkFor`. */
export function atomFeed(opts: {
  id: string;
  title: string;
  selfUrl: string;
  updated: number;
  entries: Array<{ w: WarningRow; link: string; type: string }>;
}): string {
  const entries = opts.entries
    .map(
      ({ w, link, type }) => `  <entry>
    <id>urn:yangzhou-ready:warning:${xmlEscape(w.identifier ?? String(w.id))}</id>
    <title>${xmlEscape(`${warningTitle(w)} ${w.headline}`)}</title>
    <updated>${toCapTime(w.sent ?? w.updatedAt)}</updated>
    <author><name>${xmlEscape(w.senderName)}</name></author>
    <link rel="alternate" type="${type}" href="${xmlEscape(link)}"/>
    <summary>${xmlEscape(`${w.description}\n${instructionText(w)}`)}</summary>
  </entry>`,
    )
    .join('\n');
  // The stylesheet (public/feeds/atom.xsl) turns the feed into a readable page in a browser; readers ignore it.
  return `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/feeds/atom.xsl"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlEscape(opts.id)}</id>
  <title>${xmlEscape(opts.title)}</title>
  <updated>${toCapTime(opts.updated)}</updated>
  <link rel="self" href="${xmlEscape(opts.selfUrl)}"/>
  <author><name>扬州应急</name></author>
${entries}
</feed>
`;
}
