import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf, queryOf } from '../validate.ts';
import { contestDetail, countsByContest } from './admin-views.ts';
import { contestBank, type BankQuestion } from './bank.ts';
import type { AudienceCode } from './labels.ts';
import { contestForStaff, staffUnit } from './lookup.ts';
import {
  bankQuerySchema,
  contestInputSchema,
  contestPatchSchema,
  idParamSchema,
  type BankEntry,
  type ContestSummary,
  type Selection,
} from './contract.ts';
import { pickQuestions, SelectionError } from './selection.ts';
import { insertContest, listContests, secureRandom, statusOf } from './store.ts';
import { updateContest } from './timing.ts';

/** The bank questions a selection names: drawn by the mix, or picked by hand in the organiser's order. */
function chooseQuestions(selection: Selection, audience: AudienceCode): BankQuestion[] {
  const bank = contestBank();
  if (selection.mode === 'mix') return pickQuestions(bank, selection, audience, secureRandom);
  const byId = new Map(bank.map((q) => [q.id, q]));
  const missing = selection.questionIds.filter((id) => !byId.has(id));
  if (missing.length) throw new SelectionError(`题库中没有这些题目：${missing.join('、')}`);
  return selection.questionIds.flatMap((id) => byId.get(id) ?? []);
}

/** `/api/admin/contests`: the organiser's contests — list, question bank, create, edit. */
export const adminContestRoutes = new Hono<AppEnv>()
  .use(requireRole('organizer'))
  .get('/', async (c) => {
    const rows = await listContests(c.var.database, staffUnit(c));
    const counts = await countsByContest(c.var.database);
    const list: ContestSummary[] = rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      unitName: r.unitName,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      status: statusOf(r, c.var.now),
      joined: counts.get(r.id)?.joined ?? 0,
      finished: counts.get(r.id)?.finished ?? 0,
      archived: r.archivedAt !== null,
    }));
    return c.json({ contests: list }, 200);
  })
  .get('/bank', queryOf(bankQuerySchema), (c) => {
    const { audience } = c.req.valid('query');
    const questions = contestBank()
      .filter((q) => !audience || q.audience.includes(audience))
      .map((q): BankEntry => ({
        id: q.id,
        stem: q.stem,
        type: q.type,
        difficulty: q.difficulty,
        category: q.category,
        audience: q.audience,
        guideTitle: q.guideTitle,
        reserved: q.reserved,
      }));
    return c.json({ questions }, 200);
  })
  .post('/', jsonBody(contestInputSchema), async (c) => {
    const input = c.req.valid('json');
    const me = c.var.session?.account;
    const unit = staffUnit(c) ?? { unitName: input.unitName ?? me?.unitName ?? '', unitDistrict: me?.unitDistrict ?? null };
    if (!unit.unitName) throw apiError(400, 'invalid_input', '请填写组织单位。', { unitName: '请填写组织单位' });
    let questions: BankQuestion[];
    try {
      questions = chooseQuestions(input.selection, input.audience);
    } catch (err) {
      if (err instanceof SelectionError) throw apiError(400, 'selection', err.message, { selection: err.message });
      throw err;
    }
    const now = c.var.now;
    const row = await insertContest(
      c.var.database,
      {
        title: input.title,
        description: input.description,
        unitName: unit.unitName,
        unitDistrict: unit.unitDistrict,
        createdBy: me?.id ?? 0,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        audience: input.audience,
        selection: input.selection,
        timeLimitMs: input.timeLimitMinutes * 60_000,
        moreTimeMs: input.moreTimeMinutes * 60_000,
        attemptsAllowed: input.attemptsAllowed,
        shuffleQuestions: input.shuffleQuestions,
        shuffleOptions: input.shuffleOptions,
        revealAnswers: input.revealAnswers,
        teamMode: input.teamMode,
        teams: input.teamMode === 'list' ? input.teams : [],
        askClass: input.askClass,
        askStudentNo: input.askStudentNo,
        sharedDevices: input.sharedDevices,
        nameDisplay: input.nameDisplay,
        teamScoring: input.teamScoring,
        teamBestN: input.teamBestN,
        honourTop: input.honourTop,
        certificateRule: input.certificateRule,
        passScore: input.passScore,
        createdAt: now,
        updatedAt: now,
      },
      questions,
      (code) => auditOf(c, 'contest.create', null, { code, title: input.title, unit: unit.unitName, questions: questions.length }),
    );
    return c.json({ contest: await contestDetail(c.var.database, row, now, c.var.env.siteUrl) }, 201);
  })
  .get('/:id', paramsOf(idParamSchema), async (c) => {
    const row = await contestForStaff(c, c.req.valid('param').id);
    return c.json({ contest: await contestDetail(c.var.database, row, c.var.now, c.var.env.siteUrl) }, 200);
  })
  .patch('/:id', paramsOf(idParamSchema), jsonBody(contestPatchSchema), async (c) => {
    const before = await contestForStaff(c, c.req.valid('param').id);
    const changes = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([, v]) => v !== undefined));
    const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
    const audit = auditOf(c, 'contest.update', `contest:${before.id}`, { before: was, after: changes });
    const after = await updateContest(c.var.database, before.id, { ...changes, updatedAt: c.var.now }, audit);
    return c.json({ contest: await contestDetail(c.var.database, after, c.var.now, c.var.env.siteUrl) }, 200);
  });
