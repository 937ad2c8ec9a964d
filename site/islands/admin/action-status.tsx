import { useState } from 'preact/hooks';
import { ApiRequestError } from '../../lib/api-client.ts';

/**
 * The one way an admin page runs an action and says how it went: clears the last message, runs it
 * (busy meanwhile), then shows what was done or the API's own error (in one live region, the error as
 * an alert) with its per-field messages.
 */
export function useActionStatus() {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  /**
   * Runs `action`; `done` is the message on success (or made from its result; left out when the action
   * says itself what it did), `after` runs once it succeeded. True when it succeeded.
   */
  async function run<T>(action: () => Promise<T>, done?: string | ((result: T) => string), after?: () => unknown): Promise<boolean> {
    setMessage('');
    setError('');
    setBusy(true);
    try {
      const result = await action();
      if (done !== undefined) setMessage(typeof done === 'string' ? done : done(result));
      await after?.();
      return true;
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : '操作失败，请稍后再试。');
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
