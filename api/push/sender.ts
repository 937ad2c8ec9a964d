import { createSecureContext, rootCertificates } from 'node:tls';
import { Pool } from 'undici';
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
  /** Set when no answer came: connection refused or reset, connect/TLS or response timeout. */
  network?: string;
}

/** Timeouts and pool size of each push service origin's lane. */
export interface SenderOptions {
  clock?: () => number;
  cryptoThreads?: number;
  /** TCP connect plus TLS handshake (default 5 s): an origin that never completes TLS fails fast. */
  connectTimeoutMs?: number;
  /** From sending the request to the end of the answer (default 15 s). */
  responseTimeoutMs?: number;
  /** Extra certificate authorities to trust (a private push service; the tests' loopback one). */
  ca?: string | Buffer;
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

/**
 * Sends encrypted pushes over keep-alive connections, with VAPID headers signed once per origin.
 * Each push service origin has a connection pool of its own (`concurrency` connections, HTTP/1.1:
 * HTTP/2 has not been shown to work with every push service from here), so a service that hangs
 * holds only its own connections.
 */
export function createPushSender(
  keys: VapidKeys,
  concurrency: number,
  { clock = Date.now, cryptoThreads = 0, connectTimeoutMs = 5000, responseTimeoutMs = 15_000, ca }: SenderOptions = {},
) {
  const encryptor = createEncryptor(cryptoThreads);
  // undici rather than node:https: about half the client CPU per request, and fan-out is mostly requests.
  const pools = new Map<string, Pool>();
  let closed = false;
  // Built once: parsing the root certificates for every connection would cost more than the handshake.
  const secureContext = ca ? createSecureContext({ ca: [...rootCertificates, String(ca)] }) : null;
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: concurrency,
        allowH2: false,
        connectTimeout: connectTimeoutMs,
        ...(secureContext ? { connect: { secureContext, timeout: connectTimeoutMs } } : {}),
        headersTimeout: responseTimeoutMs,
        bodyTimeout: responseTimeoutMs,
        keepAliveTimeout: 30_000,
      });
      // A socket error reaches the request it belongs to; one with no request left must not crash the process.
      pool.on('connectionError', () => undefined);
      pools.set(origin, pool);
    }
    return pool;
  };
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
    if (closed) return Promise.resolve({ status: 503, network: 'sender closed' });
    // Keys that are not a P-256 point can never be sent to: status 0 counts as failed, not retried.
    if (!sealed) return Promise.resolve({ status: 0 });
    const { origin, path } = splitEndpoint(target.endpoint);
    const headers = headersFor(origin, opts);
    // undici's dispatch with a bare handler: no response stream object per message, the body is not wanted.
    return new Promise((resolve) => {
      let status = 0;
      let retryAfter: string | string[] | undefined;
      poolFor(origin).dispatch(
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
          // A network failure or timeout counts like a 503 (try again later), and against the origin's circuit.
          onResponseError(_controller, err) {
            const code = (err as { code?: string }).code;
            resolve({ status: 503, network: code ?? err.message });
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
      closed = true;
      await Promise.all([...[...pools.values()].map((p) => p.destroy().catch(() => undefined)), encryptor.close()]);
      pools.clear();
    },
  };
}

/** The sender's type. */
export type PushSender = ReturnType<typeof createPushSender>;
