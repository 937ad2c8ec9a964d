import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { contests } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { saveAnswer } from './answers.ts';
import { answersOf, attemptShape, closeExpired, findAttempt, isRunning, submitAttempt } from './attempts.ts';
import { attemptIdFromToken } from './codes.ts';
import { answerParamSchema, answerSchema, tokenParamSchema } from './contract.ts';
import { finishedView } from './result.ts';
import { choiceProblem, isCorrect, toBankChoice } from './scoring.ts';
import { findContest, questionsOf } from './store.ts';
import { takeMoreTime } from './timing.ts';
import { contestPublic, runningView, waitingView } from './views.ts';

const notFound = () => apiError(404, 'attempt_not_found', '没有找到你的答题记录。请回到竞赛页面，重新输入竞赛码加入。');

/** The attempt id named by a token, or 404. */
function idOf(token: string, secret: string): number {
  const id = attemptIdFromToken(token, secret);
  if (id === null) throw notFound();
  return id;
}

const notStarted = () => apiError(409, 'not_started', '竞赛还没开始，请等组织者宣布开始后再答题。');

/** `/api/contests/attempts/:token`: one participant's attempt, by the token kept in their browser. */
export const attemptRoutes = new Hono<AppEnv>()
  .get('/attempts/:token', paramsOf(tokenParamSchema), async (c) => {
    const { database, now, env } = c.var;
    const id = idOf(c.req.valid('param').token, env.secret);
    let attempt = await findAttempt(database, id);
    const contest = attempt && (await findContest(database, eq(contests.id, attempt.contestId)));
    if (!attempt || !contest) throw notFound();
    if (isRunning(attempt, now) && attempt.startedAt > now) {
      const questions = await questionsOf(database, contest.id);
      return c.json({ attempt: waitingView(contestPublic(contest, questions.length, now), attempt, now, env.secret) }, 200);
    }
    if (isRunning(attempt, now)) {
      const questions = await questionsOf(database, contest.id);
      const view = runningView(
        contestPublic(contest, questions.length, now),
        attempt,
        questions,
        await answersOf(database, id),
        now,
        env.secret,
      );
      return c.json({ attempt: view }, 200);
    }
    if (attempt.submittedAt === null) {
      await closeExpired(database, contest.id, now, id);
      attempt = (await findAttempt(database, id)) ?? attempt;
    }
    return c.json({ attempt: await finishedView(database, contest, attempt, now, env.secret) }, 200);
  })
  .put('/attempts/:token/answers/:n', paramsOf(answerParamSchema), jsonBody(answerSchema), async (c) => {
    // c.get, not c.var (which copies every variable into a new object on each read): saving is the hottest route.
    const [database, now, env] = [c.get('database'), c.get('now'), c.get('env')];
    const { token, n } = c.req.valid('param');
    const shape = await attemptShape(database, idOf(token, env.secret));
    if (!shape) throw notFound();
    const position = shape.questionOrder[n];
    const question = position === undefined ? undefined : (await questionsOf(database, shape.contestId))[position];
    const perm = shape.optionOrders[n];
    if (position === undefined || !question || !perm) throw apiError(404, 'question_not_found', `没有第 ${n + 1} 题。`);
    const { choice, rev } = c.req.valid('json');
    const problem = choiceProblem(question.type, choice, perm.length);
    const bank = problem ? null : toBankChoice(choice, perm);
    if (!bank) throw apiError(400, 'invalid_choice', problem ?? '选项不存在，请刷新页面后重试。', { choice: problem ?? '' });
    const outcome = await saveAnswer(
      database,
      { attemptId: shape.id, position, choice: bank, correct: isCorrect(bank, question.answer), rev },
      now,
    );
    if (outcome.kind === 'closed') {
      const a = await findAttempt(database, shape.id);
      if (a && a.submittedAt === null && a.startedAt > now) throw notStarted();
      if (a?.finishedBy === 'submit') throw apiError(409, 'already_submitted', '你已经交卷了，答案不能再修改。');
      throw apiError(409, 'time_up', '答题时间已到，这个答案没有保存。成绩按时间到时已保存的答案计算。');
    }
    return c.json({ saved: true as const, n, rev, stale: outcome.kind === 'stale', remainingMs: Math.max(0, outcome.deadline - now) }, 200);
  })
  // 我需要更多时间: the contest's more time, once, while the attempt runs; answers given stay saved either way.
  .post('/attempts/:token/more-time', paramsOf(tokenParamSchema), async (c) => {
    const [database, now, env] = [c.get('database'), c.get('now'), c.get('env')];
    const id = idOf(c.req.valid('param').token, env.secret);
    const outcome = await takeMoreTime(database, id, now);
    if (outcome === 'not_offered')
      throw apiError(409, 'more_time_not_offered', '这场竞赛的组织者没有设置延长答题时间。已答的题目都已保存。');
    if (outcome === 'taken') throw apiError(409, 'more_time_taken', '你已经延长过一次答题时间了。已答的题目都已保存。');
    if (outcome === 'closed') {
      const a = await findAttempt(database, id);
      if (!a) throw notFound();
      if (a.submittedAt === null && a.startedAt > now) throw notStarted();
      throw apiError(409, 'time_up', '答题已经结束，不能再延长时间。成绩按已保存的答案计算。');
    }
    return c.json({ remainingMs: outcome - now }, 200);
  })
  .post('/attempts/:token/submit', paramsOf(tokenParamSchema), async (c) => {
    const [database, now, env] = [c.get('database'), c.get('now'), c.get('env')];
    const id = idOf(c.req.valid('param').token, env.secret);
    const before = await findAttempt(database, id);
    const contest = before && (await findContest(database, eq(contests.id, before.contestId)));
    if (!before || !contest) throw notFound();
    if (before.submittedAt === null && before.startedAt > now) throw notStarted();
    const attempt = (await submitAttempt(database, before, now)) ?? before;
    return c.json({ attempt: await finishedView(database, contest, attempt, now, env.secret) }, 200);
  });
