// What a certificate says, shared by the printed page (an island) and the PDF: no server imports.
import type { Certificate } from './contract.ts';

/** What the certificate says, by kind (the same words as the printed page). */
export function certificateWords(c: Certificate): string {
  if (c.type === 'honour') return `在《${c.contestTitle}》中成绩优异（${c.score} 分），荣获第 ${c.rank ?? ''} 名。特发此证，以资鼓励。`;
  if (c.type === 'pass') return `参加《${c.contestTitle}》，成绩合格（${c.score} 分）。特发此证。`;
  return `参加了《${c.contestTitle}》。学应急知识，护自己和家人平安。特发此证明。`;
}

/** `2027年5月12日` from `2027-05-12`. */
export const chineseDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
