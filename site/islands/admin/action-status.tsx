import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiRequestError } from '#site/lib/api-client.ts';

/**
 * The one way an admin page runs an action (or loads what it shows) and says how it went: clears the
 * last message, marks itself busy, runs it, then shows what was done or the API's own error (in one
 * live region, the error as an alert), with the API's per-field messages for a form.
 */
export function useActionStatus() {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  /**
   * Runs `action`; `done` is the message on success (or made from its result; left out when the action
   * says itself what it did), `after` runs once it succeeded, `failed` is the error when the API gave
   * none of its own. True when it succeeded.
   */
  async function run<T>(
    action: () => Promise<T>,
    done?: string | ((result: T) => string),
    after?: () => unknown,
    failed = '操作失败，请稍后再试。',
  ): Promise<boolean> {
    setMessage('');
    setError('');
    setBusy(true);
    try {
      const result = await action();
      if (done !== undefined) setMessage(typeof done === 'string' ? done : done(result));
      await after?.();
      return true;
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : failed);
      // Field messages stay until the next failure or until the page clears them (a form reopened).
      setFields(err instanceof ApiRequestError ? err.fields : {});
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { run, busy, message, error, fields, setMessage, setError, setFields };
}

/** Where the outcome of the last action is read out. */
export function ActionStatus({ message, error }: { message: string; error: string }) {
  return (
    <div aria-live="polite">
      {message && <p class="notice">{message}</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A console form: submitting runs `onSubmit` (given the form, to read its values) instead of leaving the page. */
export function ActionForm({
  class: className = 'admin-form',
  onSubmit,
  children,
}: {
  class?: string;
  onSubmit: (form: HTMLFormElement) => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e.currentTarget);
      }}
    >
      {children}
    </form>
  );
}
