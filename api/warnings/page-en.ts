import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handler } from 'hono';
import type { AppEnv } from '../context.ts';
import { SHELTER_HAZARDS_EN } from '../domain/english.ts';
import { WARNING_SHELTER_HAZARD } from '../domain/shelter-hazards.ts';
import { contentSecurityPolicy, inlineScriptHashes } from '../security-headers.ts';
import { xmlEscape as esc } from './cap.ts';
import { findWarning } from './store.ts';
import { publicWarning, type PublicWarning } from './view.ts';

/** Marks in the built English shell (site/pages/en/warnings/detail.astro), as in the Chinese one. */
const TITLE_MARK = '__WARNING_TITLE__';
const BODY_MARK = '<!--WARNING_BODY-->';

const lines = (s: string) => esc(s).replace(/\n/g, '<br>');

/** `12 May, 09:00 (Beijing time)`: Yangzhou is UTC+8 all year. */
export function englishTime(iso: string): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))} (Beijing time)`;
}

/** The warning in English, readable without JavaScript; names only, with a note, when the publisher wrote no English. */
export function warningHtmlEn(w: PublicWarning): string {
  const en = w.english;
  const notReal =
    w.status !== 'Actual'
      ? `<p class="notice exercise"><strong>This is a ${esc(en.statusName.toLowerCase())} message, not a real warning.</strong></p>`
      : '';
  const state = w.msgType === 'Cancel' ? 'Lifted' : w.active ? 'In force' : w.supersededBy ? 'Replaced by a newer message' : 'Expired';
  const newer = w.supersededBy
    ? `<p class="notice">This warning has been updated: <a href="/en/warnings/${w.supersededBy}/">read the latest message</a>.</p>`
    : '';
  const shelter = WARNING_SHELTER_HAZARD[w.hazard];
  const shelterLink = shelter
    ? `<p class="shelter-link"><a href="/en/shelters/#nearest">Find the nearest shelter for ${esc(SHELTER_HAZARDS_EN[shelter].label.toLowerCase())}</a> (go only if you are told to move).</p>`
    : '';
  const text = en.headline
    ? `<p class="lead">${esc(en.headline)}</p>
<h2>What is happening</h2><p>${lines(en.description ?? '')}</p>
<h2>What you should do now</h2><p>${lines(en.instruction ?? '')}</p>`
    : `<div class="notice"><p><strong>The office has not published English text for this warning.</strong> This page gives its level, hazard, areas and times in English; the full text is in Chinese on the <a href="${esc(w.url)}" hreflang="zh-CN" lang="zh-CN">中文页面</a>. If you cannot read it, ask someone nearby or use your phone's translation, and follow instructions from officials on the spot.</p></div>`;
  return `${notReal}${newer}
<p class="warning-level"><span class="level level-${esc(w.level)}">${esc(en.levelName)}</span> <span class="warning-state">${state}</span></p>
<h1>${esc(en.title)}</h1>
${text}
<dl class="warning-facts">
  <dt>Areas</dt><dd>${esc(en.areas.join(', '))}</dd>
  <dt>Issued by</dt><dd>${esc(en.senderName)}</dd>
  <dt>Issued</dt><dd>${w.sent ? esc(englishTime(w.sent)) : '—'}</dd>
  <dt>Valid until</dt><dd>${esc(englishTime(w.expires))}</dd>
  <dt>Advice</dt><dd>${esc(en.responseName)}</dd>
</dl>
${shelterLink}
<p class="small">Warning number ${esc(w.identifier ?? '')}. <a href="/api/warnings/${w.id}/cap.xml">CAP 1.2 document</a> · <a href="/en/warnings/">All warnings</a> · In an emergency call <a href="tel:110">110</a> (police), <a href="tel:119">119</a> (fire) or <a href="tel:120">120</a> (ambulance).</p>`;
}

/** `GET /en/warnings/:id/`: one warning in English, rendered by the server into the English page shell. */
export const warningPageEn: Handler<AppEnv> = async (c) => {
  const id = Number(c.req.param('id'));
  const row = await findWarning(c.var.database, id);
  const shell = await readFile(join(c.var.env.distDir, 'en', 'warnings', 'detail', 'index.html'), 'utf8').catch(() => null);
  if (!row || row.state !== 'published' || !shell) return c.notFound();
  const w = publicWarning(row, c.var.now);
  const title = w.english.headline ? `${w.english.title}: ${w.english.headline}` : w.english.title;
  // The shell's alternate links name the detail shell; point them at this warning's two pages.
  const html = shell
    .replace(TITLE_MARK, () => esc(title))
    .replaceAll('/warnings/detail/', () => `/warnings/${id}/`)
    .replace(BODY_MARK, () => warningHtmlEn(w));
  return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)) });
};
