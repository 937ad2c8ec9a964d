// What the participant's browser keeps between visits: a device token, and per contest the attempt token.
import type { AnswerInput, JoinOutput } from '#api/contests/contract.ts';

const DEVICE_KEY = 'yzready:contest:device';
const attemptKey = (code: string) => `yzready:contest:attempt:${code}`;
const pendingKey = (token: string) => `yzready:contest:pending:${token.split('.')[0] ?? token}`;
const personKey = 'yzready:contest:person';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the attempt still works in this tab, it just cannot resume after a reload.
  }
}

/** This browser's random device token, created on first use. */
export function deviceToken(): string {
  const kept = read(DEVICE_KEY);
  if (kept && /^[\w-]{16,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const token = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  write(DEVICE_KEY, token);
  return token;
}

/** The attempt token kept for a contest, if any. */
export const savedAttempt = (code: string): string | null => read(attemptKey(code));
/** Keeps (or forgets, with null) the attempt token for a contest. */
export const keepAttempt = (code: string, token: string | null): void => write(attemptKey(code), token);

/** An answer not yet acknowledged by the server, as it will be sent. */
export type PendingAnswer = AnswerInput;

/** Answers of an attempt still waiting for the server, by shown question place. */
export function readPending(token: string): Record<number, PendingAnswer> {
  try {
    const value: unknown = JSON.parse(read(pendingKey(token)) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<number, PendingAnswer>) : {};
  } catch {
    return {};
  }
}

/** Keeps the waiting answers so a reload or a crash loses none of them. */
export function writePending(token: string, pending: Record<number, PendingAnswer>): void {
  write(pendingKey(token), Object.keys(pending).length ? JSON.stringify(pending) : null);
}

/** Name, team and the rest as last typed, so a second attempt need not retype them. */
export type Person = Omit<JoinOutput, 'deviceToken'>;

/** The participant details last typed on this device. */
export function readPerson(): Person | null {
  try {
    return JSON.parse(read(personKey) ?? 'null') as Person | null;
  } catch {
    return null;
  }
}

/** Remembers the participant details on this device. */
export const keepPerson = (p: Person): void => write(personKey, JSON.stringify(p));
