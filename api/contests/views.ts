import type { AttemptRow, ContestRow } from '../db/schema.ts';
import { attemptToken } from './codes.ts';
import type { AttemptRunning, AttemptWaiting, ContestPublic } from './contract.ts';
import { scoreOf } from './labels.ts';
import { toShownChoice } from './scoring.ts';
import { statusOf, teamsOf, type ContestQuestion } from './store.ts';

/** The public face of a contest. */
export function contestPublic(c: ContestRow, questionCount: number, now: number): ContestPublic {
  return {
    code: c.code,
    title: c.title,
    description: c.description,
    unitName: c.unitName,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    status: statusOf(c, now),
    questionCount,
    timeLimitMs: c.timeLimitMs,
    moreTimeMs: c.moreTimeMs,
    attemptsAllowed: c.attemptsAllowed,
    revealAnswers: c.revealAnswers,
    teamMode: c.teamMode,
    teams: teamsOf(c),
    askClass: c.askClass,
    askStudentNo: c.askStudentNo,
    nameDisplay: c.nameDisplay,
    now,
  };
}

/** The participant's view of a running attempt. */
export function runningView(
  c: ContestPublic,
  a: AttemptRow,
  questions: readonly ContestQuestion[],
  answers: ReadonlyMap<number, { choice: number[]; rev: number }>,
  now: number,
  secret: string,
): AttemptRunning {
  const order = a.questionOrder;
  const optionOrders = a.optionOrders;
  const saved: AttemptRunning['saved'] = {};
  const shown = order.map((position, n) => {
    const q = questions[position] as ContestQuestion;
    const perm = optionOrders[n] ?? [];
    const ans = answers.get(position);
    if (ans) saved[n] = { choice: toShownChoice(ans.choice, perm), rev: ans.rev };
    return { n, type: q.type, stem: q.stem, options: perm.map((i) => q.options[i] ?? '') };
  });
  return {
    state: 'running',
    ...attemptHead(c, a, secret),
    remainingMs: Math.max(0, a.deadline - now),
    moreTimeTaken: a.moreTimeMs > 0,
    questions: shown,
    saved,
  };
}

/** What every state of an attempt carries: the participant's token, the contest and who is taking part. */
export function attemptHead(c: ContestPublic, a: AttemptRow, secret: string) {
  return { token: attemptToken(a.id, secret), contest: c, participant: { name: a.name, team: a.team } };
}

/** The participant's view of an attempt that has not started yet. */
export function waitingView(c: ContestPublic, a: AttemptRow, now: number, secret: string): AttemptWaiting {
  return {
    state: 'waiting',
    ...attemptHead(c, a, secret),
    startsInMs: Math.max(0, a.startedAt - now),
  };
}

/** Score line of a finished attempt. */
export function scoreLine(a: AttemptRow, total: number) {
  const correct = a.correct ?? 0;
  return { correct, total, score: scoreOf(correct, total), timeUsedMs: Math.max(0, (a.submittedAt ?? a.deadline) - a.startedAt) };
}
