/**
 * Normalising what publishers type or paste (from Word, a fax gateway, a chat app) so that every
 * output stays well-formed: XML 1.0 §2.2 allows neither C0 controls (bar tab and line feeds), nor
 * lone surrogates, nor U+FFFE/U+FFFF, and an invisible character in a warning only confuses.
 */

// Controls except tab and line feeds, DEL and C1 controls.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Format characters (zero-width spaces and joiners, BOM, bidi overrides, soft hyphen), lone
// surrogates and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and their kin in every plane).
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

/** Text as it is stored and shown: NFC, without controls or invisible characters, line breaks as `\n`. */
export function cleanText(raw: string, { singleLine = false } = {}): string {
  let s = raw
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .normalize('NFC');
  if (singleLine) return s.replace(/\s+/g, ' ').trim();
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \u3000]+$/u, ''))
    .join('\n');
  return s.replace(/\n{3,}/g, '\n\n').trim();
}
