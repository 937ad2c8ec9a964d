import { Agent } from 'undici';
import { createEncryptor } from './encrypt-pool.ts';
import { vapidCache, type VapidKeys } from './vapid.ts';

/** A subscription as the sender needs it. */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Per-message push options (RFC 8030 §5). */
export interface PushOptions {
  /** Seconds the push service may keep the message; up to the warning's expiry. */
  ttl: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** Replaces an undelivered earlier message with the same topic (≤ 32 base64url characters). */
  topic?: string;
}

/** What the push service answered: status, and Retry-After in seconds when it gave one. */
export interface PushResult {
  status: number;
  retryAfter?: number;
}

/** Retry-After (RFC 9110 §10.2.3) in seconds: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}

/** An encrypted body, or why there is none. */
export type Sealed = Buffer | null | 'retry';

/** Sends encrypted pushes over keep-alive connections, with VAPID headers signed once per origin. */
export function createPushSender(
  keys: VapidKeys,
  concurrency: number,
  { clock = Date.now, cryptoThreads = 0 }: { clock?: () => number; cryptoThreads?: number } = {},
) {
  const encryptor = createEncryptor(cryptoThreads);
  // undici rather than node:https: about half the client CPU per request, and fan-out is mostly requests.
  const agent = new Agent({ connections: concurrency, headersTimeout: 15_000, bodyTimeout: 15_000, connectTimeout: 10_000 });
  const authorization = vapidCache(keys, clock);
  /**
   * The encrypted body for one subscription: a Buffer, null when its keys are unusable, or 'retry'
   * when the encryption thread died under it. Fan-out starts these ahead of the requests.
   */
  const seal = (target: PushTarget, payload: Buffer): Promise<Sealed> =>
    encryptor.encrypt(payload, target.p256dh, target.auth).catch(() => 'retry' as const);
  /** Posts an encrypted body to the subscription's push service. */
  const post = async (target: PushTarget, sealed: Sealed, opts: PushOptions): Promise<PushResult> => {
    // Like a 503: try again later.
    if (sealed === 'retry') return { status: 503 };
    // Keys that are not a P-256 point can never be sent to: status 0 counts as failed, not retried.
    if (!sealed) return { status: 0 };
    const url = new URL(target.endpoint);
    const headers: Record<string, string> = {
      authorization: authorization(target.endpoint),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(Math.max(0, Math.floor(opts.ttl))),
      urgency: opts.urgency,
      ...(opts.topic ? { topic: opts.topic } : {}),
    };
    try {
      const res = await agent.request({ origin: url.origin, path: url.pathname + url.search, method: 'POST', headers, body: sealed });
      await res.body.dump();
      const ra = retryAfterSeconds(res.headers['retry-after'], clock());
      return { status: res.statusCode, ...(ra !== undefined ? { retryAfter: ra } : {}) };
    } catch {
      // A network failure or timeout counts like a 503: try again later.
      return { status: 503 };
    }
  };
  const send = async (target: PushTarget, payload: Buffer, opts: PushOptions): Promise<PushResult> =>
    post(target, await seal(target, payload), opts);
  return {
    send,
    seal,
    post,
    close: async () => {
      await Promise.all([agent.destroy(), encryptor.close()]);
    },
  };
}

/** The sender's type. */
export type PushSender = ReturnType<typeof createPushSender>;
