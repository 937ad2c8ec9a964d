import { xmlEscape as esc } from './cap.ts';
import { shortTime } from './time.ts';
import type { PublicWarning } from './view.ts';

// The same markup as site/islands/warnings/WarningCard.tsx and WarningBar.astro render, so the page
// reads without JavaScript and nothing moves when the island takes over.

const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;

/** Highest level first, then newest. */
export const byLevelThenTime = (a: PublicWarning, b: PublicWarning) =>
  RANK[b.level] - RANK[a.level] || (b.sent ?? '').localeCompare(a.sent ?? '');

/** `广陵区、邗江区`, or `扬州市全市`. */
const areaText = (w: PublicWarning) => (w.wholeCity ? '扬州市全市' : w.areas.map((a) => a.name).join('、'));

/** One active warning as a list item: level, title, what changed, where and until when, what to do now. */
export function warningCardHtml(w: PublicWarning): string {
  const drill = w.status !== 'Actual';
  const actions = w.actions.length
    ? `<ol class="warning-actions">${w.actions.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>`
    : `<p class="warning-instruction">${esc(w.instruction)}</p>`;
  return (
    // The districts it concerns, so the page can put the resident's first before it is drawn (site/pages/warnings/index.astro).
    `<li class="warning-card card level-edge-${esc(w.level)}${drill ? ' warning-drill' : ''}" data-concerns="${w.wholeCity ? 'all' : esc(w.areas.map((a) => a.code).join(' '))}">` +
    `<p class="warning-card-level">${drill ? `<strong class="drill-tag">${esc(w.statusName)}</strong>` : ''}<span class="level level-${esc(w.level)}">${esc(w.levelName)}</span></p>` +
    `<h3><a href="${esc(w.url)}">${esc(w.title)}</a></h3>` +
    (w.changeNote ? `<p class="warning-change">更新：${esc(w.changeNote)}</p>` : '') +
    `<p class="warning-headline">${esc(w.headline)}</p>` +
    `<p class="warning-card-meta">影响区域：${esc(areaText(w))} · 有效期至 ${esc(shortTime(Date.parse(w.expires)))}</p>` +
    `<h4>你现在应该做什么</h4>${actions}` +
    `<p class="warning-more"><a href="${esc(w.url)}">详情和官方防御指南<span class="visually-hidden">：${esc(w.title)}</span></a></p>` +
    `</li>`
  );
}

/** The active real warnings of /warnings/, or the calm line when there are none. */
export function activeListHtml(list: PublicWarning[]): string {
  const real = list.filter((w) => w.status === 'Actual').sort(byLevelThenTime);
  if (!real.length) return '<p class="warning-none">扬州市现在没有正在生效的预警。</p>';
  return `<ul class="warning-list" aria-label="正在生效的预警">${real.map(warningCardHtml).join('')}</ul>`;
}

/**
 * The home page's warning bar: the most serious real warning in force (level in colour and words,
 * hazard, area, until when, the first action, a link), or one calm line with the time checked.
 * A red warning for the whole city is drawn as an alarm across the page (`warning-bar-alarm`).
 */
export function warningBarHtml(list: PublicWarning[], checkedAt: number): string {
  const real = list.filter((w) => w.status === 'Actual').sort(byLevelThenTime);
  const top = real[0];
  if (!top)
    return `<p class="warning-bar-calm">扬州市目前没有生效的预警<span class="warning-bar-checked">（${esc(shortTime(checkedAt))} 查询）</span> · <a href="/warnings/">预警信息</a></p>`;
  const alarm = top.level === 'red' && top.wholeCity;
  const more = real.length > 1 ? `另有 ${real.length - 1} 条预警，` : '';
  const first = top.actions[0] ?? top.headline;
  return (
    `<div class="warning-bar-active level-edge-${esc(top.level)}${alarm ? ' warning-bar-alarm' : ''}">` +
    // Level and hazard once each, in one link: 「橙色预警 暴雨」.
    `<p class="warning-bar-title"><a href="${esc(top.url)}"><span class="level level-${esc(top.level)}">${esc(top.levelName.replace(/（.*$/, ''))}</span> ${esc(top.hazardName)}</a></p>` +
    `<p class="warning-bar-meta">${esc(areaText(top))} · 有效期至 ${esc(shortTime(Date.parse(top.expires)))}</p>` +
    `<p class="warning-bar-action"><strong>现在就做：</strong>${esc(first)}</p>` +
    `<p class="warning-bar-links"><a href="/warnings/">${more}查看全部预警</a></p>` +
    `</div>`
  );
}

/** The warnings as JSON for the island to start from, safe inside a `<script type="application/json">`. */
export function warningsJson(list: PublicWarning[], updatedAt: number): string {
  return JSON.stringify({ warnings: list, updatedAt: new Date(updatedAt).toISOString() }).replace(/</g, '\\u003c');
}

/** Replaces `<!--NAME-->…<!--/NAME-->` in a built page with `html` (a replacer function: `$&` stays literal). */
export function fillRegion(page: string, name: string, html: string): string {
  const start = `<!--${name}-->`;
  const end = `<!--/${name}-->`;
  const from = page.indexOf(start);
  const to = page.indexOf(end, from);
  if (from < 0 || to < 0) return page;
  return page.slice(0, from + start.length) + html + page.slice(to);
}
