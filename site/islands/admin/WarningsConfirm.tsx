import { useEffect, useRef } from 'preact/hooks';

/** Props: the API's message (why a second confirmation is needed) and the two ways out. */
interface Props {
  message: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** The second confirmation a red or whole-city warning needs: a modal <dialog> (Esc or 返回修改 closes it). */
export default function WarningsConfirm({ message, busy, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} class="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-message" onClose={onClose}>
      <h2 id="confirm-title">请再次确认</h2>
      <p id="confirm-message" role="alert">
        {message}
      </p>
      <div class="wf-actions">
        <button type="button" onClick={onConfirm} disabled={busy}>
          确认发布
        </button>
        <button type="button" class="secondary" onClick={() => ref.current?.close()} disabled={busy} autoFocus>
          返回修改
        </button>
      </div>
    </dialog>
  );
}
