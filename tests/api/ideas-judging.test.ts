import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp } from '../fixtures/app.ts';
import { errorOf, openCampaign, publishedIdea, residentApi, staff, type TestApp } from './ideas-fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.cleanup();
});

type Staff = Awaited<ReturnType<typeof staff>>;

/** The judging sheet of `campaignId` as judge `j` sees it. */
const sheetOf = async (j: Staff, campaignId: number) =>
  (await j.campaigns[':id{[0-9]+}'].judging.$get({ param: { id: String(campaignId) } })).json();
/** The public results page. */
const results = async () => (await residentApi(t).results.$get({ query: {} })).json();

/** A campaign in judging with `ideaCount` shortlisted ideas and `judgeCount` seated judges. */
async function panel(ideaCount: number, judgeCount: number) {
  const { campaignId, admin } = await openCampaign(t);
  const ids: number[] = [];
  for (let i = 0; i < ideaCount; i++) ids.push((await publishedIdea(t, campaignId, { title: `第 ${i + 1} 条应急管理金点子` }, `r${i}`)).id);
  const judges: Staff[] = [];
  for (let i = 0; i < judgeCount; i++) judges.push(await staff(t, ['judge']));
  await admin.send('PUT', `/api/admin/campaigns/${campaignId}/shortlist`, { ideaIds: ids, shortlisted: true });
  await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: judges.map((j) => j.account.id) });
  await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`);
  const score = (j: Staff, ideaId: number, s: [number, number, number], comment = '') =>
    j.send('POST', `/api/admin/campaigns/${campaignId}/judging/${ideaId}`, {
      scores: { innovation: s[0], feasibility: s[1], benefit: s[2] },
      comment,
    });
  return { campaignId, admin, ids, judges, score };
}

describe('金点子 judging', () => {
  test('keeps each judge blind to the others until their own score is in', async () => {
    const { campaignId, ids, judges, score } = await panel(1, 2);
    const [a, b] = judges as [Staff, Staff];
    const [idea] = ids as [number];
    expect((await score(a, idea, [9, 9, 9], '非常好，建议优先推广')).status).toBe(201);
    const blind = await sheetOf(b, campaignId);
    expect(blind.ideas[0]).toMatchObject({ id: idea, mine: null, others: null });
    expect(JSON.stringify(blind)).not.toContain('非常好');
    expect((await b.get(`/api/admin/campaigns/${campaignId}/ranking`)).status).toBe(403);
    expect((await b.get(`/api/admin/campaigns/${campaignId}/scores.csv`)).status).toBe(403);

    expect((await score(b, idea, [5, 6, 7])).status).toBe(201);
    const open = await sheetOf(b, campaignId);
    expect(open.ideas[0]?.others).toEqual([{ label: '其他评委 1', scores: { innovation: 9, feasibility: 9, benefit: 9 }, weighted: 9 }]);
    // Other judges' private comments stay private.
    expect(JSON.stringify(open)).not.toContain('非常好');
  });

  test('refuses a second score, an incomplete score, a judge not seated and scoring during collection', async () => {
    const { campaignId, admin } = await openCampaign(t);
    const { id } = await publishedIdea(t, campaignId);
    const judge = await staff(t, ['judge']);
    const outsider = await staff(t, ['judge']);
    await admin.send('PUT', `/api/admin/campaigns/${campaignId}/shortlist`, { ideaIds: [id], shortlisted: true });
    await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: [judge.account.id] });
    const url = `/api/admin/campaigns/${campaignId}/judging/${id}`;
    const full = { scores: { innovation: 7, feasibility: 7, benefit: 7 } };
    expect((await judge.send('POST', url, full)).status).toBe(409);
    await admin.send('POST', `/api/admin/campaigns/${campaignId}/close`);
    const partial = await judge.send('POST', url, { scores: { innovation: 7, feasibility: 7 } });
    expect(partial.status).toBe(400);
    expect((await errorOf(partial)).message).toContain('实用效益');
    expect((await judge.send('POST', url, { scores: { innovation: 11, feasibility: 7, benefit: 7 } })).status).toBe(400);
    expect((await outsider.send('POST', url, full)).status).toBe(403);
    expect((await outsider.get(`/api/admin/campaigns/${campaignId}/judging`)).status).toBe(403);
    expect((await judge.send('POST', url, full)).status).toBe(201);
    const twice = await judge.send('POST', url, { scores: { innovation: 10, feasibility: 10, benefit: 10 } });
    expect((await errorOf(twice)).code).toBe('already_scored');
    // A judge who has scored stays on the panel.
    expect((await admin.send('PUT', `/api/admin/campaigns/${campaignId}/judges`, { accountIds: [] })).status).toBe(409);
  });

  test('ranks by the mean of judges’ weighted means, dropping the highest and lowest from five judges', async () => {
    const { campaignId, admin, ids, judges, score } = await panel(2, 5);
    const [x, y] = ids as [number, number];
    // Weighted means for x: 10, 8, 7, 6, 1 → drop 10 and 1 → (8 + 7 + 6) / 3 = 7.
    const xs: Array<[number, number, number]> = [
      [10, 10, 10],
      [8, 8, 8],
      [7, 7, 7],
      [6, 6, 6],
      [1, 1, 1],
    ];
    for (const [i, j] of judges.entries()) expect((await score(j, x, xs[i] as [number, number, number])).status).toBe(201);
    // y from two judges only, no trimming: (10×30 + 5×40 + 10×30)/100 = 8 and 6 → 7.
    await score(judges[0] as Staff, y, [10, 5, 10]);
    await score(judges[1] as Staff, y, [6, 6, 6]);
    const { ranking } = await (await admin.campaigns[':id{[0-9]+}'].ranking.$get({ param: { id: String(campaignId) } })).json();
    expect(ranking.map((r) => [r.ideaId, r.judgeCount, r.score, r.rank])).toEqual([
      [x, 5, 7, 1],
      [y, 2, 7, 1],
    ]);
  });

  test('asks for a reason, and audits it, when awards depart from the ranking', async () => {
    const { campaignId, admin, ids, judges, score } = await panel(2, 1);
    const [top, second] = ids as [number, number];
    const [judge] = judges as [Staff];
    await score(judge, top, [9, 9, 9]);
    await score(judge, second, [6, 6, 6]);
    const url = `/api/admin/campaigns/${campaignId}/awards`;
    const swapped = [
      { ideaId: second, award: 'first' },
      { ideaId: top, award: 'second' },
    ];
    const refused = await admin.send('PUT', url, { assignments: swapped });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).fields).toHaveProperty(`reason.${second}`);
    const tooMany = await admin.send('PUT', url, {
      assignments: [
        { ideaId: top, award: 'first' },
        { ideaId: second, award: 'first', reason: '评审会议决定并列' },
      ],
    });
    expect((await errorOf(tooMany)).code).toBe('too_many_awards');
    const reason = '现场答辩中该方案更易落地';
    const ok = await admin.send('PUT', url, { assignments: swapped.map((a) => ({ ...a, reason })) });
    expect(ok.status).toBe(200);
    const audit = await (await admin.audit.index.$get({ query: { action: 'idea.award.departure' } })).json();
    expect(audit.entries.map((e) => e.target).sort()).toEqual([`idea:${top}`, `idea:${second}`].sort());
    expect(audit.entries[0]?.detail).toContain(reason);
    // Results publish in one step: nothing before the announcement, both awards after it.
    expect((await results()).levels).toEqual([]);
    await admin.send('POST', `/api/admin/campaigns/${campaignId}/announce`);
    expect((await results()).levels.map((l) => [l.name, l.ideas.map((i) => i.id)])).toEqual([
      ['一等奖', [second]],
      ['二等奖', [top]],
    ]);
    expect((await admin.send('PUT', url, { assignments: [] })).status).toBe(409);
  });

  test('exports every score as CSV for admins', async () => {
    const { campaignId, admin, ids, judges, score } = await panel(1, 1);
    await score(judges[0] as Staff, ids[0] as number, [8, 7, 6], '=HYPERLINK("x")');
    const res = await admin.get(`/api/admin/campaigns/${campaignId}/scores.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('金点子编号,标题,评委,创新性（30%）,可行性（40%）,实用效益（30%）,加权分')).toBe(true);
    expect(text).toContain(',8,7,6,7.00,');
    // A comment that looks like a formula is neutralised.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
