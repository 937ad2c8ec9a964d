import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiErrorSchema } from '#api/errors.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

/** The stable code of a refusal. */
const codeOf = async (res: Response) => apiErrorSchema.parse(await res.json()).error.code;

describe('two-person rule (四眼原则) for red and whole-city warnings', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let author: Awaited<ReturnType<typeof signedIn>>;
  let second: Awaited<ReturnType<typeof signedIn>>;
  let third: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await createTestApp();
    author = await signedIn(t, ['publisher']);
    second = await signedIn(t, ['publisher']);
    third = await signedIn(t, ['publisher']);
    admin = await signedIn(t, ['admin']);
  });
  afterAll(async () => t.cleanup());

  const desk = (who: { cookie: string }) => warningsApi(t.app, who.cookie).publisher;
  const draftOf = async (who: { cookie: string }, over = {}) => {
    const res = await desk(who).index.$post({ json: rainstormInput(t.clock.now, over) });
    expect(res.status).toBe(201);
    return (await res.json()).warning;
  };
  const publish = (who: { cookie: string }, id: number, confirm?: boolean) =>
    desk(who)[':id'].publish.$post({ ...byId(id), json: confirm === undefined ? {} : { confirm } });
  const approve = (who: { cookie: string }, id: number, revision: number) =>
    desk(who)[':id'].approve.$post({ ...byId(id), json: { revision } });
  const activeIds = async () => (await (await warningsApi(t.app).residents.index.$get({ query: {} })).json()).warnings.map((w) => w.id);
  const auditOf = async (action: string) =>
    (await (await warningsApi(t.app, admin.cookie).audit.index.$get({ query: { action } })).json()).entries;

  test('a red warning waits for a second publisher, who sees the preview and approves it; the report names the approver', async () => {
    const draft = await draftOf(author, { level: 'red', headline: '扬州市气象台发布暴雨红色预警信号' });
    expect(draft.approval.required).toBe(true);
    expect(draft.approval.approvers).toContain(second.account.displayName);
    expect(draft.approval.approvers).not.toContain(author.account.displayName);

    const alone = await publish(author, draft.id, true);
    expect(alone.status).toBe(409);
    const err = apiErrorSchema.parse(await alone.json());
    expect(err.error.code).toBe('approval_required');
    expect(err.error.message).toContain(second.account.displayName);
    expect(await activeIds()).not.toContain(draft.id);

    const own = await approve(author, draft.id, draft.revision);
    expect(own.status).toBe(403);

    const preview = await (await desk(second)[':id'].preview.$get(byId(draft.id))).json();
    expect(preview.html).toContain('扬州市气象台发布暴雨红色预警信号');
    expect(preview.html).toContain('红色预警');
    // The lock screen leads with the first thing to do (rainstormInput's first action).
    expect(preview.notification).toEqual({ title: '【红色预警】暴雨', body: '现在就做：尽量不出门，不在桥洞、地道里躲雨。' });

    // The author changes the text after the preview was opened: that approval no longer counts.
    const edited = await desk(author)[':id'].$put({ ...byId(draft.id), json: rainstormInput(t.clock.now, { level: 'red' }) });
    expect(edited.status).toBe(200);
    const stale = await approve(second, draft.id, preview.revision);
    expect(stale.status).toBe(409);
    expect(await codeOf(stale)).toBe('changed');

    const ok = await approve(second, draft.id, preview.revision + 1);
    expect(ok.status).toBe(200);
    expect(await activeIds()).toContain(draft.id);
    const report = await (await desk(author)[':id'].delivery.$get(byId(draft.id))).json();
    expect(report.approval?.approvedBy).toContain(second.account.displayName);
    expect(report.approval?.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const approvals = await auditOf('warning.approve');
    expect(approvals.find((e) => e.target === `warning:${draft.id}`)?.actorName).toBe(second.account.username);
    expect((await auditOf('warning.publish')).filter((e) => e.target === `warning:${draft.id}`)).toHaveLength(1);
  });

  test('a whole-city drill (演练) follows the same rule', async () => {
    const drill = await draftOf(author, { status: 'Exercise', level: 'blue', areas: ['321000'] });
    const res = await publish(author, drill.id, true);
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('approval_required');
    expect((await approve(second, drill.id, drill.revision)).status).toBe(200);
  });

  test('raising a warning to red is an update that waits for approval; two approvers at once publish it once', async () => {
    const first = await draftOf(author);
    expect((await publish(author, first.id)).status).toBe(200);
    const upd = await desk(author)[':id'].update.$post({
      ...byId(first.id),
      json: { warning: rainstormInput(t.clock.now, { level: 'red' }) },
    });
    expect(upd.status).toBe(202);
    const pending = (await upd.json()).warning;
    expect(await activeIds()).toContain(first.id);
    const both = await Promise.all([approve(second, pending.id, 1), approve(third, pending.id, 1)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const ids = await activeIds();
    expect(ids).toContain(pending.id);
    expect(ids).not.toContain(first.id);
  });

  test('only an admin switches the rule off for the city, and that is audited', async () => {
    const put = (who: { cookie: string }, on: boolean) =>
      warningsApi(t.app, who.cookie).settings.index.$put({ json: { twoPersonRule: on } });
    expect((await put(author, false)).status).toBe(403);
    expect((await put(admin, false)).status).toBe(200);
    const red = await draftOf(author, { level: 'red' });
    expect(red.approval.required).toBe(false);
    expect((await publish(author, red.id, true)).status).toBe(200);
    expect((await put(admin, true)).status).toBe(200);
    const entries = await auditOf('warning.rule');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['warning.rule.two_person.off', 'warning.rule.two_person.on']));
    expect(entries.every((e) => e.actorName === admin.account.username)).toBe(true);
  });
});
