import { checkCapSchema } from './alert.ts';
import { childrenNamed, childText, parseXml, CapRefusal, type XmlElement } from './xml-tree.ts';

/** One `area` of a CAP info block. */
export interface CapArea {
  desc: string;
  polygons: string[];
  circles: string[];
  geocodes: Array<[name: string, value: string]>;
}

/** One `info` block, with what the mapping reads. */
export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  eventCodes: Array<[name: string, value: string]>;
  effective: number | null;
  onset: number | null;
  expires: number | null;
  senderName: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  parameters: Array<[name: string, value: string]>;
  areas: CapArea[];
}

/** A CAP 1.2 message as read from its document: times as unix ms. */
export interface CapMessage {
  identifier: string;
  sender: string;
  sent: number;
  status: string;
  msgType: string;
  scope: string;
  note: string | null;
  /** `references` split into "sender,identifier,sent" triples (CAP 1.2 §3.2.1). */
  references: Array<{ sender: string; identifier: string; sent: string }>;
  infos: CapInfo[];
}

/** A CAP time (always with an offset) as unix ms. */
function capTime(text: string | null, path: string): number | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CapRefusal('not_cap', `${path}：时间“${text}”无法识别`);
  return ms;
}

const pairs = (el: XmlElement, name: string): Array<[string, string]> =>
  childrenNamed(el, name).map((p) => [childText(p, 'valueName') ?? '', childText(p, 'value') ?? '']);

function readInfo(el: XmlElement): CapInfo {
  const texts = (name: string) => childrenNamed(el, name).map((c) => c.text.trim());
  return {
    language: childText(el, 'language') ?? 'en-US',
    categories: texts('category'),
    event: childText(el, 'event') ?? '',
    responseTypes: texts('responseType'),
    urgency: childText(el, 'urgency') ?? 'Unknown',
    severity: childText(el, 'severity') ?? 'Unknown',
    certainty: childText(el, 'certainty') ?? 'Unknown',
    eventCodes: pairs(el, 'eventCode'),
    effective: capTime(childText(el, 'effective'), 'info/effective'),
    onset: capTime(childText(el, 'onset'), 'info/onset'),
    expires: capTime(childText(el, 'expires'), 'info/expires'),
    senderName: childText(el, 'senderName'),
    headline: childText(el, 'headline'),
    description: childText(el, 'description'),
    instruction: childText(el, 'instruction'),
    parameters: pairs(el, 'parameter'),
    areas: childrenNamed(el, 'area').map((a) => ({
      desc: childText(a, 'areaDesc') ?? '',
      polygons: childrenNamed(a, 'polygon').map((p) => p.text.trim()),
      circles: childrenNamed(a, 'circle').map((p) => p.text.trim()),
      geocodes: pairs(a, 'geocode'),
    })),
  };
}

/**
 * Reads a CAP 1.2 document (GB/T 35965.1 messages are CAP 1.2 documents with Chinese identifiers and
 * area codes): well-formed, no DTD, within the size limit, valid against the schema's structure.
 * Throws a CapRefusal saying why not.
 */
export function readCap(xml: string): CapMessage {
  const root = parseXml(xml);
  checkCapSchema(root);
  const references = (childText(root, 'references') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((triple) => {
      const [sender = '', identifier = '', sent = ''] = triple.split(',');
      return { sender, identifier, sent };
    });
  return {
    identifier: childText(root, 'identifier') ?? '',
    sender: childText(root, 'sender') ?? '',
    sent: capTime(childText(root, 'sent'), 'alert/sent') ?? 0,
    status: childText(root, 'status') ?? '',
    msgType: childText(root, 'msgType') ?? '',
    scope: childText(root, 'scope') ?? '',
    note: childText(root, 'note'),
    references,
    infos: childrenNamed(root, 'info').map(readInfo),
  };
}
