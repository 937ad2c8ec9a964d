/** Logging at the default level: one line per event, never a stack trace, SQL text or template text. */

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

/** Logs one line `prefix: reason`; with LOG_LEVEL=debug, the whole error too. */
export function logError(prefix: string, err: unknown): void {
  console.error(`${prefix}: ${describeError(err)}`);
  if (debug) console.error(err);
}
