import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv } from '../context.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { paramsOf } from '../validate.ts';
import { publicBoard } from './board.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { certificateByCode, verifyCertificate } from './certificates.ts';
import { normaliseCertificateCode } from './codes.ts';
import { certificateParamSchema, codeParamSchema } from './contract.ts';
import { contestByCode } from './lookup.ts';

const certificateLimit = rateLimit({ bucket: 'contest-certificate', limit: 60, windowMs: 10 * 60_000 });

/** The verification page of a certificate, as its QR code opens it. */
export const verifyUrlOf = (siteUrl: string, code: string) => `${siteUrl.replace(/\/$/, '')}/contest/certificate/?code=${code}`;

/** `/api/contests/board/:code` (the public leaderboard) and `/api/contests/certificates/:code` (verification, and its QR code). */
export const boardRoutes = new Hono<AppEnv>()
  .get('/board/:code', paramsOf(codeParamSchema), async (c) => {
    const contest = await contestByCode(c, c.req.valid('param').code);
    return c.json({ board: await publicBoard(c.var.database, contest, c.var.now) }, 200);
  })
  // Only the code's form is checked, not the database: the QR code says nothing a printed code does not.
  .get('/certificates/:code/qr.svg', paramsOf(certificateParamSchema), async (c) => {
    const code = normaliseCertificateCode(c.req.valid('param').code);
    if (!code) throw apiError(400, 'invalid_input', '证书编号应为 12 位字母和数字，如 ACDE-FHJK-MNPR。', { code: '格式不对' });
    const svg = await QRCode.toString(verifyUrlOf(c.var.env.siteUrl, code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  })
  // The same limit as checking a code: the PDF says no more than the verification page.
  .get('/certificates/:code/certificate.pdf', certificateLimit, paramsOf(certificateParamSchema), async (c) => {
    const code = normaliseCertificateCode(c.req.valid('param').code);
    const cert = code ? await certificateByCode(c.var.database, code, c.var.now) : null;
    if (!cert) throw apiError(404, 'certificate_not_found', '没有找到这个证书编号。请核对证书上的 12 位编号后重试。');
    const pdf = certificatePdf(cert, verifyUrlOf(c.var.env.siteUrl, cert.code));
    const name = encodeURIComponent(`${cert.typeName}-${cert.name}-${cert.code}.pdf`);
    return c.body(pdf.buffer as ArrayBuffer, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="certificate-${cert.code}.pdf"; filename*=UTF-8''${name}`,
    });
  })
  .get('/certificates/:code', certificateLimit, paramsOf(certificateParamSchema), async (c) => {
    const code = normaliseCertificateCode(c.req.valid('param').code);
    const found = code ? await verifyCertificate(c.var.database, code, c.var.now) : null;
    if (!found) throw apiError(404, 'certificate_not_found', '没有找到这个证书编号。请核对证书上的 12 位编号后重试。');
    return c.json({ certificate: found }, 200);
  });
