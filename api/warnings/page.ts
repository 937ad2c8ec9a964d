import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handler } from 'hono';
import type { AppEnv } from '../context.ts';
import { warningShelterLinkHtml } from '../domain/shelter-hazards.ts';
import { contentSecurityPolicy, inlineScriptHashes } from '../security-headers.ts';
import { xmlEscape } from './cap.ts';
import { findWarning } from './store.ts';
import { RESPONSE_NAMES } from './schema.ts';
import { shortTime } from './time.ts';
import { publicWarning, type PublicWarning } from './view.ts';

/** Marks in the built shell page (site/pages/warnings/detail.astro) that the server fills in. */
const TITLE_MARK = '__WARNING_TITLE__';
const BODY_MARK = '<!--WARNING_BODY-->';

const esc = xmlEscape;
const lines = (s: string) => esc(s).replace(/\n/g, '<br>');

/** The warning as HTML, readable without JavaScript. */
export function warningHtml(w: PublicWarning): string {
  const ms = (iso: string) => Date.parse(iso);
  const notReal =
    w.status !== 'Actual' ? `<p class="notice exercise"><strong>这是${esc(w.statusName)}信息，不是真实预警。</strong></p>` : '';
  const state = w.msgType === 'Cancel' ? '已解除' : w.active ? '生效中' : w.supersededBy ? '已被更新' : '已失效';
  const newer = w.supersededBy ? `<p class="notice">这条预警已有更新：<a href="/warnings/${w.supersededBy}/">查看最新信息</a>。</p>` : '';
  const guides = w.guides.length
    ? `<h2>怎样应对</h2><ul>${w.guides.map((g) => `<li><a href="${esc(g.url)}">${esc(g.title)}</a></li>`).join('')}</ul>`
    : '';
  return `${notReal}${newer}
<p class="warning-level"><span class="level level-${esc(w.level)}">${esc(w.levelName)}</span> <span class="warning-state">${state}</span></p>
<h1>${esc(w.title)}</h1>
<p class="lead">${esc(w.headline)}</p>
<dl class="warning-facts">
  <dt>影响区域</dt><dd>${esc(w.areas.map((a) => a.name).join('、'))}</dd>
  <dt>发布单位</dt><dd>${esc(w.senderName)}</dd>
  <dt>发布时间</dt><dd>${w.sent ? esc(shortTime(ms(w.sent))) : '—'}</dd>
  <dt>有效期至</dt><dd>${esc(shortTime(ms(w.expires)))}</dd>
  <dt>建议行动</dt><dd>${esc(RESPONSE_NAMES[w.responseType as keyof typeof RESPONSE_NAMES] ?? w.responseType)}</dd>
</dl>
<h2>情况说明</h2><p>${lines(w.description)}</p>
<h2>你现在应该做什么</h2><p>${lines(w.instruction)}</p>
${guides}
${warningShelterLinkHtml(w.hazard)}
<p class="small">预警编号 ${esc(w.identifier ?? '')}。<a href="/api/warnings/${w.id}/cap.xml">CAP 1.2 格式</a> · <a href="/warnings/">全部预警</a> · 紧急情况请拨打 <a href="tel:110">110</a>、<a href="tel:119">119</a>、<a href="tel:120">120</a>。</p>`;
}

/** `GET /warnings/:id/`: one warning, rendered by the server into the site's own page shell. */
export const warningPage: Handler<AppEnv> = async (c) => {
  const id = Number(c.req.param('id'));
  const row = await findWarning(c.var.database, id);
  const shellPath = join(c.var.env.distDir, 'warnings', 'detail', 'index.html');
  const shell = await readFile(shellPath, 'utf8').catch(() => null);
  if (!row || row.state !== 'published' || !shell) return c.notFound();
  const w = publicWarning(row, c.var.now);
  // Replacer functions, not strings: a `$&` or `$'` typed by a publisher must stay literal text.
  const html = shell
    .replace(TITLE_MARK, () => esc(`${w.title} ${w.headline}`))
    // The shell's canonical and hreflang links name the shell; point them at this warning (and its English page).
    .replaceAll('/warnings/detail/', () => `/warnings/${id}/`)
    .replace(BODY_MARK, () => warningHtml(w));
  return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)) });
};
