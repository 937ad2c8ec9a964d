/** The browsers' push services: Chrome (FCM), Firefox (Mozilla autopush), Edge (WNS) and Safari (Apple). */
export const DEFAULT_PUSH_ALLOWLIST = [
  'https://fcm.googleapis.com',
  'https://android.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://*.notify.windows.com',
  'https://web.push.apple.com',
];

/** Parses `PUSH_ENDPOINT_ALLOWLIST` (comma-separated origins, `*.` allowed for subdomains). */
export function parseAllowlist(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : DEFAULT_PUSH_ALLOWLIST;
}

/**
 * Whether an endpoint belongs to an allowed push service. Anything else is refused: an arbitrary
 * endpoint would let anyone make the server send requests to internal addresses.
 */
export function endpointAllowed(endpoint: string, allowlist: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return allowlist.some((entry) => {
    const allowed = new URL(entry.replace('*.', 'wildcard.'));
    if (allowed.protocol !== url.protocol || allowed.port !== url.port) return false;
    return entry.includes('*.') ? url.hostname.endsWith(allowed.hostname.slice('wildcard'.length)) : url.hostname === allowed.hostname;
  });
}
