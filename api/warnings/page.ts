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

/** The warning as HTML, readable without JavaScript: what to do first, then the facts and the official guidance. */
export function warningHtml(w: PublicWarning): string {
  const ms = (iso: string) => Date.parse(iso);
  const notReal =
    w.status !== 'Actual' ? `<p class="notice exercise"><strong>这是${esc(w.statusName)}信息，不是真实预警。</strong></p>` : '';
  const ender = w.msgType === 'Cancel';
  // 解除 and 取消 read differently; neither keeps the level colour or the "valid until" of what it ends.
  const ended = w.ending
    ? w.ending === 'cancel'
      ? `<p class="ended ended-cancel"><strong>已取消：</strong>${ender ? '此前发布的这条预警有误或不再适用，不需要按它行动。' : '这条预警后来被取消（发布有误或不再适用），不需要按它行动。'}</p>`
      : `<p class="ended ended-allclear"><strong>已解除：</strong>${ender ? '危险已经过去，预警解除。' : '这条预警已经解除，危险已经过去。'}</p>`
    : '';
  const newer =
    w.supersededBy && !w.ending ? `<p class="notice">这条预警已有更新：<a href="/warnings/${w.supersededBy}/">查看最新信息</a>。</p>` : '';
  const level = w.ending
    ? ''
    : `<p class="warning-level"><span class="level level-${esc(w.level)}">${esc(w.levelName)}</span> <span class="warning-state">${esc(w.stateName)}</span></p>`;
  const change = w.changeNote ? `<p class="warning-change"><strong>更新：</strong>${esc(w.changeNote)}</p>` : '';
  const actions = w.actions.length
    ? `<ol class="warning-actions">${w.actions.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>`
    : `<p>${lines(w.instruction)}</p>`;
  const guides = w.guides.length
    ? `<h2>怎样应对</h2><ul>${w.guides.map((g) => `<li><a href="${esc(g.url)}">${esc(g.title)}</a></li>`).join('')}</ul>`
    : '';
  const until = w.ending ? '' : `<dt>有效期至</dt><dd>${esc(shortTime(ms(w.expires)))}</dd>`;
  const response = w.ending ? '' : `<dt>建议行动</dt><dd>${esc(RESPONSE_NAMES[w.responseType] ?? w.responseType)}</dd>`;
  const official = ender
    ? ''
    : w.actions.length
      ? `<h2>官方防御指南</h2><p class="hint">发布单位的防御指南原文，也写给政府部门、学校和单位。</p><p>${lines(w.instruction)}</p>`
      : '';
  return `${notReal}${ended}${newer}
${level}
<h1>${esc(w.title)}</h1>
${change}
<p class="lead">${esc(ender ? w.description : w.headline)}</p>
<h2>你现在应该做什么</h2>${actions}
<dl class="warning-facts">
  <dt>影响区域</dt><dd>${esc(w.areas.map((a) => a.name).join('、'))}</dd>
  ${until}
  <dt>发布时间</dt><dd>${w.sent ? esc(shortTime(ms(w.sent))) : '—'}</dd>
  <dt>发布单位</dt><dd>${esc(w.senderName)}</dd>
  ${response}
</dl>
${ender ? '' : `<h2>情况说明</h2><p>${lines(w.description)}</p>`}
${official}
${guides}
${ender ? '' : warningShelterLinkHtml(w.hazard)}
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
    .replace(TITLE_MARK, () => esc(w.title))
    // The shell's canonical and hreflang links name the shell; point them at this warning (and its English page).
    .replaceAll('/warnings/detail/', () => `/warnings/${id}/`)
    .replace(BODY_MARK, () => warningHtml(w));
  return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)) });
};
