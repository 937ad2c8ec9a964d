import QRCode from 'qrcode';
import { certificateWords, chineseDay } from './certificate-words.ts';
import type { Certificate } from './contract.ts';

// A certificate as a one-page landscape A4 PDF, written directly. Chinese text uses STSong-Light
// with the UniGB-UCS2-H encoding, one of the CJK fonts every conforming reader knows without
// embedding (PDF 1.7 / ISO 32000-1 §9.7.5.2 predefined CMaps, Adobe-GB1): the file stays a few KB
// and needs no font file on the server, where embedding a subset of a CJK font would need a
// multi-megabyte font and a subsetting library. Readers draw it with their own Song (宋体) face.

/** A4 landscape in points. */
const W = 841.89;
const H = 595.28;

/** Text as UCS-2 big-endian hex for UniGB-UCS2-H; characters outside the BMP become 〓. */
function hex(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3013;
    out += (code > 0xffff ? 0x3013 : code).toString(16).padStart(4, '0');
  }
  return `<${out}>`;
}

/** Width of text in points: full-width for CJK, half for ASCII (the font's /W below). */
const widthOf = (text: string, size: number) => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) < 0x80 ? size / 2 : size), 0);

/** Lines of at most `width` points, breaking anywhere (Chinese has no spaces to break at). */
function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (widthOf(line + ch, size) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  return line ? [...lines, line] : lines;
}

const text = (s: string, size: number, x: number, y: number) => `BT /F1 ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${hex(s)} Tj ET`;
const centred = (s: string, size: number, y: number) => text(s, size, (W - widthOf(s, size)) / 2, y);

/** The drawing of the QR code that opens `url`, `size` points wide with its lower left at x, y. */
function qrDrawing(url: string, x: number, y: number, size: number): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 4);
  const rects: string[] = [];
  for (let r = 0; r < n; r++)
    for (let col = 0; col < n; col++)
      if (modules.get(r, col))
        rects.push(
          `${(x + (col + 2) * cell).toFixed(2)} ${(y + size - (r + 3) * cell).toFixed(2)} ${cell.toFixed(2)} ${cell.toFixed(2)} re`,
        );
  return `q 1 g ${x} ${y} ${size} ${size} re f 0 g ${rects.join(' ')} f Q`;
}

/** The PDF bytes of a certificate; `verifyUrl` is what its QR code and link open. */
export function certificatePdf(c: Certificate, verifyUrl: string): Uint8Array {
  const who = c.team ? `${c.name}（${c.team}）` : c.name;
  const body = wrap(certificateWords(c), 20, W - 280);
  const lines = [
    // Double frame.
    '0.1 0.2 0.35 RG 4 w 28 28 785.89 539.28 re S 1 w 38 38 765.89 519.28 re S 0 g',
    centred([...c.typeName].join(' '), 44, 455),
    text(`${who}：`, 22, 120, 380),
    ...body.map((l, i) => text(l, 20, 160 - (i === 0 ? 0 : 40), 340 - i * 34)),
    text(c.unitName, 18, W - 120 - widthOf(c.unitName, 18), 170),
    text(chineseDay(c.date), 18, W - 120 - widthOf(chineseDay(c.date), 18), 140),
    qrDrawing(verifyUrl, 64, 56, 96),
    text(`证书编号 ${c.code}`, 11, 170, 100),
    text('用手机扫描二维码，或在扬州应急网站输入编号查验', 11, 170, 82),
  ];
  const content = lines.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R /Annots [8 0 R] >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Type /Annot /Subtype /Link /Rect [64 56 160 152] /Border [0 0 0] /A << /S /URI /URI (${verifyUrl.replace(/[()\\]/g, '\\$&')}) >> >>`,
  ];
  let pdf = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Producer (yzready) >> >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}
