/** A browser vendor's push service, and whether it can be reached from mainland China. */
export interface PushService {
  /** Its name, in Chinese, as a resident would know it. */
  name: string;
  /** Origin of its endpoints (`*.` for subdomains). */
  origin: string;
  /**
   * False only where it is known not to work: Google's FCM is blocked in mainland China (from here
   * its TLS handshake never completes). The others are not known to be blocked, but we have not
   * measured them from Yangzhou, and they are served from outside the mainland, so delivery there
   * can be slow or interrupted.
   */
  reachableFromMainland: boolean;
}

/** The browsers' push services: Chrome (FCM), Firefox (Mozilla autopush), Edge on Windows (WNS) and Safari (Apple). */
export const PUSH_SERVICES: readonly PushService[] = [
  { name: '谷歌 FCM（Chrome、安卓上的 Edge 等）', origin: 'https://fcm.googleapis.com', reachableFromMainland: false },
  { name: '谷歌 FCM（旧版 Chrome）', origin: 'https://android.googleapis.com', reachableFromMainland: false },
  { name: 'Mozilla（Firefox）', origin: 'https://updates.push.services.mozilla.com', reachableFromMainland: true },
  { name: '微软 WNS（Windows 上的 Edge）', origin: 'https://*.notify.windows.com', reachableFromMainland: true },
  { name: '苹果（Safari，iPhone 主屏幕网站）', origin: 'https://web.push.apple.com', reachableFromMainland: true },
];

/**
 * The services reachable from mainland China. FCM is left out: messages to it never arrive from
 * here, and a resident should hear that when subscribing, not wait for a warning that never comes.
 * A deployment outside the mainland can add it back with `PUSH_ENDPOINT_ALLOWLIST`.
 */
export const DEFAULT_PUSH_ALLOWLIST = PUSH_SERVICES.filter((s) => s.reachableFromMainland).map((s) => s.origin);

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

/** The push service of an endpoint when it is one known to be unreachable from mainland China. */
export function unreachableService(endpoint: string): PushService | null {
  return PUSH_SERVICES.find((s) => !s.reachableFromMainland && endpointAllowed(endpoint, [s.origin])) ?? null;
}
