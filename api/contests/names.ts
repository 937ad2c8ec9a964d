/** A typed name or team in the form used for comparison: NFKC, no spaces, lower case. */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
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
