import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * Content codings the server sends, best first: the built site's files carry both beside them
 * (scripts/precompress.ts), and answers made at run time (warnings, rewritten pages) get both.
 */
export const CODINGS = ['br', 'gzip'] as const;
export type Coding = (typeof CODINGS)[number];

/** Below this a body fits in one packet either way: it is not worth compressing (as scripts/precompress.ts decides). */
export const MIN_COMPRESS_BYTES = 1024;

/** Whether an Accept-Encoding header allows `coding` (RFC 9110 §12.5.3; `q=0` refuses it). */
export function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== coding && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The best coding that the client takes and `has` offers, or null for the body as it is. */
export function chooseCoding(header: string | undefined, has: (coding: Coding) => boolean): Coding | null {
  return CODINGS.find((coding) => has(coding) && accepts(header, coding)) ?? null;
}

/** A body made at run time in each coding; none for a body too small to gain from it. Brotli at 5: fast, and still ahead of gzip. */
export function compressAll(body: Uint8Array): Partial<Record<Coding, Uint8Array<ArrayBuffer>>> {
  if (body.length < MIN_COMPRESS_BYTES) return {};
  return { br: compress(body, 'br'), gzip: compress(body, 'gzip') };
}

/** `body` in one coding. */
export function compress(body: Uint8Array, coding: Coding): Uint8Array<ArrayBuffer> {
  return new Uint8Array(coding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(body));
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 §13.1.2 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}
