import { Agent, request } from 'node:https';
import { encryptPayload } from './encrypt.ts';
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

/** Sends encrypted pushes over keep-alive connections, with VAPID headers signed once per origin. */
export function createPushSender(keys: VapidKeys, concurrency: number, clock: () => number = Date.now) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const authorization = vapidCache(keys, clock);
  const send = (target: PushTarget, payload: Buffer, opts: PushOptions): Promise<PushResult> => {
    const body = encryptPayload(payload, Buffer.from(target.p256dh, 'base64url'), Buffer.from(target.auth, 'base64url'));
    const headers: Record<string, string | number> = {
      authorization: authorization(target.endpoint),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      'content-length': body.length,
      ttl: Math.max(0, Math.floor(opts.ttl)),
      urgency: opts.urgency,
      ...(opts.topic ? { topic: opts.topic } : {}),
    };
    return new Promise((resolve) => {
      const req = request(target.endpoint, { method: 'POST', agent, headers, timeout: 15_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          const ra = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, ...(Number.isFinite(ra) && ra >= 0 ? { retryAfter: ra } : {}) });
        });
      });
      // A network failure counts like a 503: try again later.
      req.on('error', () => resolve({ status: 503 }));
      req.on('timeout', () => req.destroy());
      req.end(body);
    });
  };
  return { send, close: () => agent.destroy() };
}

/** The sender's type. */
export type PushSender = ReturnType<typeof createPushSender>;
