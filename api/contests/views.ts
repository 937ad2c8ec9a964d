import type { AttemptRow, ContestRow } from '../db/schema.ts';
import { attemptToken } from './codes.ts';
import { scoreOf, type NameDisplay, type TypeCode } from './labels.ts';
import { toShownChoice } from './scoring.ts';
import { statusOf, teamsOf, type ContestQuestion, type ContestStatus } from './store.ts';

/** What anyone with the join code sees before joining. */
export interface ContestPublic {
  code: string;
  title: string;
  description: string;
  unitName: string;
  opensAt: number;
  closesAt: number;
  status: ContestStatus;
  questionCount: number;
  timeLimitMs: number;
  /** More time a participant may take once near the end (0: not offered). */
  moreTimeMs: number;
  attemptsAllowed: number;
  revealAnswers: 'submit' | 'close';
  teamMode: 'list' | 'free' | 'none';
  teams: string[];
  askClass: boolean;
  askStudentNo: boolean;
  /** How names appear on the public leaderboard, so participants know before they join. */
  nameDisplay: NameDisplay;
  /** Server time of this answer, so the page can show times relative to the server's clock. */
  now: number;
}

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

/** A question as a participant sees it while answering: options in their shuffled order, no answer, no explanation. */
export interface ShownQuestion {
  /** 0-based place in this attempt. */
  n: number;
  type: TypeCode;
  stem: string;
  options: string[];
}

/** A running attempt: everything the answering page needs, and nothing that gives an answer away. */
export interface AttemptRunning {
  state: 'running';
  token: string;
  contest: ContestPublic;
  participant: { name: string; team: string };
  /** Server's remaining time; the page counts down from it. */
  remainingMs: number;
  /** Whether the participant has already taken the contest's more time. */
  moreTimeTaken: boolean;
  questions: ShownQuestion[];
  /** Saved answers by place, as shown option places, with the client revision that wrote them. */
  saved: Record<number, { choice: number[]; rev: number }>;
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
    token: attemptToken(a.id, secret),
    contest: c,
    participant: { name: a.name, team: a.team },
    remainingMs: Math.max(0, a.deadline - now),
    moreTimeTaken: a.moreTimeMs > 0,
    questions: shown,
    saved,
  };
}

/** An attempt made in the lobby, before the contest starts: no questions yet, only how long to wait. */
export interface AttemptWaiting {
  state: 'waiting';
  token: string;
  contest: ContestPublic;
  participant: { name: string; team: string };
  /** Until the organiser starts it or its opening time comes; the page asks again then. */
  startsInMs: number;
}

/** The participant's view of an attempt that has not started yet. */
export function waitingView(c: ContestPublic, a: AttemptRow, now: number, secret: string): AttemptWaiting {
  return {
    state: 'waiting',
    token: attemptToken(a.id, secret),
    contest: c,
    participant: { name: a.name, team: a.team },
    startsInMs: Math.max(0, a.startedAt - now),
  };
}

/** Score line of a finished attempt. */
export function scoreLine(a: AttemptRow, total: number) {
  const correct = a.correct ?? 0;
  return { correct, total, score: scoreOf(correct, total), timeUsedMs: Math.max(0, (a.submittedAt ?? a.deadline) - a.startedAt) };
}
