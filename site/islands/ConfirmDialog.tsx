import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './confirm-dialog.css';

/** Props: what is being confirmed, the two buttons' words and the two ways out. */
interface Props {
  title: string;
  children: ComponentChildren;
  /** Words of the confirming button, e.g. 确认提交评分. */
  confirmLabel: string;
  cancelLabel?: string;
  /** While the confirmed action runs: both buttons wait. */
  busy?: boolean;
  /** A grave step (a red or whole-city warning): the dialog is framed in warning red. */
  grave?: boolean;
  onConfirm: () => void;
  /** Called when the dialog closes without confirming (Esc or the cancel button). */
  onClose: () => void;
}

/**
 * The site's own confirmation: a modal <dialog> (focus stays inside, Esc closes it), never
 * `window.confirm`, whose wording and buttons the site cannot control and some browsers suppress.
 */
export default function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = '取消',
  busy = false,
  grave = false,
  onConfirm,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={grave ? 'site-confirm site-confirm--grave' : 'site-confirm'}
      aria-labelledby="site-confirm-title"
      aria-describedby="site-confirm-body"
      onClose={onClose}
    >
      <h2 id="site-confirm-title">{title}</h2>
      <div id="site-confirm-body">{children}</div>
      <div class="site-confirm-actions">
        <button type="button" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" class="secondary" onClick={() => ref.current?.close()} disabled={busy} autoFocus>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
