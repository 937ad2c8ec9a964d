import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { TIME_ZONE } from '../domain/clock.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { eq } from 'drizzle-orm';
import { contests, type ContestRow } from '../db/schema.ts';
import { tooManyFor } from '../rate-limit.ts';
import { answersOf, isRunning, priorAttempts } from './attempts.ts';
import { deviceHash } from './codes.ts';
import { codeParamSchema, joinSchema, type JoinOutput } from './contract.ts';
import { forgetContests } from './contest-cache.ts';
import { CODE_MISSES, contestByCode, contestForJoin, tooManyCodes } from './lookup.ts';
import { JOINS, startAttempt } from './start.ts';
import { maskName, nameKeyOf, participantKeyOf } from './names.ts';
import { attemptOrder } from './shuffle.ts';
import { findContest, questionsOf, secureRandom, statusOf, teamsOf } from './store.ts';
import { contestPublic, runningView, waitingView } from './views.ts';
import { LOBBY_MS } from './labels.ts';

const beijing = (ms: number) =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: TIME_ZONE, hour12: false, dateStyle: 'long', timeStyle: 'short' });

/** `/api/contests/join/:code`: look a contest up by its join code, and start (or resume) an attempt. */
export const joinRoutes = new Hono<AppEnv>()
  .get('/join/:code', paramsOf(codeParamSchema), async (c) => {
    const contest = await contestByCode(c, c.req.valid('param').code);
    const questions = await questionsOf(c.var.database, contest.id);
    return c.json({ contest: contestPublic(contest, questions.length, c.var.now) }, 200);
  })
  .post('/join/:code', paramsOf(codeParamSchema), jsonBody(joinSchema), async (c) => {
    // c.get, not c.var (which copies every variable into a new object on each read): joining is hot.
    const [database, now, env, clientHash] = [c.get('database'), c.get('now'), c.get('env'), c.get('clientHash')];
    const contest = await contestForJoin(c, c.req.valid('param').code);
    const person = personOf(contest, c.req.valid('json'), now);
    const device = deviceHash(c.req.valid('json').deviceToken, env.secret);
    const participantKey = participantKeyOf(person);
    const questions = await questionsOf(database, contest.id);
    // The common case first: one statement in the next group commit, no read.
    const started = await startAttempt(
      database,
      contest,
      { ...person, participantKey, nameKey: nameKeyOf(person), deviceHash: device, ipHash: clientHash },
      attemptOrder(questions, contest, secureRandom),
      now,
      { clientHash, misses: CODE_MISSES },
    );
    if (started.misses >= CODE_MISSES.limit) throw tooManyCodes(now);
    if (started.joins > JOINS.limit) throw tooManyFor(JOINS, now, (s) => `操作太频繁，请 ${s} 秒后再试。`);
    if (started.attempt) {
      const attempt = started.attempt;
      const pub = contestPublic(contest, questions.length, now);
      const view =
        attempt.startedAt > now
          ? waitingView(pub, attempt, now, env.secret)
          : runningView(pub, attempt, questions, new Map(), now, env.secret);
      return c.json({ resumed: false, attempt: view }, 201);
    }
    // Nothing started: find out why from the stored contest and attempts (a resume, mostly).
    forgetContests(database);
    const fresh = await findContest(database, eq(contests.id, contest.id));
    if (!fresh) throw apiError(404, 'contest_not_found', '没有找到这个竞赛码，请核对后重新输入。');
    personOf(fresh, c.req.valid('json'), now);
    const pub = contestPublic(fresh, questions.length, now);
    const { mine: earlier, otherOnDevice: other } = await priorAttempts(database, fresh.id, participantKey, device);
    const running = earlier.find((a) => isRunning(a, now));
    if (running?.deviceHash === device) {
      const view =
        running.startedAt > now
          ? waitingView(pub, running, now, env.secret)
          : runningView(pub, running, questions, await answersOf(database, running.id), now, env.secret);
      return c.json({ resumed: true, attempt: view }, 200);
    }
    if (running)
      throw apiError(
        409,
        'running_elsewhere',
        '这个名字已经在另一台设备上开始答题了。请回到原来的设备继续；如果不是你本人，请联系组织者。',
      );
    if (earlier.length >= fresh.attemptsAllowed)
      throw apiError(409, 'no_attempts_left', `你已经参加过本次竞赛了（每人限 ${fresh.attemptsAllowed} 次），不能再次答题。`);
    if (!fresh.sharedDevices && other)
      throw apiError(
        409,
        'device_used',
        `这台设备已经有人（${maskName(other.name)}）参加过本次竞赛。每台设备只能一人参赛；需要共用设备请联系组织者。`,
      );
    throw apiError(409, 'join_conflict', '刚才的请求没有成功，请再点一次“开始答题”。');
  });

/**
 * Who is joining, as the contest asks for them; 409 when the contest is not open for joining, 400
 * for a missing or unknown team, class or student number.
 */
function personOf(contest: ContestRow, input: JoinOutput, now: number) {
  const status = statusOf(contest, now);
  // Within LOBBY_MS of the start, participants join and wait (a hall fills up before the start).
  if (status === 'scheduled' && contest.opensAt - now > LOBBY_MS)
    throw apiError(409, 'not_open', `竞赛还没开始，请在 ${beijing(contest.opensAt - LOBBY_MS)} 以后再来（开始前半小时可以先加入等候）。`);
  if (status === 'closed') throw apiError(409, 'closed', '竞赛已经结束，不能再参加了。可以去排行榜看看成绩。');
  const team = contest.teamMode === 'none' ? '' : input.team;
  if (contest.teamMode === 'list' && !teamsOf(contest).includes(team))
    throw apiError(400, 'invalid_input', '请从名单中选择你的班级或社区。', { team: '请从名单中选择' });
  if (contest.teamMode === 'free' && !team) throw apiError(400, 'invalid_input', '请填写你的队伍（班级或社区）。', { team: '请填写队伍' });
  if (contest.askClass && !input.className) throw apiError(400, 'invalid_input', '请填写班级。', { className: '请填写班级' });
  if (contest.askStudentNo && !input.studentNo) throw apiError(400, 'invalid_input', '请填写学号。', { studentNo: '请填写学号' });
  return {
    name: input.name,
    team,
    className: contest.askClass ? input.className : '',
    studentNo: contest.askStudentNo ? input.studentNo : '',
  };
}
