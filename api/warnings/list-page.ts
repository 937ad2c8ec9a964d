import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handler } from 'hono';
import type { AppEnv } from '../context.ts';
import { isDatabaseUnavailable } from '../db/client.ts';
import { contentSecurityPolicy, inlineScriptHashes } from '../security-headers.ts';
import { builtOrigin, readdress } from '../site-origin.ts';
import { activeListHtml, fillRegion, warningBarHtml, warningsJson } from './list-html.ts';
import { activeWarnings } from './store.ts';
import { publicWarning } from './view.ts';

/**
 * `GET /warnings/` and `GET /`: the built page with the warnings in force written in by the server
 * (`<!--ACTIVE_WARNINGS-->`, `<!--WARNING_BAR-->`, `<!--WARNINGS_DATA-->` regions), so residents
 * read them without JavaScript and the island starts from the same list. Cached per warnings
 * version by api/warnings/cache.ts like the other warning answers.
 */
export function warningsInPage(file: string): Handler<AppEnv> {
  return async (c, next) => {
    // Before start-up has reached the database there is no context: the built page, unfilled.
    if (!c.get('database')) return next();
    const built = await readFile(join(c.var.env.distDir, file), 'utf8').catch(() => null);
    if (!built) return next();
    // A build made for another address names that one: put the served address in, as api/static-site.ts does.
    const from = builtOrigin(c.var.env.distDir);
    const to = c.var.env.siteOrigin;
    const shell = from && from !== to ? await readdress(built, '.html', from, to) : built;
    const now = c.var.now;
    let rows: Awaited<ReturnType<typeof activeWarnings>>;
    try {
      rows = await activeWarnings(c.var.database, now);
    } catch (err) {
      // The home page must open even when the database does not answer: the built page, and the island says so.
      if (isDatabaseUnavailable(err)) return next();
      throw err;
    }
    const list = rows.map((w) => publicWarning(w, now));
    let html = fillRegion(shell, 'ACTIVE_WARNINGS', activeListHtml(list));
    html = fillRegion(html, 'WARNING_BAR', warningBarHtml(list, now));
    html = fillRegion(html, 'WARNINGS_DATA', `<script type="application/json" id="warnings-data">${warningsJson(list, now)}</script>`);
    return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)) });
  };
}
