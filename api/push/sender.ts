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

/** Origin and path of an endpoint URL, without a URL object per message. */
export function splitEndpoint(endpoint: string): { origin: string; path: string } {
  const slash = endpoint.indexOf('/', endpoint.indexOf('//') + 2);
  return slash < 0 ? { origin: endpoint, path: '/' } : { origin: endpoint.slice(0, slash), path: endpoint.slice(slash) };
}

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
  /**
   * Request headers per origin and options, built once and shared by every message of a fan-out
   * (undici copies them into its own request; nothing mutates them).
   */
  const headerCache = new Map<string, Record<string, string>>();
  const headersFor = (origin: string, opts: PushOptions): Record<string, string> => {
    const ttl = String(Math.max(0, Math.floor(opts.ttl)));
    const authorizationHeader = authorization(origin);
    const key = `${authorizationHeader}|${ttl}|${opts.urgency}|${opts.topic ?? ''}`;
    let headers = headerCache.get(key);
    if (!headers) {
      if (headerCache.size > 64) headerCache.clear();
      headers = {
        authorization: authorizationHeader,
        'content-encoding': 'aes128gcm',
        'content-type': 'application/octet-stream',
        ttl,
        urgency: opts.urgency,
        ...(opts.topic ? { topic: opts.topic } : {}),
      };
      headerCache.set(key, headers);
    }
    return headers;
  };
  /** Posts an encrypted body to the subscription's push service. */
  const post = (target: PushTarget, sealed: Sealed, opts: PushOptions): Promise<PushResult> => {
    // Like a 503: try again later.
    if (sealed === 'retry') return Promise.resolve({ status: 503 });
    // Keys that are not a P-256 point can never be sent to: status 0 counts as failed, not retried.
    if (!sealed) return Promise.resolve({ status: 0 });
    const { origin, path } = splitEndpoint(target.endpoint);
    const headers = headersFor(origin, opts);
    // undici's dispatch with a bare handler: no response stream object per message, the body is not wanted.
    return new Promise((resolve) => {
      let status = 0;
      let retryAfter: string | string[] | undefined;
      agent.dispatch(
        { origin, path, method: 'POST', headers, body: sealed },
        {
          // undici requires every step of the handler, even those with nothing to do here.
          onRequestStart() {},
          onResponseStart(_controller, statusCode, responseHeaders) {
            status = statusCode;
            retryAfter = responseHeaders['retry-after'];
          },
          onResponseData() {},
          onResponseEnd() {
            const ra = retryAfterSeconds(retryAfter, clock());
            resolve({ status, ...(ra !== undefined ? { retryAfter: ra } : {}) });
          },
          // A network failure or timeout counts like a 503: try again later.
          onResponseError() {
            resolve({ status: 503 });
          },
        },
      );
    });
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
