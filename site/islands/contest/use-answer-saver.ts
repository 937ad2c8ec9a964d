import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttemptRunning } from '#api/contests/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { contestApi, resident } from './contest-api.ts';
import { readPending, writePending, type PendingAnswer } from './storage.ts';

/** One question's answer on this page: saved (acknowledged by the server) or still pending. */
export interface LocalAnswer {
  choice: number[];
  saved: boolean;
}

/** What the saver tells the page. */
interface Events {
  /** The server's remaining time, measured from when the request was sent. */
  onRemaining(ms: number, sentAt: number): void;
  /** The server refused because the attempt is over (time up or submitted). */
  onClosed(): void;
  /** Another tab saved a newer answer: reload to show it. */
  onStale(): void;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 10_000];

/**
 * Saves each answer as it is given (PUT per question), keeps unacknowledged answers in localStorage,
 * and retries them with back-off until the server says yes — across reloads and lost connections.
 */
export function useAnswerSaver(attempt: AttemptRunning, events: Events) {
  const token = attempt.token;
  const pending = useRef<Record<number, PendingAnswer>>(readPending(token));
  const sending = useRef(new Set<number>());
  const failures = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const lastRev = useRef(
    Math.max(0, ...Object.values(attempt.saved).map((s) => s.rev), ...Object.values(pending.current).map((p) => p.rev)),
  );
  const initial = (): Record<number, LocalAnswer> => {
    const out: Record<number, LocalAnswer> = {};
    for (const [n, s] of Object.entries(attempt.saved)) out[Number(n)] = { choice: s.choice, saved: true };
    for (const [n, p] of Object.entries(pending.current)) out[Number(n)] = { choice: p.choice, saved: false };
    return out;
  };
  const [answers, setAnswers] = useState(initial);
  const [problem, setProblem] = useState('');

  const persist = () => writePending(token, pending.current);
  const schedule = () => {
    if (timer.current !== undefined) return;
    const wait = RETRY_MS[Math.min(failures.current, RETRY_MS.length - 1)] ?? 10_000;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      flush();
    }, wait);
  };

  const send = async (n: number) => {
    const entry = pending.current[n];
    if (!entry || sending.current.has(n)) return;
    sending.current.add(n);
    const sentAt = performance.now();
    try {
      const r = await call(
        contestApi.attempts[':token'].answers[':n'].$put({
          param: { token, n: String(n) },
          json: { choice: entry.choice, rev: entry.rev },
        }),
        resident,
      );
      failures.current = 0;
      events.onRemaining(r.remainingMs, sentAt);
      if (pending.current[n]?.rev === entry.rev) {
        delete pending.current[n];
        persist();
        setAnswers((a) => ({ ...a, [n]: { choice: entry.choice, saved: true } }));
      }
      if (r.stale) events.onStale();
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0;
      if (status === 409) return events.onClosed();
      if (status === 400 || status === 404) {
        // The server will never take this answer: drop it and say why.
        delete pending.current[n];
        persist();
        setProblem(err instanceof ApiRequestError ? err.message : '这个答案无法保存。');
        setAnswers((a) => Object.fromEntries(Object.entries(a).filter(([k]) => Number(k) !== n)));
      } else {
        failures.current++;
        schedule();
      }
    } finally {
      sending.current.delete(n);
      // A newer answer came while this one was on its way.
      if (pending.current[n] && pending.current[n].rev !== entry.rev) void send(n);
    }
  };

  function flush() {
    for (const n of Object.keys(pending.current)) void send(Number(n));
  }

  /** Records an answer and starts saving it. */
  const give = (n: number, choice: number[]) => {
    lastRev.current = Math.max(Date.now(), lastRev.current + 1);
    pending.current[n] = { choice, rev: lastRev.current };
    persist();
    setProblem('');
    setAnswers((a) => ({ ...a, [n]: { choice, saved: false } }));
    void send(n);
  };

  /** Takes answers saved elsewhere (another tab) for questions with nothing pending here. */
  const merge = (saved: AttemptRunning['saved']) =>
    setAnswers((a) => {
      const out = { ...a };
      for (const [n, s] of Object.entries(saved)) if (!pending.current[Number(n)]) out[Number(n)] = { choice: s.choice, saved: true };
      return out;
    });

  useEffect(() => {
    flush();
    const online = () => {
      failures.current = 0;
      flush();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
    };
  }, []);

  const unsaved = Object.values(answers).filter((a) => !a.saved).length;
  return { answers, give, merge, flush, unsaved, problem };
}
