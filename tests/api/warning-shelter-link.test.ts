import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appSignedInAs, type TestApp } from '../fixtures/accounts.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

// The warning page is rendered into the built shell (dist/warnings/detail/), so this needs `npm run build` first.
describe.runIf(existsSync('dist/warnings/detail/index.html'))('a warning page links to the shelters for its hazard', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => ({ t, cookie } = await appSignedInAs(['publisher'])));
  afterAll(async () => t.cleanup());

  async function pageOf(over: Parameters<typeof rainstormInput>[1]): Promise<string> {
    const { publisher } = warningsApi(t.app, cookie);
    const draft = await (await publisher.index.$post({ json: rainstormInput(t.clock.now, over) })).json();
    expect((await publisher[':id'].publish.$post({ ...byId(draft.warning.id), json: { confirm: true } })).status).toBe(200);
    const res = await t.app.request(`/warnings/${draft.warning.id}/`);
    expect(res.status).toBe(200);
    return res.text();
  }

  test('a rainstorm warning links to the shelters for floods, a typhoon warning to those for typhoons', async () => {
    const rain = await pageOf({});
    expect(rain).toContain('<a href="/shelters/?hazard=flood#nearest">查找适用于洪涝的应急避难场所</a>');
    const typhoon = await pageOf({ hazard: 'typhoon', headline: '扬州市气象台发布台风橙色预警信号' });
    expect(typhoon).toContain('<a href="/shelters/?hazard=typhoon#nearest">查找适用于台风、大风的应急避难场所</a>');
  });

  test('a warning that sends nobody to a shelter (high temperature) has no such link', async () => {
    const heat = await pageOf({ hazard: 'heat', headline: '扬州市气象台发布高温橙色预警信号' });
    expect(heat).toContain('高温');
    expect(heat).not.toContain('/shelters/?hazard=');
  });
});
