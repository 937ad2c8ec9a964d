import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError } from '#site/lib/api-client.ts';
import { codeFromUrl } from './contest-api.ts';
import { FormError, submitted } from '../forms/controls.tsx';

/**
 * Looking something up by a code typed or brought in the link (`?code=`, from a QR code): the box's
 * value, whether a lookup is under way, its error, and `find`. The link is read after hydration,
 * because the page is built once, without a query string.
 */
export function useCodeLookup<T>(lookup: (code: string) => Promise<T>, fallback: string) {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const find = async (typed: string) => {
    setBusy(true);
    setError('');
    setFound(null);
    try {
      setFound(await lookup(typed));
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : fallback);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    const fromUrl = codeFromUrl();
    if (!fromUrl) return;
    setCode(fromUrl);
    void find(fromUrl);
  }, []);
  return { code, setCode, found, error, setError, busy, setBusy, find };
}

interface Props {
  /** `useCodeLookup`'s state. */
  lookup: Pick<ReturnType<typeof useCodeLookup>, 'code' | 'setCode' | 'busy' | 'error' | 'find'>;
  id: string;
  label: string;
  button: string;
  maxLength: number;
  /** Shown with the error, in the same live region (what was found). */
  children?: ComponentChildren;
}

/** The code box with its button, and a live region for the outcome. */
export function CodeForm({ lookup, id, label, button, maxLength, children }: Props) {
  const { code, setCode, busy, error, find } = lookup;
  return (
    <>
      <form
        class="code-form"
        // What is in the box, even if it was typed before the page finished loading.
        onSubmit={submitted((f) => void find(String(f.get('code') ?? code)))}
      >
        <label for={id}>{label}</label>
        <div class="inline-row">
          <input
            id={id}
            name="code"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={maxLength}
            required
            class="code-input"
          />
          <button type="submit" disabled={busy}>
            {button}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        <FormError message={error} />
        {children}
      </div>
    </>
  );
}
