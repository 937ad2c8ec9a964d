import { useRef, useState } from 'preact/hooks';
import type { RecoveredIdea } from '#api/ideas/contract.ts';
import { ApiRequestError } from '#site/lib/api-client.ts';
import { ask, ideasClient } from './api.ts';
import Field from '../forms/Field.tsx';
import { day, messageOf } from './format.ts';
import { FormError } from '../forms/controls.tsx';

const text = (e: Event) => (e.currentTarget as HTMLInputElement).value;

/** 找回回执码: the contact and passphrase given with the idea bring a new receipt code for each of its ideas. */
export default function RecoverReceipt() {
  const [contact, setContact] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [found, setFound] = useState<RecoveredIdea[] | null>(null);
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLDivElement>(null);

  const recover = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem('');
    setErrors({});
    setFound(null);
    try {
      const r = await ask(ideasClient.recover.$post({ json: { contact, passphrase } }));
      setFound(r.ideas);
      setPassphrase('');
    } catch (err) {
      setErrors(err instanceof ApiRequestError ? err.fields : {});
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
      requestAnimationFrame(() => result.current?.focus());
    }
  };

  return (
    <section class="card" aria-labelledby="recover-title">
      <h2 id="recover-title">回执码丢了？</h2>
      <p>如果提交时设置了找回口令，可以凭当时填写的联系方式和口令重新领取回执码。新回执码生成后，原回执码随即作废。</p>
      <form class="idea-form" onSubmit={(e) => void recover(e)} noValidate>
        <Field id="recover-contact" label="提交时填写的联系方式" error={errors['contact']}>
          {(p) => <input {...p} value={contact} onInput={(e) => setContact(text(e))} autocomplete="tel" required />}
        </Field>
        <Field id="recover-passphrase" label="找回口令" error={errors['passphrase']}>
          {(p) => (
            <input {...p} value={passphrase} onInput={(e) => setPassphrase(text(e))} autocomplete="off" spellcheck={false} required />
          )}
        </Field>
        <button type="submit" class="secondary" disabled={busy}>
          {busy ? '正在查找……' : '领取新的回执码'}
        </button>
      </form>
      <div ref={result} tabIndex={-1} aria-live="polite">
        <FormError message={problem} />
        {found && (
          <>
            <p>
              <strong>找到 {found.length} 条金点子。请抄下或截图保存新的回执码：</strong>
            </p>
            <ul>
              {found.map((i) => (
                <li key={i.id}>
                  {i.title}（{day(i.submittedAt)}提交，{i.statusText}）：新回执码{' '}
                  <strong class="receipt-code" data-recovered>
                    {i.receipt}
                  </strong>{' '}
                  <a href={`/ideas/track/#${i.receipt}`}>查询进度</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
