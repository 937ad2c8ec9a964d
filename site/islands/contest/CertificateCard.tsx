import type { Certificate } from '../../../api/contests/certificates.ts';

/** `2027年5月12日` from `2027-05-12`. */
const chineseDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** A printable certificate (荣誉证书 or 参与证明) with its verification code. */
export default function CertificateCard({ c }: { c: Certificate }) {
  const who = c.team ? `${c.name}（${c.team}）` : c.name;
  return (
    <article class={`certificate certificate-${c.type}`} aria-label={`${c.typeName}：${c.name}`}>
      <p class="certificate-type">{c.typeName}</p>
      <p class="certificate-body">
        <strong>{who}</strong>：
        {c.type === 'honour'
          ? `在《${c.contestTitle}》中成绩优异，荣获第 ${c.rank ?? ''} 名。特发此证，以资鼓励。`
          : `参加了《${c.contestTitle}》。学应急知识，护自己和家人平安。特发此证明。`}
      </p>
      <p class="certificate-issuer">
        {c.unitName}
        <br />
        {chineseDay(c.date)}
      </p>
      <p class="certificate-code">
        证书编号 {c.code}
        <br />
        查验：{typeof location === 'undefined' ? '' : location.origin}/contest/certificate/?code={c.code}
      </p>
    </article>
  );
}
