import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Content-Security-Policy for every response: only the site's own origin. */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  const hashes = scriptHashes.map((h) => ` '${h}'`).join('');
  return [
    "default-src 'self'",
    // Pagefind compiles its WebAssembly search core at run time.
    `script-src 'self' 'wasm-unsafe-eval'${hashes}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** CSP source expressions (`sha256-…`) for the inline scripts of an HTML document. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = m[1] ?? '';
    if (body.length > 0) hashes.add(`sha256-${createHash('sha256').update(body).digest('base64')}`);
  }
  return [...hashes];
}

/** The security headers every response carries besides its CSP. */
export function securityHeaderValues(secure: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** The policy with `origins` added to img-src: the configured map tile service, and nothing else. */
export function allowImages(csp: string, origins: readonly string[]): string {
  if (origins.length === 0) return csp;
  return csp.replace(/(^|; )img-src ([^;]*)/, (_m, start: string, list: string) => `${start}img-src ${list} ${origins.join(' ')}`);
}

/** Sets the security headers on every response; HTML responses may widen script-src by hash; img-src admits `imageOrigins` (map tiles). */
export function securityHeaders(secure: boolean, imageOrigins: readonly string[] = []): MiddlewareHandler {
  const values = Object.entries(securityHeaderValues(secure));
  const csp = contentSecurityPolicy();
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('content-security-policy', allowImages(h.get('content-security-policy') ?? csp, imageOrigins));
    for (const [name, value] of values) h.set(name, value);
  };
}
