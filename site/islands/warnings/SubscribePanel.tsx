import { useEffect, useState } from 'preact/hooks';
import { unreachableService } from '#api/push/allowlist.ts';
import { ApiRequestError } from '#site/lib/api-client.ts';
import type { DistrictOption } from './DistrictPicker.tsx';
import {
  currentPushSubscription,
  PermissionDismissed,
  pushSupport,
  subscribe,
  endSubscription,
  sendTest,
  updatePrefs,
  type PushSupport,
} from './push.ts';
import PushPrefsForm from './PushPrefsForm.tsx';
import { chosenDistricts, savedSubscription, saveSubscription, type StoredSubscription } from './storage.ts';
import type { HazardCode } from '#api/domain/hazards.ts';
import type { PushPrefs } from '#api/push/contract.ts';
import './warnings.css';
import { FormError } from '../forms/controls.tsx';

/** Props: districts, hazard types and levels to choose from (the page passes them from api/domain). */
interface Props {
  districts: DistrictOption[];
  hazards: Array<{ code: HazardCode; name: string }>;
  levels: Array<{ code: PushPrefs['minLevel']; name: string }>;
}

const SUPPORT_TEXT: Record<Exclude<PushSupport, 'ok'>, string> = {
  'ios-home':
    '在 iPhone 和 iPad 上，只有添加到主屏幕的网站才能接收推送（需要 iOS 16.4 或更高版本）。先用 Safari 的分享按钮把本站添加到主屏幕，再从主屏幕打开，然后回到这里订阅。',
  'no-push': '这个浏览器不支持网页推送通知。你可以收藏本页随时查看，或用阅读器订阅下面的 Atom 订阅源。',
  denied:
    '本站的通知权限已被拒绝，所以现在无法订阅。重新开启：电脑上点地址栏左边的锁形（或“网站信息”）图标，把“通知”改为“允许”；安卓手机在浏览器的“网站设置 → 通知”里允许本站；iPhone 在“设置 → 通知”里找到本站并允许通知。改好后刷新本页。',
};

/** A failure of the browser's push machinery, in words a resident can act on. */
function pushProblem(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  if (err instanceof PermissionDismissed)
    return '你还没有允许本站发送通知，所以没有订阅。需要时再点“订阅预警推送”，在浏览器询问时选择“允许”。';
  // Chrome says “Registration failed - permission denied” in incognito windows and headless runs (seen in Chromium 156).
  if (err instanceof DOMException && /permission/i.test(err.message))
    return '这个浏览器拒绝了推送订阅（无痕或隐私模式下、或浏览器设置禁止通知时常见）。预警页面和 Atom 订阅源始终可用。';
  if (err instanceof Error && err.message === 'sw-timeout') return '本站的后台服务（Service Worker）没有启动，请刷新页面后再试。';
  return '这个浏览器连接不上它的推送服务。在中国大陆，依赖谷歌推送服务的 Chrome 常常如此；可以改用其他浏览器，或者收藏本页、订阅 Atom 源。';
}

/** 订阅预警推送: choose what to receive, subscribe, change it, test it, or unsubscribe. */
export default function SubscribePanel({ districts, hazards, levels }: Props) {
  const [support, setSupport] = useState<PushSupport | null>(null);
  const [sub, setSub] = useState<StoredSubscription | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const [initial, setInitial] = useState<PushPrefs | null>(null);
  /** This browser's push service cannot be reached from mainland China. */
  const [unreachable, setUnreachable] = useState(false);

  useEffect(() => {
    const s = pushSupport();
    setSupport(s);
    const stored = savedSubscription();
    setSub(stored);
    setInitial(stored?.prefs ?? { districts: chosenDistricts(), hazards: null, minLevel: 'blue', exercises: false });
    // A browser already subscribed through a service that is blocked here will never get a message.
    if (s === 'ok')
      void currentPushSubscription()
        .then((push) => push && unreachableService(push.endpoint) && setUnreachable(true))
        .catch(() => undefined);
    // A subscription the browser has since dropped (site data cleared, permission reset) is no longer one.
    if (stored && s === 'ok')
      void currentPushSubscription().then((push) => {
        if (push === null && savedSubscription()?.id === stored.id) {
          void endSubscription(stored).catch(() => undefined);
          saveSubscription(null);
          setSub(null);
          setDone('这个浏览器的推送订阅已失效，如需继续接收，请重新订阅。');
        }
      });
  }, []);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      setDone(await action());
    } catch (err) {
      if (err instanceof DOMException && err.name === 'NotAllowedError') setSupport('denied');
      else if (err instanceof ApiRequestError && err.code === 'push_service_unreachable') {
        setUnreachable(true);
        setError(err.message);
      } else if (err instanceof ApiRequestError && (err.status === 404 || err.status === 410)) {
        saveSubscription(null);
        setSub(null);
        setError(err.message);
      } else setError(pushProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const save = (prefs: PushPrefs) =>
    run(async () => {
      if (sub) {
        await updatePrefs(sub, prefs);
        const next = { ...sub, prefs };
        saveSubscription(next);
        setSub(next);
        return '推送设置已保存。';
      }
      const r = await subscribe(prefs);
      const next = { id: r.id, token: r.token, prefs };
      saveSubscription(next);
      setSub(next);
      return '已订阅。以后你选的区县发布预警时，这台设备会收到通知。可以先发一条测试通知试试。';
    });

  const test = () =>
    run(async () => {
      if (!sub) return '';
      await sendTest(sub);
      return '测试通知已发出，通常几秒内就会收到。如果一直没有收到，说明这个浏览器在当前网络下收不到推送，请以预警页面和 12379 短信为准。';
    });

  const unsubscribe = () =>
    run(async () => {
      if (!sub) return '';
      await endSubscription(sub);
      const push = await currentPushSubscription().catch(() => null);
      await push?.unsubscribe().catch(() => false);
      saveSubscription(null);
      setSub(null);
      return '已取消订阅，这台设备不会再收到预警推送。';
    });

  const blocked = support !== null && support !== 'ok';
  return (
    <div class="subscribe-panel">
      <p>
        订阅后，你选的区县发布预警时，这台设备会收到一条通知，写明预警级别、灾种和标题，例如“【橙色预警】暴雨”；点开就是这条预警的页面。预警更新或解除时也会通知，同一条预警只保留最新的一条通知。不需要手机号，也不记录你的位置：服务器只保存这个浏览器的推送地址和你的选择。
      </p>
      <p class="notice">
        部分浏览器在中国大陆无法接收推送（例如依赖谷歌推送服务的 Chrome），预警页面和 Atom 订阅源始终可用。官方的预警短信由 12379
        发送，网页推送只是补充，不能代替它。
      </p>
      <noscript>
        <p>订阅推送需要浏览器开启 JavaScript。</p>
      </noscript>
      {blocked && (
        <p class="notice push-blocked" role="status">
          {SUPPORT_TEXT[support]}
        </p>
      )}
      {unreachable && (
        <p class="notice push-unreachable" role="status">
          这个浏览器的推送服务在中国大陆连接不上，网页推送到不了这台设备。请以这些渠道为准：<a href="/warnings/">预警页面</a>（可收藏）、
          <a href="/feeds/warnings.atom">Atom 订阅源</a>，以及官方的 12379 预警短信。想在这台设备上收到推送，可以改用 Firefox、Windows
          电脑上的 Edge 或 Safari。
        </p>
      )}
      <div aria-live="polite">{done && <p class="push-done">{done}</p>}</div>
      <FormError message={error} />
      {initial && (sub || !blocked) && (
        <PushPrefsForm
          key={sub ? `sub-${sub.id}` : 'new'}
          districts={districts}
          hazards={hazards}
          levels={levels}
          initial={sub?.prefs ?? initial}
          subscribed={!!sub}
          busy={busy}
          onSave={(p) => void save(p)}
          onTest={() => void test()}
          onUnsubscribe={() => void unsubscribe()}
        />
      )}
    </div>
  );
}
