// What this browser remembers for 金点子: a device token (support and reports count once per device)
// and which ideas it has supported. Only ever read in effects and handlers: islands render on the server first.

const DEVICE_KEY = 'yzready:device';
const SUPPORTED_KEY = 'yzready:ideas-supported';

let fallback = '';

/** A random token standing for this browser, kept in localStorage; the server stores only its hash. */
export function deviceToken(): string {
  const make = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  try {
    let token = localStorage.getItem(DEVICE_KEY);
    if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
      token = make();
      localStorage.setItem(DEVICE_KEY, token);
    }
    return token;
  } catch {
    // Storage blocked (private mode in some browsers): one token for this page's life.
    return (fallback ||= make());
  }
}

/** Ids of the ideas this browser has supported. */
export function supportedIdeas(): number[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(SUPPORTED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((n): n is number => typeof n === 'number') : [];
  } catch {
    return [];
  }
}

/** Remembers that this browser supported idea `id`. */
export function rememberSupport(id: number): void {
  try {
    localStorage.setItem(SUPPORTED_KEY, JSON.stringify([...new Set([...supportedIdeas(), id])].slice(-500)));
  } catch {
    // Not remembered; the server still refuses a second support from this device.
  }
}
