import { createHash } from 'node:crypto';
import { xmlEscape } from '../warnings/cap.ts';
import { CAP_NS } from './alert.ts';
import { childrenNamed, childText, parseXml, type XmlElement } from './xml-tree.ts';

/** One document a feed lists: its address, or the CAP document carried inline. */
export type FeedEntry = { ref: string; url: string } | { ref: string; xml: string };

/** An element and its subtree as XML again, its namespace declared on it (for a CAP alert carried inside an Atom entry). */
function serialise(el: XmlElement, parentNs = ''): string {
  const ns = el.ns !== parentNs ? ` xmlns="${xmlEscape(el.ns)}"` : '';
  const inner = el.children.length ? el.children.map((c) => serialise(c, el.ns)).join('') : xmlEscape(el.text);
  return `<${el.name}${ns}>${inner}</${el.name}>`;
}

const abs = (href: string, base: string): string | null => {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
};

/**
 * The CAP documents a feed lists: an Atom feed (a CAP alert inline in `content`, or a link to it), an
 * RSS channel (item `link` or `enclosure`), one CAP document, or a directory listing (an HTML index
 * of `.xml` files, as nginx's autoindex serves it). Addresses are resolved against `base`.
 */
export function feedEntries(body: string, base: string): FeedEntry[] {
  const head = body.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    const urls = [...body.matchAll(/href\s*=\s*"([^"]+\.xml)"/gi)].map((m) => abs(m[1] as string, base)).filter((u) => u !== null);
    return [...new Set(urls)].map((url) => ({ ref: url, url }));
  }
  const root = parseXml(body);
  if (root.name === 'alert' && root.ns === CAP_NS) return [{ ref: `inline:${sha256(body)}`, xml: body }];
  const out: FeedEntry[] = [];
  if (root.name === 'feed') {
    for (const entry of childrenNamed(root, 'entry')) {
      const alert = childrenNamed(entry, 'content')[0]?.children.find((c) => c.name === 'alert' && c.ns === CAP_NS);
      const id = childText(entry, 'id');
      if (alert) {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(alert)}`;
        out.push({ ref: id ? `atom:${id}` : `inline:${sha256(xml)}`, xml });
        continue;
      }
      const links = childrenNamed(entry, 'link');
      const link =
        links.find((l) => /cap\+xml/i.test(l.attrs['type'] ?? '')) ?? links.find((l) => (l.attrs['rel'] ?? 'alternate') === 'alternate');
      const url = link?.attrs['href'] ? abs(link.attrs['href'], base) : null;
      if (url) out.push({ ref: url, url });
    }
  } else if (root.name === 'rss') {
    for (const item of childrenNamed(root, 'channel').flatMap((ch) => childrenNamed(ch, 'item'))) {
      const href = childrenNamed(item, 'enclosure')[0]?.attrs['url'] ?? childText(item, 'link');
      const url = href ? abs(href, base) : null;
      if (url) out.push({ ref: url, url });
    }
  }
  return out;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
