import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { paramsOf } from '../validate.ts';
import { publicBoard } from './board.ts';
import { verifyCertificate } from './certificates.ts';
import { normaliseCertificateCode } from './codes.ts';
import { contestByCode } from './lookup.ts';

/** `/api/contests/board/:code` (the public leaderboard) and `/api/contests/certificates/:code` (verification). */
export const boardRoutes = new Hono<AppEnv>()
  .get('/board/:code', paramsOf(z.object({ code: z.string().max(20) })), async (c) => {
    const contest = await contestByCode(c, c.req.valid('param').code);
    return c.json({ board: await publicBoard(c.var.database, contest, c.var.now) });
  })
  .get(
    '/certificates/:code',
    rateLimit({ bucket: 'contest-certificate', limit: 60, windowMs: 10 * 60_000 }),
    paramsOf(z.object({ code: z.string().max(40) })),
    async (c) => {
      const code = normaliseCertificateCode(c.req.valid('param').code);
      const found = code ? await verifyCertificate(c.var.database, code, c.var.now) : null;
      if (!found) throw apiError(404, 'certificate_not_found', '没有找到这个证书编号。请核对证书上的 12 位编号后重试。');
      return c.json({ certificate: found });
    },
  );
