import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, apiFetch } from '../../lib/api-client.ts';

/** The word list that sends a submission to moderation flagged; admins edit it, moderators read it. */
export default function IdeasWords({ canEdit }: { canEdit: boolean }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    apiFetch<{ words: string[] }>('/api/admin/ideas/words').then(
      (r) => setText(r.words.join('\n')),
      () => undefined,
    );
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    const words = text
      .split(/[\n,，、]/)
      .map((w) => w.trim())
      .filter(Boolean);
    try {
      const r = await apiFetch<{ words: string[] }>('/api/admin/ideas/words', { method: 'PUT', json: { words } });
      setText(r.words.join('\n'));
      setMessage(`已保存 ${r.words.length} 个词。新提交的金点子含这些词时会被标记，仍需人工审核。`);
    } catch (err) {
      setMessage(err instanceof ApiRequestError ? err.message : '保存失败，请稍后再试。');
    }
  };

  return (
    <section aria-labelledby="words-title">
      <h2 id="words-title">标记词表</h2>
      <p>提交内容含有以下词语时，金点子会被标记为可疑，在队列中排在前面并显示原因。不区分大小写和全角半角。</p>
      <form class="admin-form" onSubmit={(e) => void save(e)}>
        <label for="flag-words">词语（每行一个）</label>
        <textarea
          id="flag-words"
          rows={8}
          value={text}
          readOnly={!canEdit}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
        {canEdit ? <button type="submit">保存词表</button> : <p class="muted">只有管理员可以修改词表。</p>}
        <p role="status">{message}</p>
      </form>
    </section>
  );
}
