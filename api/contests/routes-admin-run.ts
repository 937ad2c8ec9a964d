import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { requireRole } from '../accounts/guard.ts';
import { auditAction, auditInsert, auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import { formatStamp, localDay } from '../domain/clock.ts';
import { contestExtraTimes, contestQuestions, contests } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { joinUrlOf, reservedQuestionIds } from './admin-views.ts';
import { standings } from './board.ts';
import { formatDuration } from './labels.ts';
import { contestForStaff } from './lookup.ts';
import { archiveSchema, extendSchema, extraTimeSchema, idParamSchema } from './contract.ts';
import { nameKeyOf } from './names.ts';
import { organiserResults } from './organiser-results.ts';
import { questionsOf, statusOf } from './store.ts';
import { grantExtraTime, moveClose } from './timing.ts';

const hasParticipants = () =>
  apiError(409, 'has_participants', '已经有人参加了这个竞赛，不能删除（成绩和证书要保留）。竞赛结束后可以归档。');
const time = (ms: number | null) => (ms === null ? '' : formatStamp(ms));

/** `/api/admin/contests/:id/…`: running a contest — close, extend, extra time — and its results. */
export const adminRunRoutes = new Hono<AppEnv>()
  .use(requireRole('organizer'))
  .post('/:id/close', paramsOf(idParamSchema), async (c) => {
    const before = await contestForStaff(c, c.req.valid('param').id);
    if (statusOf(before, c.var.now) === 'closed') throw apiError(409, 'already_closed', '这个竞赛已经结束了。');
    const audit = auditOf(c, 'contest.close', `contest:${before.id}`, { closesAtBefore: before.closesAt, closesAt: c.var.now });
    const after = await moveClose(c.var.database, before, c.var.now, c.var.now, audit);
    return c.json({ closesAt: after.closesAt, status: statusOf(after, c.var.now) }, 200);
  })
  .post('/:id/extend', paramsOf(idParamSchema), jsonBody(extendSchema), async (c) => {
    const before = await contestForStaff(c, c.req.valid('param').id);
    const { closesAt } = c.req.valid('json');
    if (closesAt <= c.var.now || closesAt <= before.opensAt)
      throw apiError(400, 'invalid_input', '新的结束时间应晚于现在和开始时间。', { closesAt: '应晚于现在' });
    const audit = auditOf(c, 'contest.extend', `contest:${before.id}`, { closesAtBefore: before.closesAt, closesAt });
    const after = await moveClose(c.var.database, before, closesAt, c.var.now, audit);
    return c.json({ closesAt: after.closesAt, status: statusOf(after, c.var.now) }, 200);
  })
  .post('/:id/archive', paramsOf(idParamSchema), jsonBody(archiveSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const { archived } = c.req.valid('json');
    if (archived && statusOf(contest, c.var.now) !== 'closed')
      throw apiError(409, 'not_closed', '竞赛结束后才能归档。要提前结束，请先点“立即结束”。');
    await c.var.database.write((db) =>
      db.batch([
        db
          .update(contests)
          .set({ archivedAt: archived ? c.var.now : null, updatedAt: c.var.now })
          .where(eq(contests.id, contest.id)),
        auditInsert(db, auditOf(c, archived ? 'contest.archive' : 'contest.unarchive', `contest:${contest.id}`, { title: contest.title })),
      ]),
    );
    return c.json({ archived }, 200);
  })
  .delete('/:id', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const { id } = contest;
    const { now } = c.var;
    const reserved = reservedQuestionIds();
    const hasReserved = (await questionsOf(c.var.database, id)).some((q) => reserved.has(q.questionId));
    // Once started, the organiser has seen the contest-only answers; the contest stays on record.
    const joined = await c.var.database.db.all(sql`SELECT 1 FROM contest_attempts WHERE contest_id = ${id} LIMIT 1`);
    if (joined.length > 0) throw hasParticipants();
    if (hasReserved && statusOf(contest, now) !== 'scheduled')
      throw apiError(
        409,
        'started',
        '竞赛已经开始，不能删除：开始后组织者能看到竞赛专用题的答案，为了这些题目的保密，开始过的竞赛会一直保留。竞赛结束后可以归档。',
      );
    const notStarted = hasReserved ? sql`opens_at > ${now}` : sql`1`;
    // One batch: the contest goes only if nobody has joined (and, with contest-only questions, it has
    // not started), and its questions and extra times only with it.
    const [gone] = await c.var.database.write((db) =>
      db.batch([
        db
          .delete(contests)
          .where(and(eq(contests.id, id), notStarted, sql`NOT EXISTS (SELECT 1 FROM contest_attempts WHERE contest_id = ${id})`))
          .returning({ id: contests.id }),
        db
          .delete(contestQuestions)
          .where(and(eq(contestQuestions.contestId, id), sql`NOT EXISTS (SELECT 1 FROM contests WHERE id = ${id})`)),
        db
          .delete(contestExtraTimes)
          .where(and(eq(contestExtraTimes.contestId, id), sql`NOT EXISTS (SELECT 1 FROM contests WHERE id = ${id})`)),
        auditInsertWhen(
          db,
          auditOf(c, 'contest.delete', `contest:${id}`, { code: contest.code, title: contest.title }),
          sql`NOT EXISTS (SELECT 1 FROM contests WHERE id = ${id})`,
        ),
      ]),
    );
    if (gone.length === 0) throw hasParticipants();
    return c.json({ deleted: true as const }, 200);
  })
  .post('/:id/extra-time', paramsOf(idParamSchema), jsonBody(extraTimeSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const { name, team, minutes } = c.req.valid('json');
    const key = nameKeyOf({ name, team: contest.teamMode === 'none' ? '' : team });
    const audit = auditOf(c, 'contest.extra_time', `contest:${contest.id}`, { name, team, minutes });
    const running = await grantExtraTime(c.var.database, contest, key, minutes * 60_000, c.var.session?.account.id ?? 0, c.var.now, audit);
    return c.json({ ok: true as const, runningAttempts: running }, 200);
  })
  .get('/:id/live', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const { participation, teams, individuals } = await standings(c.var.database, contest, c.var.now);
    return c.json({ status: statusOf(contest, c.var.now), participation, teams, finished: individuals.length, now: c.var.now }, 200);
  })
  .get('/:id/results', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const { rows, questions, standings: s } = await organiserResults(c.var.database, contest, c.var.now);
    return c.json({ rows, questions, teams: s.teams, participation: s.participation, total: s.total }, 200);
  })
  .get('/:id/results.csv', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const r = await organiserResults(c.var.database, contest, c.var.now);
    const csv = toCsv(
      [
        '名次',
        '姓名',
        '队伍',
        '班级',
        '学号',
        '第几次',
        '开始时间',
        '交卷时间',
        '交卷方式',
        '答对题数',
        '总题数',
        '得分',
        '用时',
        '证书类型',
        '证书编号',
      ],
      r.rows.map((x) => [
        x.rank ?? '',
        x.name,
        x.team,
        x.className,
        x.studentNo,
        x.attemptNo,
        time(x.startedAt),
        time(x.submittedAt),
        x.finishedBy === 'submit' ? '自行交卷' : x.finishedBy === 'deadline' ? '时间到' : '答题中',
        x.correct ?? '',
        r.standings.total,
        x.score ?? '',
        x.timeUsedMs === null ? '' : formatDuration(x.timeUsedMs),
        x.certificate?.typeName ?? '',
        x.certificate?.code ?? '',
      ]),
    );
    await auditAction(c, 'contest.export', `contest:${contest.id}`, { rows: r.rows.length });
    return csvResponse(csv, `竞赛成绩-${contest.code}-${localDay(c.var.now)}.csv`);
  })
  .get('/:id/qr.svg', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const svg = await QRCode.toString(joinUrlOf(c.var.env.siteUrl, contest.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, max-age=300' });
  })
  .get('/:id/certificates', paramsOf(idParamSchema), async (c) => {
    const contest = await contestForStaff(c, c.req.valid('param').id);
    const r = await organiserResults(c.var.database, contest, c.var.now);
    const certificates = r.rows.flatMap((x) => (x.rank !== null && x.certificate ? [x.certificate] : []));
    return c.json({ certificates, final: statusOf(contest, c.var.now) === 'closed' }, 200);
  });
