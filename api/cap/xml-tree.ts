import { SaxesParser } from 'saxes';
import { MAX_XML_BYTES } from './contract.ts';

/** An element of a parsed document: its local name, namespace, attributes, child elements and text. */
export interface XmlElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Why a CAP document was refused, in plain Chinese; `code` is the API error code, `status` its HTTP status. */
export class CapRefusal extends Error {
  readonly code: string;
  readonly status: 409 | 413 | 422;
  constructor(code: string, message: string, status: 409 | 413 | 422 = code === 'too_large' ? 413 : 422) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Largest document accepted (bytes of UTF-8): a CAP message with long texts and polygons stays far below. */
export { MAX_XML_BYTES };
/** Deepest element nesting accepted (CAP needs 4). */
const MAX_DEPTH = 32;
/** Most elements accepted in one document. */
const MAX_ELEMENTS = 20_000;

/**
 * Parses XML strictly (saxes: XML 1.0 and Namespaces well-formedness) into a tree. A document type
 * declaration is refused as soon as it is seen, so no entity it might declare, internal or external,
 * is ever expanded or fetched; saxes knows only the five predefined entities and character references.
 */
export function parseXml(xml: string): XmlElement {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES)
    throw new CapRefusal('too_large', `文件太大（上限 ${MAX_XML_BYTES / 1024} KB），不像是一条预警消息。`);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let failure: CapRefusal | null = null;
  const fail = (r: CapRefusal) => {
    failure ??= r;
    throw r;
  };
  parser.on('doctype', () => fail(new CapRefusal('dtd_refused', '文件含有文档类型声明（DOCTYPE），出于安全考虑不予处理。')));
  parser.on('error', (err) => fail(new CapRefusal('not_well_formed', `不是格式正确的 XML：${err.message.split('\n')[0]}`)));
  parser.on('opentag', (tag) => {
    count += 1;
    if (count > MAX_ELEMENTS || stack.length >= MAX_DEPTH)
      fail(new CapRefusal('too_large', '文件的元素太多或嵌套太深，不像是一条预警消息。'));
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.local] = a.value;
    const el: XmlElement = { name: tag.local, ns: tag.uri, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(el);
    root ??= el;
    stack.push(el);
  });
  const addText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => void stack.pop());
  try {
    parser.write(xml).close();
  } catch (err) {
    if (failure) throw failure;
    if (err instanceof CapRefusal) throw err;
    throw new CapRefusal('not_well_formed', `不是格式正确的 XML：${String((err as Error).message).split('\n')[0]}`);
  }
  if (failure) throw failure;
  if (!root) throw new CapRefusal('not_well_formed', '不是格式正确的 XML：没有根元素。');
  return root;
}

/** The child elements of `el` named `name`. */
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
/** The trimmed text of the first child named `name`, or null. */
export const childText = (el: XmlElement, name: string): string | null => {
  const c = el.children.find((x) => x.name === name);
  return c ? c.text.trim() : null;
};
