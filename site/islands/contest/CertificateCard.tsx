import { certificateWords, chineseDay } from '#api/contests/certificate-words.ts';
import type { Certificate } from '#api/contests/contract.ts';

/** A printable certificate (荣誉证书, 合格证书 or 参与证明) with its verification code and QR code, one landscape A4 page in print. */
export default function CertificateCard({ c }: { c: Certificate }) {
  const who = c.team ? `${c.name}（${c.team}）` : c.name;
  return (
    <article class={`certificate certificate-${c.type}`} aria-label={`${c.typeName}：${c.name}`}>
      <p class="certificate-type">{c.typeName}</p>
      <p class="certificate-body">
        <strong>{who}</strong>：{certificateWords(c)}
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
        <a class="no-print certificate-pdf" href={`/api/contests/certificates/${c.code}/certificate.pdf`} download>
          下载 PDF
        </a>
      </div>
    </article>
  );
}
