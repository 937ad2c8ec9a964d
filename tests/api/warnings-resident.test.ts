import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESIDENT_ACTIONS } from '#api/warnings/actions.ts';
import { SIGNALS } from '#api/warnings/templates.ts';
import { HAZARDS } from '#api/domain/hazards.ts';
import { findWarning } from '#api/warnings/store.ts';
import { notificationFor } from '#api/warnings/view.ts';
import type { followUpSchema, WarningInput } from '#api/warnings/contract.ts';
import type { z } from 'zod';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

// The built pages' regions the server fills (site/pages/index.astro, site/pages/warnings/index.astro), as a stand-in.
const LIST_SHELL =
  '<html><body><main><h1>预警信息</h1><div id="active-list"><!--ACTIVE_WARNINGS--><p>正在获取</p><!--/ACTIVE_WARNINGS--></div><!--WARNINGS_DATA--><!--/WARNINGS_DATA--></main></body></html>';
const DETAIL_SHELL =
  '<html><head><title>__WARNING_TITLE__</title></head><body><main><article class="warning-detail"><!--WARNING_BODY--></article></main></body></html>';
const HOME_SHELL = '<html><body><main><!--WARNING_BAR--><p>查看预警</p><!--/WARNING_BAR--><h1>扬州应急</h1></main></body></html>';

describe('warnings as residents read them', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let cookie: string;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'yzready-dist-'));
    mkdirSync(join(dist, 'warnings'), { recursive: true });
    writeFileSync(join(dist, 'warnings', 'index.html'), LIST_SHELL);
    writeFileSync(join(dist, 'index.html'), HOME_SHELL);
    mkdirSync(join(dist, 'warnings', 'detail'));
    writeFileSync(join(dist, 'warnings', 'detail', 'index.html'), DETAIL_SHELL);
    t = await createTestApp({ DIST_DIR: dist });
    ({ cookie } = await signedIn(t, ['publisher']));
  });
  afterAll(async () => t.cleanup());

  const api = () => warningsApi(t.app, cookie);
  const followUp = (id: number, json: z.input<typeof followUpSchema>) => api().publisher[':id'].update.$post({ ...byId(id), json });
  const endOf = async (id: number, json: { reason: string; allClear?: boolean }) =>
    (await (await api().publisher[':id'].cancel.$post({ ...byId(id), json })).json()).warning;
  async function publish(over: Partial<WarningInput> = {}) {
    // Leaves urgency and response type out: the level decides them.
    // (JSON leaves out a key whose value is undefined.)
    const input = { ...rainstormInput(t.clock.now), urgency: undefined, responseType: undefined, ...over };
    const draft = await (await api().publisher.index.$post({ json: input })).json();
    const res = await api().publisher[':id'].publish.$post({ ...byId(draft.warning.id), json: { confirm: true } });
    expect(res.status).toBe(200);
    return (await res.json()).warning;
  }
  const page = async (path: string) => (await t.app.request(path)).text();

  test('every signal and every office hazard has 3–5 resident actions for each of its levels', () => {
    for (const s of SIGNALS) expect(RESIDENT_ACTIONS[s.hazard]?.[s.level]?.length, `${s.hazard} ${s.level}`).toBeGreaterThanOrEqual(3);
    const office = Object.entries(HAZARDS).filter(([, h]) => !h.meteorological);
    for (const [code] of office)
      for (const level of ['blue', 'yellow', 'orange', 'red'] as const)
        expect(RESIDENT_ACTIONS[code as keyof typeof HAZARDS]?.[level]?.length, `${code} ${level}`).toBeGreaterThanOrEqual(3);
  });

  test('orange and red default to act now (Immediate, the hazard’s response); lower levels to Prepare', async () => {
    const orange = await publish({ level: 'orange' });
    expect([orange.urgency, orange.responseType]).toEqual(['Immediate', 'Shelter']);
    const flood = await publish({ hazard: 'flood', level: 'orange', areas: ['321084'] });
    expect([flood.urgency, flood.responseType]).toEqual(['Immediate', 'Evacuate']);
    const yellow = await publish({ level: 'yellow', areas: ['321023'] });
    expect([yellow.urgency, yellow.responseType]).toEqual(['Expected', 'Prepare']);
    // The publisher's own choice stands.
    const chosen = await publish({ level: 'orange', responseType: 'Monitor', urgency: 'Expected', areas: ['321081'] });
    expect([chosen.urgency, chosen.responseType]).toEqual(['Expected', 'Monitor']);
  });

  test('refuses more than five actions, or an empty one, with a message in Chinese', async () => {
    const six = await api().publisher.index.$post({
      json: rainstormInput(t.clock.now, { actions: ['一二三四', '一二三四', '一二三四', '一二三四', '一二三四', '一二三四'] }),
    });
    expect(six.status).toBe(400);
    expect(JSON.stringify(await six.json())).toContain('最多 5 条');
    const blank = await api().publisher.index.$post({ json: rainstormInput(t.clock.now, { actions: ['  '] }) });
    expect(blank.status).toBe(400);
  });

  test('the page leads with 你现在应该做什么, then the official guidance labelled as such', async () => {
    const w = await publish({ areas: ['321012'] });
    const html = await page(`/warnings/${w.id}/`);
    const todo = html.indexOf('<h2>你现在应该做什么</h2><ol class="warning-actions"><li>尽量不出门');
    expect(todo).toBeGreaterThan(0);
    expect(html.indexOf('<h2>官方防御指南</h2>')).toBeGreaterThan(todo);
    expect(html.indexOf('<h2>情况说明</h2>')).toBeGreaterThan(todo);
    // The CAP instruction carries both, actions first.
    const cap = await page(`/api/warnings/${w.id}/cap.xml`);
    expect(cap).toMatch(/<instruction>你现在应该做什么：\n1\. 尽量不出门[\s\S]*官方防御指南：\n避免前往低洼地带/);
  });

  test('an Update says in one line what changed, on the page and in the notification', async () => {
    const w = await publish({ areas: ['321002'] });
    const res = await followUp(w.id, {
      warning: rainstormInput(t.clock.now, { areas: ['321002', '321003'], expires: t.clock.now + 9 * 3600_000 }),
      confirm: true,
    });
    const update = (await res.json()).warning;
    expect(update.changeNote).toBe('增加邗江区；有效期延长到 5月12日 18:00');
    expect(await page(`/warnings/${update.id}/`)).toContain('<strong>更新：</strong>增加邗江区；有效期延长到 5月12日 18:00');
    const row = await findWarning(t.database, update.id);
    expect(notificationFor(row!).body).toBe('更新：增加邗江区；有效期延长到 5月12日 18:00。现在就做：尽量不出门，不在桥洞、地道里躲雨。');
  });

  test('解除 and 取消 read differently everywhere, keep no level or valid-until, and end every message of the event', async () => {
    const w = await publish({ areas: ['321002'] });
    const upd = (
      await (
        await followUp(w.id, { warning: rainstormInput(t.clock.now, { areas: ['321002'], headline: '暴雨继续，注意积水' }), confirm: true })
      ).json()
    ).warning;
    const allClear = await endOf(upd.id, { reason: '降雨已经明显减弱', allClear: true });
    const other = await publish({ areas: ['321003'] });
    const cancel = await endOf(other.id, { reason: '预警区域发布有误' });

    expect(allClear.title).toBe('【解除】暴雨预警');
    expect(cancel.title).toBe('【取消】暴雨预警');
    expect([allClear.ending, cancel.ending]).toEqual(['allclear', 'cancel']);
    expect(allClear.guides).toEqual([]);
    const ended = await page(`/warnings/${allClear.id}/`);
    const withdrawn = await page(`/warnings/${cancel.id}/`);
    expect(ended).toContain('class="ended ended-allclear"><strong>已解除：</strong>危险已经过去');
    expect(withdrawn).toContain('class="ended ended-cancel"><strong>已取消：</strong>此前发布的这条预警有误');
    for (const html of [ended, withdrawn]) {
      expect(html).not.toContain('class="level ');
      expect(html).not.toContain('有效期至');
      expect(html).not.toContain('/guides/');
    }
    // The first message and its update say the event has ended, not merely "updated".
    for (const id of [w.id, upd.id]) {
      const one = (await (await api().residents[':id'].$get(byId(id))).json()).warning;
      expect([one.ending, one.stateName]).toEqual(['allclear', '已解除']);
      expect(await page(`/warnings/${id}/`)).toContain('<strong>已解除：</strong>这条预警已经解除');
    }
    // The notifications say different things.
    const [a, c] = [await findWarning(t.database, allClear.id), await findWarning(t.database, cancel.id)];
    expect(notificationFor(a!).body).toBe('危险已经过去，预警解除。降雨已经明显减弱');
    expect(notificationFor(c!).body).toBe('此前的预警有误，已取消，不需要按它行动。预警区域发布有误');
    // CAP 1.2: AllClear for the all-clear, None for a message withdrawn.
    expect(await page(`/api/warnings/${allClear.id}/cap.xml`)).toContain('<responseType>AllClear</responseType>');
    expect(await page(`/api/warnings/${cancel.id}/cap.xml`)).toContain('<responseType>None</responseType>');
  });

  test('/warnings/ and the home page carry the warnings in force in their HTML, and a calm line when there are none', async () => {
    await publish({ areas: ['321081'] });
    const list = await page('/warnings/');
    const live = (await (await api().residents.index.$get({ query: {} })).json()).warnings;
    expect(live.length).toBeGreaterThan(0);
    for (const w of live) expect(list).toContain(`<h3><a href="/warnings/${w.id}/">${w.title}</a></h3>`);
    expect(list).toContain('<script type="application/json" id="warnings-data">');
    const home = await page('/');
    // The most serious first (all are orange here; the newest of them).
    expect(home).toMatch(
      /class="warning-bar-active level-edge-orange"><p class="warning-bar-title"><a href="\/warnings\/\d+\/"><span class="level level-orange">橙色预警<\/span> 暴雨<\/a>/,
    );
    expect(home).toContain('<strong>现在就做：</strong>');
    // A new answer as soon as a warning changes: the cache follows the warnings' version.
    const before = (await t.app.request('/warnings/')).headers.get('etag');
    await publish({ areas: ['321084'], headline: '高邮湖周边暴雨' });
    expect((await t.app.request('/warnings/')).headers.get('etag')).not.toBe(before);
  });

  test('with nothing in force the home page says so calmly, with the time checked', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'yzready-dist-'));
    writeFileSync(join(dist, 'index.html'), HOME_SHELL);
    mkdirSync(join(dist, 'warnings'));
    writeFileSync(join(dist, 'warnings', 'index.html'), LIST_SHELL);
    const empty = await createTestApp({ DIST_DIR: dist });
    try {
      expect(await (await empty.app.request('/')).text()).toContain(
        '<p class="warning-bar-calm">扬州市目前没有生效的预警<span class="warning-bar-checked">（5月12日 09:00 查询）</span>',
      );
      expect(await (await empty.app.request('/warnings/')).text()).toContain('<p class="warning-none">扬州市现在没有正在生效的预警。</p>');
    } finally {
      await empty.cleanup();
    }
  });

  test('/api/warnings, the pages and the feeds are compressed for clients that accept it; the feeds name their stylesheet', async () => {
    await publish({ areas: ['321023'] });
    for (const path of ['/api/warnings', '/api/warnings?all=1', '/warnings/', '/feeds/warnings.atom']) {
      const br = await t.app.request(path, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.headers.get('content-encoding'), path).toBe('br');
      const gz = await t.app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding'), path).toBe('gzip');
    }
    expect(await page('/feeds/warnings.atom')).toContain('<?xml-stylesheet type="text/xsl" href="/feeds/atom.xsl"?>');
  });
});
