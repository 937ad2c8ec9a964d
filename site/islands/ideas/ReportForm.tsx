import { useState } from 'preact/hooks';
import { ask, ideaClient } from './api.ts';
import { deviceToken } from './device.ts';
import { messageOf } from './format.ts';

const REASONS = ['广告或垃圾信息', '泄露他人隐私', '不实或有害信息', '辱骂、歧视等不文明内容', '其他'];

/** 举报: a reason, sent once per device; three reports hide the idea until a moderator looks. */
export default function ReportForm({ id }: { id: number }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!reason) return setMessage('请选择举报理由。');
    try {
      const json = { device: deviceToken(), reason: note.trim() ? `${reason}：${note.trim()}` : reason };
      await ask(ideaClient.report.$post({ param: { id: String(id) }, json }));
      setSent(true);
      setMessage('已收到你的举报，审核员会尽快处理。');
    } catch (err) {
      setMessage(messageOf(err));
    }
  };

  return (
    <details class="report">
      <summary>举报这条金点子</summary>
      {!sent && (
        <form class="idea-form" onSubmit={(e) => void send(e)}>
          <fieldset>
            <legend>举报理由</legend>
            {REASONS.map((r) => (
              <label class="choice" key={r}>
                <input type="radio" name="report-reason" value={r} checked={reason === r} onChange={() => setReason(r)} /> {r}
              </label>
            ))}
          </fieldset>
          <label for="report-note">补充说明（可选）</label>
          <input id="report-note" value={note} maxLength={100} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="secondary">
            提交举报
          </button>
        </form>
      )}
      <p role="status">{message}</p>
    </details>
  );
}
