import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Recently hashed addresses, so a burst from one school's address hashes it once (HMAC is most of a small request's cost). */
const recentHashes = new Map<string, string>();
const MAX_RECENT_HASHES = 10_000;

/** Salted hash of a client address: addresses are never stored in the clear. */
export function hashAddress(address: string, secret: string): string {
  const key = `${secret}\n${address}`;
  const known = recentHashes.get(key);
  if (known) return known;
  const hash = createHmac('sha256', secret).update(`addr:${address}`).digest('base64url').slice(0, 22);
  // A Map keeps insertion order: the oldest entry goes first.
  if (recentHashes.size >= MAX_RECENT_HASHES) recentHashes.delete(recentHashes.keys().next().value as string);
  recentHashes.set(key, hash);
  return hash;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/** The reverse proxies whose forwarding headers are believed (`TRUST_PROXY`). */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly size: number;
  constructor(entries: ReadonlyArray<{ address: string; prefix: number }>) {
    for (const { address, prefix } of entries) {
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      this.#list.addSubnet(address, prefix, family);
    }
    this.size = entries.length;
  }
  /** Whether `address` is one of the trusted proxies. */
  trusts(address: string): boolean {
    const a = normalise(address);
    const family = isIP(a);
    return family !== 0 && this.#list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** Parses `10.0.0.1, 192.168.0.0/16, ::1`; null when an entry is not an address or CIDR range. */
export function parseTrustedProxies(value: string): TrustedProxies | null {
  const entries: Array<{ address: string; prefix: number }> = [];
  for (const raw of value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)) {
    const [address = '', bits, ...rest] = raw.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (
      family === 0 ||
      rest.length > 0 ||
      (bits !== undefined && !/^\d+$/.test(bits)) ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max
    )
      return null;
    entries.push({ address: normalise(address), prefix });
  }
  return new TrustedProxies(entries);
}

/** The hops a `Forwarded` header (RFC 7239) names, nearest last: `for="[2001:db8::1]:443"` is `2001:db8::1`. */
function forwardedHops(header: string): string[] {
  return header.split(',').map((element) => {
    const pair = element.split(';').find((p) => p.trim().toLowerCase().startsWith('for='));
    let value = (pair?.trim().slice(4) ?? 'unknown').replace(/^"|"$/g, '');
    if (value.startsWith('[')) value = value.slice(1, value.indexOf(']'));
    else if (isIP(value) === 0 && /^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
    return value;
  });
}

/** The hops of the forwarding header: `X-Forwarded-For` when present, otherwise `Forwarded`. */
function forwardingHops(c: Context): string[] {
  const xff = c.req.header('x-forwarded-for');
  if (xff !== undefined) return xff.split(',').map((h) => h.trim());
  const fwd = c.req.header('forwarded');
  return fwd === undefined ? [] : forwardedHops(fwd);
}

/** The address of the peer that opened the connection (`x-test-client` stands in for it in in-process tests). */
function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return c.req.header('x-test-client') ?? 'unknown';
  }
}

/**
 * The client's address, the one function behind every per-address limit. Without trusted proxies
 * it is the socket's peer and forwarding headers are ignored. With them, it is the rightmost hop of
 * the forwarding header that is not a trusted proxy: every hop to the left of it was written by
 * the client or a proxy we know nothing of, so it could be forged.
 */
export function clientAddress(c: Context, trusted: TrustedProxies): string {
  const chain = [peerAddress(c)];
  if (trusted.size > 0) chain.unshift(...forwardingHops(c));
  let i = chain.length - 1;
  while (i > 0 && trusted.trusts(chain[i] ?? '')) i -= 1;
  return normalise(chain[i] || 'unknown');
}

/** Whether `siteUrl` is plain http on this machine (tests and development only). */
export function isLoopbackHttp(siteUrl: string): boolean {
  const url = new URL(siteUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return url.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
