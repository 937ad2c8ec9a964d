// Web push in the browser: what this browser can do, the service worker registration, and the
// subscription API (authorised by the X-Subscription-Token header, not a session).
import type { PushPrefs } from '#api/push/contract.ts';
import type { subscriptionRoutes } from '#api/push/subscriptions.ts';
import { apiClient, call } from '#site/lib/api-client.ts';
import type { StoredSubscription } from './storage.ts';

type Routes = ReturnType<typeof subscriptionRoutes>;
const pushKey = apiClient<Routes['push']>('/api/push');
const subscriptions = apiClient<Routes['subs']>('/api/subscriptions');
// Residents have no session: a 401 is an error to show, never a trip to the staff sign-in page.
const resident = { redirectOn401: false };

/** The resident closed the permission prompt without choosing. */
export class PermissionDismissed extends Error {}

/** What stands between this browser and push. */
export type PushSupport = 'ok' | 'ios-home' | 'no-push' | 'denied';

/** iPhone and iPad (iPadOS reports itself as a Mac with a touch screen). */
function isIos(): boolean {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
}

function isStandalone(): boolean {
  return matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
}

/** Whether this browser can subscribe now, and if not, why. */
export function pushSupport(): PushSupport {
  // iOS (16.4+) gives web push only to a site opened from the home screen.
  if (isIos() && !isStandalone()) return 'ios-home';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'no-push';
  if (Notification.permission === 'denied') return 'denied';
  return 'ok';
}

/** The VAPID public key (base64url) as the bytes pushManager.subscribe wants. */
export function urlBase64ToUint8Array(base64: string): Uint8Array<ArrayBuffer> {
  const padded = (base64 + '='.repeat((4 - (base64.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(padded);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** The site's service worker (/sw.js), registering it when the page's own script has not yet. */
export async function workerRegistration(): Promise<ServiceWorkerRegistration> {
  if (!(await navigator.serviceWorker.getRegistration())) await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('sw-timeout')), 20_000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** The browser's current push subscription, if any (without registering anything). */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** Subscribes the browser with the push service, then the server; returns the server's id and token. */
export async function subscribe(prefs: PushPrefs): Promise<{ id: number; token: string; push: PushSubscription }> {
  // Asked first, before any other await: Safari and Firefox grant the prompt only within the click itself.
  const permission = await Notification.requestPermission();
  if (permission === 'denied') throw new DOMException('通知权限被拒绝', 'NotAllowedError');
  if (permission !== 'granted') throw new PermissionDismissed();
  const reg = await workerRegistration();
  const { publicKey } = await call(pushKey['public-key'].$get(), resident);
  const push = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: urlBase64ToUint8Array(publicKey) });
  try {
    const { endpoint = '', keys = {} } = push.toJSON();
    const json = { subscription: { endpoint, keys: { p256dh: keys['p256dh'] ?? '', auth: keys['auth'] ?? '' } }, ...prefs };
    const r = await call(subscriptions.index.$post({ json }), resident);
    return { id: r.id ?? 0, token: r.token, push };
  } catch (err) {
    // The server would not keep it: do not leave the browser subscribed to nothing.
    await push.unsubscribe().catch(() => false);
    throw err;
  }
}

/** The calls on this browser's own subscription, authorised by its token (X-Subscription-Token). */
function own(sub: StoredSubscription) {
  return [{ param: { id: String(sub.id) } }, { headers: { 'x-subscription-token': sub.token } }] as const;
}

/** Changes what this subscription receives. */
export const updatePrefs = (sub: StoredSubscription, prefs: PushPrefs) =>
  call(subscriptions[':id'].$put({ ...own(sub)[0], json: prefs }, own(sub)[1]), resident);

/** Asks the server to send this browser a test notification. */
export const sendTest = (sub: StoredSubscription) => call(subscriptions[':id'].test.$post(...own(sub)), resident);

/** Ends the subscription on the server. */
export const endSubscription = (sub: StoredSubscription) => call(subscriptions[':id'].$delete(...own(sub)), resident);
