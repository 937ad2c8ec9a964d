import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldLine } from './domain/ical-fold.ts';
import { QR_SVG_PATTERN, qrSvg } from './domain/qr-svg.ts';

/**
 * The built site names its own address in canonical links, shelter QR codes, the GeoJSON/CSV 详情页
 * links and calendar URLs. The build writes the address it was built for to `build-origin.txt`
 * (site/pages/build-origin.txt.ts); where the server is told another (SITE_URL), it puts its own in.
 */

/** Files whose text may name the site's address. */
export const ADDRESSED = new Set(['.html', '.geojson', '.csv', '.ics', '.xml', '.json']);

/** Whether the file at `path` (of type `ext`) may name the site's address: by its type, or robots.txt (its Sitemap line). */
export function isAddressed(path: string, ext: string): boolean {
  return ADDRESSED.has(ext) || path === '/robots.txt';
}

/** The origin the site in `root` was built for, or null for an older build that did not record it. */
export function builtOrigin(root: string): string | null {
  try {
    return new URL(readFileSync(join(root, 'build-origin.txt'), 'utf8').trim()).origin;
  } catch {
    return null;
  }
}

/** `text` of a file of type `ext`, with the built origin replaced by the served one and QR codes drawn again. */
export async function readdress(text: string, ext: string, from: string, to: string): Promise<string> {
  if (ext === '.ics') {
    // RFC 5545 lines are folded at 75 octets: unfold, replace, fold again.
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
    return lines.map((l) => (l ? foldLine(l.replaceAll(from, to)) : l)).join('\r\n');
  }
  const replaced = text.replaceAll(from, to);
  if (ext !== '.html') return replaced;
  const codes = [...replaced.matchAll(QR_SVG_PATTERN)];
  const drawn = await Promise.all(codes.map(([, label, url]) => qrSvg(url ?? '', label ?? '')));
  let i = 0;
  return replaced.replace(QR_SVG_PATTERN, () => drawn[i++] ?? '');
}
