import { useEffect, useRef, useState } from 'preact/hooks';
import type { WarningPreview as Preview } from '#api/warnings/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import '../confirm-dialog.css';
import { warningId, warningsApi, type DraftWarning } from './warnings-client.ts';

/** Props: the draft to check, and what to do with the approval. */
interface Props {
  w: DraftWarning;
  busy: boolean;
  onApprove: (revision: number) => void;
  onClose: () => void;
}

/**
 * The second publisher's check (四眼原则): a modal <dialog> with the notification and the warning
 * page rendered by the same server code that will render them once published, then 审核通过并发布.
 */
export default function WarningsApprove({ w, busy, onApprove, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    call(warningsApi[':id'].preview.$get(warningId(w.id)))
      .then(setPreview)
      .catch((err: unknown) => setError(err instanceof ApiRequestError ? err.message : '暂时无法载入预览，请稍后再试。'));
    return () => d?.close();
  }, [w.id]);
  return (
    <dialog ref={ref} class="site-confirm site-confirm--grave approve-dialog" aria-labelledby="approve-title" onClose={onClose}>
      <h2 id="approve-title">审核预警（四眼原则）</h2>
      <p>起草人：{w.author ?? '—'}。请逐字核对居民将看到的内容；审核通过后立即发布，你的姓名和审核时间会记入操作日志和推送报告。</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          <h3>居民收到的通知</h3>
          <div class="notification-mock" aria-label="通知预览">
            <p class="notification-app">扬州应急 · 现在</p>
            <p class="notification-title">{preview.notification.title}</p>
            <p class="notification-body">{preview.notification.body}</p>
          </div>
          <h3>居民看到的预警页面</h3>
          {/* Server-rendered and escaped by api/warnings/page.ts: the very HTML the public page will contain. */}
          <div class="approve-page warning-detail" aria-label="预警页面预览" dangerouslySetInnerHTML={{ __html: preview.html }} />
        </>
      )}
      <div class="wf-actions">
        <button type="button" onClick={() => preview && onApprove(preview.revision)} disabled={busy || !preview}>
          审核通过并发布
        </button>
        <button type="button" class="secondary" onClick={() => ref.current?.close()} disabled={busy} autoFocus>
          暂不审核
        </button>
      </div>
    </dialog>
  );
}
