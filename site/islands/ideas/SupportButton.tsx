import { useEffect, useState } from 'preact/hooks';
import { IDEA_LIMITS } from '#api/ideas/labels.ts';
import { ApiRequestError } from '#site/lib/api-client.ts';
import { ask, ideaClient } from './api.ts';
import { deviceToken, rememberSupport, supportedIdeas } from './device.ts';
import { messageOf } from './format.ts';

/** Props: the idea, its current count and whether its campaign is still collecting. */
interface Props {
  id: number;
  title: string;
  count: number;
  collecting: boolean;
}

/** 支持 button: once per device, only while collecting; says what happened in a live region. */
export default function SupportButton({ id, title, count, collecting }: Props) {
  const [n, setN] = useState(count);
  const [done, setDone] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setDone(supportedIdeas().includes(id)), [id]);

  const support = async () => {
    setBusy(true);
    setMessage('');
    try {
      const r = await ask(ideaClient.support.$post({ param: { id: String(id) }, json: { device: deviceToken() } }));
      setN(r.supportCount);
      setDone(true);
      rememberSupport(id);
      setMessage(
        r.counted
          ? '谢谢你的支持！'
          : `谢谢你的支持，已经记录。你所在的网络（如学校、单位）已有 ${IDEA_LIMITS.supportsPerAddress} 台以上设备支持过这条金点子；为防止刷票，同一网络最多计入 ${IDEA_LIMITS.supportsPerAddress} 次，评审组能看到全部支持。`,
      );
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'already_supported') {
        setDone(true);
        rememberSupport(id);
      }
      setMessage(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="support">
      <p>
        <strong>{n}</strong> 人支持
      </p>
      {!collecting ? (
        <p class="hint">征集已结束，不能再支持。</p>
      ) : done ? (
        <p>✓ 你已支持这条金点子（每台设备只能支持一次）。</p>
      ) : (
        <button type="button" onClick={() => void support()} disabled={busy} aria-label={`支持这条金点子：${title}`}>
          支持这条金点子
        </button>
      )}
      <p aria-live="polite" role="status">
        {message}
      </p>
    </div>
  );
}
