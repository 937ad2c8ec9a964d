import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminWarning } from './warnings-client.ts';

/** Props: the live warning, whether this is 解除 (all clear) or 取消, and the actions. */
interface Props {
  w: AdminWarning;
  allClear: boolean;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** 解除 or 取消 a published warning: the reason is required and is published as the message's text. */
export default function WarningsCancel({ w, allClear, busy, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [w.id]);
  const verb = allClear ? '解除' : '取消';
  return (
    <section class="card cancel-form" aria-labelledby="cancel-title">
      <h3 id="cancel-title" tabIndex={-1} ref={heading}>
        {verb}预警：{w.title} {w.headline}
      </h3>
      <p>
        {allClear
          ? '解除：危险已经过去。居民会收到“预警解除”的通知，页面上这条预警不再显示为生效中。'
          : '取消：这条预警发错了或不再适用。居民会收到“预警取消”的通知。'}
      </p>
      <form
        class="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(reason);
        }}
      >
        <label for="cancel-reason">{verb}原因（会公开发布，至少 4 个字）</label>
        <textarea
          id="cancel-reason"
          rows={3}
          required
          minLength={4}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          placeholder={allClear ? '例：降雨已明显减弱，暴雨预警解除。' : '例：预警区域有误，以最新发布的预警为准。'}
        />
        <div class="wf-actions">
          <button type="submit" disabled={busy}>
            确认{verb}
          </button>
          <button type="button" class="secondary" onClick={onClose} disabled={busy}>
            返回
          </button>
        </div>
      </form>
    </section>
  );
}
