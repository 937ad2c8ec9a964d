import { logger } from '../log.ts';
/** Consecutive failures (network errors, timeouts, 5xx) that open an origin's circuit. */
const FAILURES_TO_OPEN = 5;
const FIRST_OPEN_MS = 5_000;
const MAX_OPEN_MS = 5 * 60_000;

/** One push service origin's circuit: closed (sending), open (resting until `until`), half-open (one probe). */
export interface BreakerState {
  origin: string;
  state: 'closed' | 'open' | 'half-open';
  /** Consecutive failures so far. */
  failures: number;
  /** Times it has opened since it last closed (the backoff doubles with each). */
  opened: number;
  /** Unix ms until which nothing is sent while open. */
  until: number;
  /** What the last failure was, e.g. `connect timeout` or `HTTP 500`. */
  lastError: string | null;
}

/** The breakers of the process's delivery worker, by origin (the latest one created). */
let latest = new Map<string, BreakerState>();

/** A copy of every origin's circuit, for health reports and the log. */
export function breakerStates(): BreakerState[] {
  return [...latest.values()].map((b) => ({ ...b }));
}

/** Circuit breakers per push service origin, with their backoff. */
export function createBreakers(now: () => number = Date.now, { failuresToOpen = FAILURES_TO_OPEN, firstOpenMs = FIRST_OPEN_MS } = {}) {
  const registry = new Map<string, BreakerState>();
  latest = registry;
  const get = (origin: string): BreakerState => {
    let b = registry.get(origin);
    if (!b) registry.set(origin, (b = { origin, state: 'closed', failures: 0, opened: 0, until: 0, lastError: null }));
    return b;
  };
  return {
    /** Whether a request to `origin` may start now, and if half-open, whether this one is the probe. */
    allows(origin: string, inFlight: number): boolean {
      const b = get(origin);
      if (b.state === 'open' && now() >= b.until) b.state = 'half-open';
      if (b.state === 'open') return false;
      return b.state === 'closed' || inFlight === 0;
    },
    /** Whether the origin is resting (its items should wait in the database). */
    isOpen(origin: string): boolean {
      const b = get(origin);
      return b.state === 'open' && now() < b.until;
    },
    /** Origins resting now. */
    openOrigins(): string[] {
      return [...registry.values()].filter((b) => b.state === 'open' && now() < b.until).map((b) => b.origin);
    },
    /** Soonest time an open circuit may be probed again. */
    nextProbe(): number | null {
      const times = [...registry.values()].filter((b) => b.state === 'open').map((b) => b.until);
      return times.length ? Math.min(...times) : null;
    },
    /** Whether the origin's circuit is closed (not resting, nor on probation). */
    isClosed: (origin: string): boolean => (registry.get(origin)?.state ?? 'closed') === 'closed',
    /** Records an answer: the circuit closes. */
    success(origin: string): void {
      const b = get(origin);
      // The usual case, once per message: nothing to change.
      if (b.state === 'closed' && b.failures === 0) return;
      if (b.state !== 'closed') logger.info({ origin }, `推送服务 ${origin} 恢复：重新应答，继续发送`);
      Object.assign(b, { state: 'closed', failures: 0, opened: 0, until: 0 });
    },
    /** Records a failure; returns true when this failure opened the circuit. */
    failure(origin: string, reason: string): boolean {
      const b = get(origin);
      b.failures++;
      b.lastError = reason;
      if (b.state === 'half-open' || (b.state === 'closed' && b.failures >= failuresToOpen)) {
        const rest = Math.min(MAX_OPEN_MS, firstOpenMs * 2 ** b.opened);
        Object.assign(b, { state: 'open', opened: b.opened + 1, until: now() + rest });
        logger.warn(
          { origin, failures: b.failures, reason, restSeconds: Math.round(rest / 1000) },
          `推送服务 ${origin} 暂停发送 ${Math.round(rest / 1000)} 秒：连续 ${b.failures} 次失败（${reason}），之后再试`,
        );
        return true;
      }
      return false;
    },
  };
}

/** The breakers' type. */
export type Breakers = ReturnType<typeof createBreakers>;
