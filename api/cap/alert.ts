import { CapRefusal, type XmlElement } from './xml-tree.ts';

/** The CAP 1.2 namespace (OASIS CAP 1.2 §3.3.1). */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

// CAP 1.2 §3.3.2: a dateTime with an explicit offset ("-00:00" for UTC, never "Z"); the XSD's own pattern.
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d$/;

/** Content of a child: free text, one of a list (the XSD's enumerations), a CAP time, a decimal, or a nested sequence. */
type Kind = 'text' | 'time' | 'decimal' | readonly string[] | Sequence;
/** The XSD's `<sequence>`: children in this order, each with its minOccurs and maxOccurs. */
type Sequence = ReadonlyArray<readonly [name: string, min: 0 | 1, max: 1 | 'n', kind: Kind]>;

const pair: Sequence = [
  ['valueName', 1, 1, 'text'],
  ['value', 1, 1, 'text'],
];

/** CAP-v1.2.xsd, element by element. */
const ALERT: Sequence = [
  ['identifier', 1, 1, 'text'],
  ['sender', 1, 1, 'text'],
  ['sent', 1, 1, 'time'],
  ['status', 1, 1, ['Actual', 'Exercise', 'System', 'Test', 'Draft']],
  ['msgType', 1, 1, ['Alert', 'Update', 'Cancel', 'Ack', 'Error']],
  ['source', 0, 1, 'text'],
  ['scope', 1, 1, ['Public', 'Restricted', 'Private']],
  ['restriction', 0, 1, 'text'],
  ['addresses', 0, 1, 'text'],
  ['code', 0, 'n', 'text'],
  ['note', 0, 1, 'text'],
  ['references', 0, 1, 'text'],
  ['incidents', 0, 1, 'text'],
  [
    'info',
    0,
    'n',
    [
      ['language', 0, 1, 'text'],
      ['category', 1, 'n', ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other']],
      ['event', 1, 1, 'text'],
      ['responseType', 0, 'n', ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None']],
      ['urgency', 1, 1, ['Immediate', 'Expected', 'Future', 'Past', 'Unknown']],
      ['severity', 1, 1, ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']],
      ['certainty', 1, 1, ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']],
      ['audience', 0, 1, 'text'],
      ['eventCode', 0, 'n', pair],
      ['effective', 0, 1, 'time'],
      ['onset', 0, 1, 'time'],
      ['expires', 0, 1, 'time'],
      ['senderName', 0, 1, 'text'],
      ['headline', 0, 1, 'text'],
      ['description', 0, 1, 'text'],
      ['instruction', 0, 1, 'text'],
      ['web', 0, 1, 'text'],
      ['contact', 0, 1, 'text'],
      ['parameter', 0, 'n', pair],
      [
        'resource',
        0,
        'n',
        [
          ['resourceDesc', 1, 1, 'text'],
          ['mimeType', 1, 1, 'text'],
          ['size', 0, 1, 'decimal'],
          ['uri', 0, 1, 'text'],
          ['derefUri', 0, 1, 'text'],
          ['digest', 0, 1, 'text'],
        ],
      ],
      [
        'area',
        0,
        'n',
        [
          ['areaDesc', 1, 1, 'text'],
          ['polygon', 0, 'n', 'text'],
          ['circle', 0, 'n', 'text'],
          ['geocode', 0, 'n', pair],
          ['altitude', 0, 1, 'decimal'],
          ['ceiling', 0, 1, 'decimal'],
        ],
      ],
    ],
  ],
];

const isSequence = (kind: Kind): kind is Sequence => typeof kind === 'object' && Array.isArray(kind[0]);

const invalid = (path: string, what: string) => new CapRefusal('not_cap', `${path}：${what}`);

/** Checks `el`'s children against `seq` (names, order, counts, values); throws naming the first problem. */
function checkSequence(el: XmlElement, seq: Sequence, path: string): void {
  if (el.text.trim() !== '') throw invalid(path, '这里不应有文字');
  let at = 0;
  const counts = new Map<string, number>();
  for (const child of el.children) {
    // alert ends with any number of XML signatures (xmldsig), which are not checked here.
    if (child.ns === XMLDSIG_NS && seq === ALERT) {
      at = seq.length;
      continue;
    }
    const where = `${path}/${child.name}`;
    if (child.ns !== CAP_NS) throw invalid(where, '不是 CAP 1.2 命名空间中的元素');
    const index = seq.findIndex(([name]) => name === child.name);
    if (index < 0) throw invalid(where, 'CAP 1.2 中没有这个元素');
    if (index < at) throw invalid(where, '元素顺序与 CAP 1.2 不符');
    at = index;
    const [, , max, kind] = seq[index] as Sequence[number];
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    if (max === 1 && n > 1) throw invalid(where, '只能出现一次');
    if (isSequence(kind)) {
      checkSequence(child, kind, where);
      continue;
    }
    if (child.children.length) throw invalid(where, '这里不应有子元素');
    const text = child.text.trim();
    if (kind === 'time' && !TIME.test(text)) throw invalid(where, `时间“${text}”不合 CAP 格式（应带时区，如 2027-05-12T09:00:00+08:00）`);
    if (kind === 'decimal' && !/^[-+]?\d+(\.\d+)?$/.test(text)) throw invalid(where, '应为数字');
    if (typeof kind === 'object' && !(kind as readonly string[]).includes(text))
      throw invalid(where, `“${text}”不是允许的取值（${kind.join('、')}）`);
  }
  for (const [name, min] of seq) if (min === 1 && !counts.has(name)) throw invalid(`${path}/${name}`, '缺少这个必需的元素');
}

/**
 * Holds a parsed document to CAP-v1.2.xsd: the root is `alert` in the CAP 1.2 namespace, each element
 * is one the schema declares, in its order and number, required ones present, enumerated values
 * and times as the schema allows. Throws a CapRefusal with code `not_cap` naming the first problem.
 */
export function checkCapSchema(root: XmlElement): void {
  if (root.name !== 'alert' || root.ns !== CAP_NS)
    throw new CapRefusal('not_cap', '不是 CAP 1.2 预警消息（根元素应为 CAP 1.2 命名空间中的 alert）。');
  checkSequence(root, ALERT, 'alert');
}
