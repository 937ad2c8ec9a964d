import type {
  AttemptFinished,
  AttemptRunning,
  AttemptWaiting,
  ContestPublic,
  PublicBoard,
  Verification,
} from '../../../api/contests/contract.ts';
import { apiFetch } from '../../lib/api-client.ts';

/** A participant's attempt, running or finished. */
export type Attempt = AttemptWaiting | AttemptRunning | AttemptFinished;

const pub = { redirectOn401: false };
const code = (c: string) => encodeURIComponent(c.trim());

/** The contest a join code names. */
export const lookupContest = (c: string) => apiFetch<{ contest: ContestPublic }>(`/api/contests/join/${code(c)}`, pub);

/** Starts (or resumes, on the same device) an attempt. */
export const joinContest = (c: string, body: { name: string; team: string; className: string; studentNo: string; deviceToken: string }) =>
  apiFetch<{ attempt: AttemptWaiting | AttemptRunning; resumed: boolean }>(`/api/contests/join/${code(c)}`, {
    ...pub,
    method: 'POST',
    json: body,
  });

/** The attempt as the server has it now. */
export const loadAttempt = (token: string) => apiFetch<{ attempt: Attempt }>(`/api/contests/attempts/${token}`, pub);

/** Saves one answer. */
export const putAnswer = (token: string, n: number, choice: number[], rev: number) =>
  apiFetch<{ saved: true; n: number; rev: number; stale: boolean; remainingMs: number }>(`/api/contests/attempts/${token}/answers/${n}`, {
    ...pub,
    method: 'PUT',
    json: { choice, rev },
  });

/** Hands the attempt in. */
export const submitAttempt = (token: string) =>
  apiFetch<{ attempt: AttemptFinished }>(`/api/contests/attempts/${token}/submit`, { ...pub, method: 'POST', json: {} });

/** The public leaderboard. */
export const loadBoard = (c: string) => apiFetch<{ board: PublicBoard }>(`/api/contests/board/${code(c)}`, pub);

/** Checks a certificate code. */
export const verifyCertificate = (c: string) => apiFetch<{ certificate: Verification }>(`/api/contests/certificates/${code(c)}`, pub);

/** `?code=` of the page, upper-cased, or ''. */
export const codeFromUrl = (): string =>
  typeof location === 'undefined' ? '' : (new URLSearchParams(location.search).get('code') ?? '').trim().toUpperCase();
