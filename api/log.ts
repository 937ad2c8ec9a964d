/**
 * The server's log: one JSON object per line on standard output (pino), for journald, Docker or any
 * collector; one line per event, never a stack trace, SQL text or template text at the default
 * level. `LOG_LEVEL` (default `info`) sets how much; client addresses appear only as their salted hash.
 */
import { pino } from 'pino';

export const logger = pino(
  {
    level: process.env['LOG_LEVEL'] ?? 'info',
    base: { service: 'yzready' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  // Written in the background (lines that arrive meanwhile go out together), not one blocking write per
  // request: a slow reader of standard output no longer stalls the server. Flushed on exit.
  pino.destination({ dest: 1, sync: false }),
);

/** `LOG_LEVEL=debug` prints whole errors (with stacks and causes) as well. */
const debug = process.env['LOG_LEVEL'] === 'debug';

/** The innermost useful reason of an error chain, on one line and without the query drizzle puts in its message. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      // DrizzleQueryError's message is "Failed query: <sql>\nparams: …": the query is left out.
      const message = e.message.startsWith('Failed query:') ? '' : (e.message.split('\n')[0] ?? '').slice(0, 160);
      const text = [typeof code === 'string' ? code : '', message].filter(Boolean).join(' ');
      if (text && !parts.includes(text)) parts.push(text);
      e = e.cause;
    } else {
      parts.push(String(e).split('\n')[0]?.slice(0, 160) ?? '');
      break;
    }
  }
  return parts.join(' ← ') || 'unknown error';
}

/** Logs one line: what failed (`message`) and why (`reason`, one line); with LOG_LEVEL=debug, the stack too. */
export function logError(message: string, err: unknown): void {
  const stack = debug && err instanceof Error ? { stack: err.stack } : {};
  logger.error({ reason: describeError(err), ...stack }, message);
}
