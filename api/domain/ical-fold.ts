// RFC 5545 line folding, shared by the build (site/lib/ical.ts) and the server, which rewrites
// calendars for the address it is served from (api/site-origin.ts). No I/O at import.

const encoder = new TextEncoder();
const CRLF = '\r\n';

/**
 * Folds one content line at 75 octets (RFC 5545 §3.1): CRLF then a space, which counts towards the
 * next line's 75. Never splits a UTF-8 character (3 octets for Chinese) or, for naive unfolders, an escape like `\n`.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
