import { useEffect, useState } from 'preact/hooks';
import { call } from '#site/lib/api-client.ts';
import Field from '../forms/Field.tsx';
import { ActionStatus, useActionStatus } from './action-status.tsx';
import { adminIdeasClient } from './ideas-api.ts';

/** The word list that sends a submission to moderation flagged; admins edit it, moderators read it. */
export default function IdeasWords({ canEdit }: { canEdit: boolean }) {
  const [text, setText] = useState('');
  const { run, message, error } = useActionStatus();
  useEffect(() => {
    call(adminIdeasClient.words.$get()).then(
      (r) => setText(r.words.join('\n')),
      () => undefined,
    );
  }, []);

  const save = (e: Event) => {
    e.preventDefault();
    const words = text
      .split(/[\n,，、]/)
      .map((w) => w.trim())
      .filter(Boolean);
    void run(
      () => call(adminIdeasClient.words.$put({ json: { words } })),
      (r) => {
        setText(r.words.join('\n'));
        return `已保存 ${r.words.length} 个词。新提交的金点子含这些词时会被标记，仍需人工审核。`;
      },
    );
  };

  return (
    <section aria-labelledby="words-title">
      <h2 id="words-title">标记词表</h2>
      <p>提交内容含有以下词语时，金点子会被标记为可疑，在队列中排在前面并显示原因。不区分大小写和全角半角。</p>
      <form class="admin-form" onSubmit={save}>
        <Field id="flag-words" label="词语（每行一个）">
          {(p) => (
            <textarea
              {...p}
              rows={8}
              value={text}
              readOnly={!canEdit}
              onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        {canEdit ? <button type="submit">保存词表</button> : <p class="muted">只有管理员可以修改词表。</p>}
        <ActionStatus message={message} error={error} />
      </form>
    </section>
  );
}
