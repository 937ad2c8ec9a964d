import { useEffect, useRef, useState } from 'preact/hooks';
import type { WarningInput } from '#api/warnings/schema.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import type { WarningOptions } from '../warnings/draft.ts';
import { fromLocalInput } from '../warnings/format.ts';
import { capApi } from './cap-client.ts';
import CapInbox from './CapInbox.tsx';
import { useActionStatus } from './action-status.tsx';
import { can, useAccount } from './session.ts';
import { FormError } from '../forms/controls.tsx';

/** What the import answered when some fields must be decided by the publisher (HTTP 422 needs_review). */
interface Review {
  problems: Record<string, string>;
  notes: string[];
}

const LABELS: Record<string, string> = {
  hazard: '灾种',
  level: '预警级别',
  areas: '受影响区域',
  expires: '失效时间',
  effective: '生效时间',
  headline: '标题',
  description: '情况说明',
  instruction: '行动建议',
  polygon: '范围（多边形）',
};

/** Tells the warnings list on this page to load again (a draft was added). */
const listChanged = () => dispatchEvent(new Event('yz:warnings-changed'));

/**
 * 从源头导入: a publisher pastes or uploads a CAP 1.2 document (as the provincial release system
 * issues it) and gets a draft; whatever the message leaves open is asked here, one field at a time.
 */
export default function CapImport({ options }: { options: WarningOptions }) {
  const account = useAccount();
  const [xml, setXml] = useState('');
  const [feedItem, setFeedItem] = useState<number | undefined>(undefined);
  const [review, setReview] = useState<Review | null>(null);
  const [overrides, setOverrides] = useState<Partial<WarningInput>>({});
  const { run, busy, error, setError } = useActionStatus();
  const [result, setResult] = useState<{ text: string; notes: string[] } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (!can(account, 'publisher')) return null;

  const reset = (text: string) => {
    setXml(text);
    setReview(null);
    setOverrides({});
    setError('');
    setResult(null);
  };

  const submit = () =>
    run(async () => {
      setResult(null);
      try {
        const r = await call(capApi.import.$post({ json: { xml, overrides, ...(feedItem ? { feedItem } : {}) } }));
        setReview(null);
        if (r.result === 'duplicate') setResult({ text: r.message, notes: [] });
        else {
          setResult({
            text: `已生成草稿：${r.warning.title} ${r.warning.headline}。请在下面的列表中核对后发布。`,
            notes: r.notes,
          });
          setXml('');
          setOverrides({});
          setFeedItem(undefined);
        }
        listChanged();
      } catch (err) {
        // 422 needs_review: the fields the message left open are asked below, one at a time.
        if (err instanceof ApiRequestError && err.code === 'needs_review') setReview({ problems: err.fields, notes: [] });
        throw err;
      }
    });

  // The values offered where the message's hazard or level could not be matched.
  const choices: Record<'hazard' | 'level', Array<[string, string]>> = {
    hazard: options.hazards.map((h) => [h.code, h.name]),
    level: options.levels.map((l) => [l.code, `${l.colour}预警（${l.level}，${l.name}）`]),
  };
  const set = (key: keyof WarningInput, value: unknown) => setOverrides((o) => ({ ...o, [key]: value }));
  const field = (key: string) => {
    const id = `cap-fix-${key}`;
    const label = (
      <>
        <label for={id}>{LABELS[key] ?? key}</label>
        <p class="field-error" id={`${id}-why`}>
          {review?.problems[key]}
        </p>
      </>
    );
    if (key === 'areas')
      return (
        <fieldset class="wf-field" key={key}>
          <legend>{LABELS['areas']}</legend>
          <p class="field-error">{review?.problems['areas']}</p>
          {options.areas.map((a) => (
            <label>
              <input
                type="checkbox"
                checked={(overrides.areas ?? []).includes(a.code)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  set('areas', on ? [...(overrides.areas ?? []), a.code] : (overrides.areas ?? []).filter((c) => c !== a.code));
                }}
              />{' '}
              {a.name}
            </label>
          ))}
        </fieldset>
      );
    // Every other field: its label and what the message left open, then one required control.
    const control = { id, 'aria-describedby': `${id}-why`, required: true };
    return (
      <div class="wf-field" key={key}>
        {label}
        {key === 'hazard' || key === 'level' ? (
          <select {...control} onChange={(e) => set(key, e.currentTarget.value)}>
            <option value="">请选择</option>
            {choices[key].map(([code, words]) => (
              <option value={code}>{words}</option>
            ))}
          </select>
        ) : key === 'expires' || key === 'effective' ? (
          <input {...control} type="datetime-local" onChange={(e) => set(key, fromLocalInput(e.currentTarget.value))} />
        ) : (
          <textarea {...control} rows={key === 'headline' ? 1 : 3} onInput={(e) => set(key as keyof WarningInput, e.currentTarget.value)} />
        )}
      </div>
    );
  };

  return (
    <section class="card cap-import" aria-labelledby="cap-import-title">
      <h2 id="cap-import-title">从源头导入（CAP 消息）</h2>
      <CapInbox
        onReview={(item) => {
          reset(item.xml ?? '');
          setFeedItem(item.id);
        }}
        admin={can(account, 'admin')}
      />
      <p class="muted">
        粘贴或上传预警发布系统下发的 CAP 1.2 文件（GB/T 35965.1
        格式），生成一份草稿：预警编号和发布单位保持原样，灾种、级别和区域自动对应。无法确定的项目会在这里列出，由你选择，不会自动猜测。
      </p>
      <form
        class="admin-form warning-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div class="wf-field">
          <label for="cap-file">上传 CAP 文件（.xml）</label>
          <input
            id="cap-file"
            type="file"
            accept=".xml,.cap,application/xml,application/cap+xml,text/xml"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void file.text().then(reset);
            }}
          />
        </div>
        <div class="wf-field">
          <label for="cap-xml">或粘贴 CAP 文件内容</label>
          <textarea id="cap-xml" rows={6} spellcheck={false} value={xml} onInput={(e) => reset(e.currentTarget.value)} />
        </div>
        {review && (
          <fieldset class="cap-review">
            <legend>请核对以下无法从消息中确定的项目</legend>
            {Object.keys(review.problems).map(field)}
          </fieldset>
        )}
        <FormError message={error} />
        <div class="wf-actions">
          <button type="submit" disabled={busy || !xml.trim()}>
            {review ? '按所选内容导入为草稿' : '导入为草稿'}
          </button>
        </div>
      </form>
      <div aria-live="polite" tabIndex={-1} ref={resultRef}>
        {result && (
          <div class="notice">
            <p>{result.text}</p>
            {result.notes.length > 0 && (
              <ul>
                {result.notes.map((n) => (
                  <li>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
