import type { CurrentSession } from './accounts/sessions.ts';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';

/** What every request handler can reach through `c.var`. */
export interface AppVariables {
  database: Database;
  env: Env;
  /** Salted hash of the client address (never the address itself). */
  clientHash: string;
  /** The current time, from the app's clock (tests can move it). */
  now: number;
  /** The signed-in staff member, or null. */
  session: CurrentSession | null;
  /** This request's id, also sent back as `X-Request-Id` and written on its log line. */
  requestId: string;
  /**
   * The warnings cache's answer to this request: made now (the request metrics write the route that
   * made it into the entry, for the hits served before Hono) or served from memory (counted under that route).
   */
  cachedAnswer?: { entry: { route: string }; fromMemory: boolean };
}

/** Hono environment type shared by every sub-app. */
export interface AppEnv {
  Variables: AppVariables;
}
