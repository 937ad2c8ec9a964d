// Characters that print as nothing: format characters (Cf: zero-width space, joiners, bidi marks,
// soft hyphen, BOM) and variation selectors, which a copied or pasted name can carry unseen.
const invisible = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u115F\u1160\u3164\uFFA0]/gu;

/**
 * A typed name or team in the form used for comparison, so that names that look the same are the
 * same: NFKC (full-width ＡＢＣ and half-width katakana fold, compatibility ideographs such as
 * U+F900 map to their unified forms), invisible characters and all white space removed, then case
 * folded (upper then lower case, so that ß, ſ and the like meet their plain forms), and NFKC again.
 */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(invisible, '').replace(/\s+/g, '').toUpperCase().toLowerCase().normalize('NFKC');
}

/** Who a participant is: name, team, class and student number together (two 张伟 in one class differ by number). */
export function participantKeyOf(p: { name: string; team: string; className: string; studentNo: string }): string {
  return [p.name, p.team, p.className, p.studentNo].map(normaliseName).join('|');
}

/** Name and team: what the organiser types to grant extra time. */
export function nameKeyOf(p: { name: string; team: string }): string {
  return [p.name, p.team].map(normaliseName).join('|');
}

/**
 * A name with its middle hidden, to protect minors on a public board: 张*明, 李*, 欧阳明峰 → 欧**峰.
 * Latin names keep their first and last letter.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
}
