// What this browser remembers for 预警信息: the resident's districts, the last warnings it saw (to
// show when the network is gone) and its push subscription. Only read in effects and handlers:
// islands render on the server first, where there is no localStorage.
import type { PushPrefs } from '#api/push/contract.ts';
import type { PublicWarning } from '#api/warnings/view.ts';

const DISTRICTS_KEY = 'yzready:districts';
const SNAPSHOT_KEY = 'yzready:warnings';
const SUBSCRIPTION_KEY = 'yzready:subscription';

/** Fired on window when the chosen districts change, so every island on the page follows. */
export const DISTRICTS_EVENT = 'yzready:districts-changed';

function read(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the page still works, it just forgets.
  }
}

/** The district codes the resident chose, or [] when none. */
export function chosenDistricts(): string[] {
  const v = read(DISTRICTS_KEY);
  return Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string' && /^32\d{4}$/.test(c)) : [];
}

/** Keeps the chosen districts and tells the other islands. */
export function saveDistricts(codes: string[]): void {
  write(DISTRICTS_KEY, codes);
  window.dispatchEvent(new CustomEvent(DISTRICTS_EVENT));
}

/** The active warnings as last received, with when (browser clock, ms). */
export interface WarningSnapshot {
  warnings: PublicWarning[];
  /** Server time of the answer (ISO). */
  updatedAt: string;
  /** Browser time when it arrived (ms). */
  savedAt: number;
}

/** The last snapshot kept, if any. */
export function savedSnapshot(): WarningSnapshot | null {
  const v = read(SNAPSHOT_KEY) as Partial<WarningSnapshot> | null;
  return v && Array.isArray(v.warnings) && typeof v.savedAt === 'number' && typeof v.updatedAt === 'string' ? (v as WarningSnapshot) : null;
}

/** Keeps the snapshot for the next time the network is gone. */
export function saveSnapshot(s: WarningSnapshot): void {
  write(SNAPSHOT_KEY, s);
}

/** This browser's subscription: the server's id and management token, and the preferences sent. */
export interface StoredSubscription {
  id: number;
  token: string;
  prefs?: PushPrefs;
}

/** The stored subscription, if this browser has one. */
export function savedSubscription(): StoredSubscription | null {
  const v = read(SUBSCRIPTION_KEY) as Partial<StoredSubscription> | null;
  return v && typeof v.id === 'number' && typeof v.token === 'string' ? (v as StoredSubscription) : null;
}

/** Keeps (or with null, forgets) the subscription. */
export function saveSubscription(s: StoredSubscription | null): void {
  write(SUBSCRIPTION_KEY, s);
}
