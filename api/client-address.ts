import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Salted hash of a client address: addresses are never stored in the clear. */
export function hashAddress(address: string, secret: string): string {
  return createHmac('sha256', secret).update(`addr:${address}`).digest('base64url').slice(0, 22);
}

/** The client's address as the socket sees it (`unknown` for in-process requests in tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return c.req.header('x-test-client') ?? 'unknown';
  }
}
