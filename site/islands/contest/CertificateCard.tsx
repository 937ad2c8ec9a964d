import type { Certificate } from '../../../api/contests/certificates.ts';

/** `2027年5月12日` from `2027-05-12`. */
const chineseDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** What the certificate says, by kind. */
function bodyOf(c: Certificate): string {
  if (c.type === 'honour') return `在《${c.contestTitle}》中成绩优异（${c.score} 分），荣获第 ${c.rank ?? ''} 名。特发此证，以资鼓励。`;
  if (c.type === 'pass') return `参加《${c.contestTitle}》，成绩合格（${c.score} 分）。特发此证。`;
  return `参加了《${c.contestTitle}》。学应急知识，护自己和家人平安。特发此证明。`;
}

/** A printable certificate (荣誉证书, 合格证书 or 参与证明) with its verification code and QR code, one landscape A4 page in print. */
export default function CertificateCard({ c }: { c: Certificate }) {
  const who = c.team ? `${c.name}（${c.team}）` : c.name;
  return (
    <article class={`certificate certificate-${c.type}`} aria-label={`${c.typeName}：${c.name}`}>
      <p class="certificate-type">{c.typeName}</p>
      <p class="certificate-body">
        <strong>{who}</strong>：{bodyOf(c)}
      </p>
      <p class="certificate-issuer">
        {c.unitName}
        <br />
        {chineseDay(c.date)}
      </p>
      <div class="certificate-check">
        <img
          class="certificate-qr"
          src={`/api/contests/certificates/${c.code}/qr.svg`}
          alt={`查验二维码：打开本证书的查验页面`}
          width="120"
          height="120"
        />
        <p class="certificate-code">
          证书编号 {c.code}
          <br />
          扫码或打开 {typeof location === 'undefined' ? '' : location.origin}/contest/certificate/ 输入编号查验
        </p>
      </div>
    </article>
  );
}
