import { useEffect, useRef, useState } from 'preact/hooks';
import { warningInputSchema, type PublicWarning } from '#api/warnings/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { preValidate } from '#site/lib/pre-validate.ts';
import { emptyForm, formFromInput, hasPlaceholders, inputFromForm, type DraftForm, type WarningOptions } from '../warnings/draft.ts';
import '../warnings/warnings.css';
import '../warnings/admin-warnings.css';
import ConfirmDialog from '../ConfirmDialog.tsx';
import { useActionStatus } from './action-status.tsx';
import { can, useAccount } from './session.ts';
import WarningsApprove from './WarningsApprove.tsx';
import WarningsCancel from './WarningsCancel.tsx';
import WarningsDelivery from './WarningsDelivery.tsx';
import WarningsForm, { type FormMode } from './WarningsForm.tsx';
import WarningsList from './WarningsList.tsx';
import WarningsTemplates from './WarningsTemplates.tsx';
import { templatesApi, warningId, warningsApi, type AdminWarning, type DraftWarning, type Templates } from './warnings-client.ts';

const PLACEHOLDER_MESSAGE = '还有［ ］占位符没有替换，请换成具体信息后再发布。';

/** The console's 预警发布 page: lists, the draft form with preview, publishing, updates, cancels, delivery. */
export default function Warnings({ options }: { options: WarningOptions }) {
  const account = useAccount();
  const [items, setItems] = useState<AdminWarning[]>([]);
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [editor, setEditor] = useState<{ mode: FormMode; initial: DraftForm; key: number }>(() => ({
    mode: { kind: 'new' },
    initial: emptyForm(Date.now()),
    key: 0,
  }));
  const [cancel, setCancel] = useState<{ w: AdminWarning; allClear: boolean } | null>(null);
  const [delivery, setDelivery] = useState<{ id: number; title: string } | null>(null);
  const [confirm, setConfirm] = useState<{ message: string; run: () => Promise<void> } | null>(null);
  const [approve, setApprove] = useState<DraftWarning | null>(null);
  const { run, busy, error, setError, fields: fieldErrors, setFields: setFieldErrors, message, setMessage } = useActionStatus();
  const editorTitle = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const reload = () => call(warningsApi.index.$get()).then((r) => setItems(r.warnings));
  const loadTemplates = () => call(templatesApi.index.$get()).then(setTemplates);
  useEffect(() => {
    if (!can(account, 'publisher')) return;
    reload().catch(() => setError('暂时无法载入预警列表，请刷新页面。'));
    loadTemplates().catch(() => setError('暂时无法载入预警模板；可以不用模板，直接填写。'));
  }, [account]);
  // A draft imported from CAP (CapImport.tsx) or delivered by a source feed joins the list at once.
  useEffect(() => {
    const refresh = () => void reload().catch(() => undefined);
    addEventListener('yz:warnings-changed', refresh);
    return () => removeEventListener('yz:warnings-changed', refresh);
  }, []);

  /** Runs one API action with the busy flag, showing the API's own message when it fails (each action says what it did). */
  const attempt = async (action: () => Promise<void>) => {
    await run(action);
  };

  const openEditor = (mode: FormMode, initial: DraftForm) => {
    setEditor((e) => ({ mode, initial, key: e.key + 1 }));
    setFieldErrors({});
    setCancel(null);
    setTimeout(() => editorTitle.current?.focus(), 0);
  };

  /** An update or cancel that waits for a second publisher (HTTP 202): say so and who can approve it. */
  const pending = async (w: DraftWarning) => {
    setConfirm(null);
    setCancel(null);
    setEditor((e) => ({ mode: { kind: 'new' }, initial: emptyForm(Date.now()), key: e.key + 1 }));
    await reload();
    const who = w.approval?.approvers.length ? `可以审核的人：${w.approval.approvers.join('、')}。` : '';
    setMessage(`已保存，等待审核：${w.title} ${w.headline}。须由另一位发布员审核后才会发布（四眼原则）。${who}`);
    setTimeout(() => messageRef.current?.focus(), 0);
  };

  const published = async (w: PublicWarning, what: string) => {
    setConfirm(null);
    setApprove(null);
    setCancel(null);
    setDelivery({ id: w.id, title: `${w.title} ${w.headline}` });
    setEditor((e) => ({ mode: { kind: 'new' }, initial: emptyForm(Date.now()), key: e.key + 1 }));
    setFieldErrors({});
    await reload();
    setMessage(`${what}：${w.title} ${w.headline}`);
    setTimeout(() => messageRef.current?.focus(), 0);
  };

  /** A publish-type call (`confirm` is the second click): asks for it when the API wants one, then retries. */
  const sendPublish = async (
    send: (confirm: boolean) => Promise<{ warning: PublicWarning | DraftWarning }>,
    what: string,
    confirm = false,
  ) => {
    try {
      const r = await send(confirm);
      if ('approval' in r.warning) await pending(r.warning);
      else await published(r.warning, what);
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'confirm_required') {
        setConfirm({ message: err.message, run: () => attempt(() => sendPublish(send, what, true)) });
        return;
      }
      setConfirm(null);
      throw err;
    }
  };

  /**
   * The form's values as the API's body, checked first with the API's own schema: a field the API would
   * refuse is marked at once, in its words, and nothing is sent. The body goes as the form wrote it.
   */
  const checkedInput = (f: DraftForm) => {
    const json = inputFromForm(f);
    preValidate(warningInputSchema, json);
    return json;
  };

  /** Saves the form as a draft (new or existing); returns its id. */
  const saveDraft = async (f: DraftForm): Promise<number> => {
    const json = checkedInput(f);
    const mode = editor.mode;
    const r =
      mode.kind === 'draft'
        ? await call(warningsApi[':id'].$put({ ...warningId(mode.id), json }))
        : await call(warningsApi.index.$post({ json }));
    // The form stays as it is (same key): only what it now edits changes.
    setEditor((e) => ({ ...e, mode: { kind: 'draft', id: r.warning.id } }));
    setFieldErrors({});
    await reload();
    return r.warning.id;
  };

  const onSave = (f: DraftForm) =>
    attempt(async () => {
      await saveDraft(f);
      setMessage('草稿已保存。草稿不会公开，发布后居民才能看到。');
    });

  const onPublish = (f: DraftForm) =>
    attempt(async () => {
      if (hasPlaceholders(f)) throw new ApiRequestError(400, 'placeholders', PLACEHOLDER_MESSAGE);
      const mode = editor.mode;
      if (mode.kind === 'update') {
        const warning = checkedInput(f);
        return sendPublish(
          (confirm) => call(warningsApi[':id'].update.$post({ ...warningId(mode.id), json: { warning, confirm } })),
          '已发布更新',
        );
      }
      const id = await saveDraft(f);
      await sendPublish((confirm) => call(warningsApi[':id'].publish.$post({ ...warningId(id), json: { confirm } })), '已发布');
    });

  const load = async (w: AdminWarning) => call(warningsApi[':id'].$get(warningId(w.id))).then((r) => formFromInput(r.input));

  if (!account) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(account, 'publisher')) return <p class="notice">只有预警发布员可以发布预警。如需这个权限，请联系管理员。</p>;

  const heading =
    editor.mode.kind === 'update'
      ? `更新预警：${editor.mode.title}`
      : editor.mode.kind === 'draft'
        ? `修改草稿（编号 ${editor.mode.id}）`
        : '起草新预警';

  return (
    <div class="warnings-admin">
      <div aria-live="polite">
        {message && (
          <p class="notice publish-message" tabIndex={-1} ref={messageRef}>
            {message}
          </p>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {delivery && <WarningsDelivery key={delivery.id} id={delivery.id} title={delivery.title} />}
      {confirm && (
        // The second confirmation a red or whole-city warning needs, in the API's own words.
        <ConfirmDialog
          title="请再次确认"
          confirmLabel="确认发布"
          cancelLabel="返回修改"
          grave
          busy={busy}
          onConfirm={() => void confirm.run()}
          onClose={() => setConfirm(null)}
        >
          <p role="alert">{confirm.message}</p>
        </ConfirmDialog>
      )}
      {approve && (
        <WarningsApprove
          w={approve}
          busy={busy}
          onClose={() => setApprove(null)}
          onApprove={(revision) =>
            void attempt(async () => {
              const r = await call(warningsApi[':id'].approve.$post({ ...warningId(approve.id), json: { revision } }));
              await published(r.warning, '已审核并发布');
            }).then(() => setApprove(null))
          }
        />
      )}
      {cancel && (
        <WarningsCancel
          w={cancel.w}
          allClear={cancel.allClear}
          busy={busy}
          onClose={() => setCancel(null)}
          onSubmit={(reason) =>
            void attempt(async () => {
              const r = await call(
                warningsApi[':id'].cancel.$post({ ...warningId(cancel.w.id), json: { reason, allClear: cancel.allClear } }),
              );
              if ('approval' in r.warning) await pending(r.warning);
              else await published(r.warning, cancel.allClear ? '已发布解除通知' : '已发布取消通知');
            })
          }
        />
      )}
      <WarningsList
        items={items}
        actions={{
          onEdit: (w) => void attempt(async () => openEditor({ kind: 'draft', id: w.id }, await load(w))),
          onPublish: (w) =>
            void attempt(async () => {
              if (hasPlaceholders({ ...w, actions: w.actions.join('\n') }))
                throw new ApiRequestError(400, 'placeholders', PLACEHOLDER_MESSAGE);
              await sendPublish((confirm) => call(warningsApi[':id'].publish.$post({ ...warningId(w.id), json: { confirm } })), '已发布');
            }),
          onUpdate: (w) =>
            void attempt(async () => openEditor({ kind: 'update', id: w.id, title: `${w.title} ${w.headline}` }, await load(w))),
          onCancel: (w, allClear) => setCancel({ w, allClear }),
          onDelivery: (w) => setDelivery({ id: w.id, title: `${w.title} ${w.headline}` }),
          onApprove: (w) => {
            // Only drafts offer 审核 (WarningsList).
            if ('approval' in w) setApprove(w);
          },
        }}
      />
      <section aria-labelledby="editor-title" class="editor-section">
        <h2 id="editor-title" tabIndex={-1} ref={editorTitle}>
          {heading}
        </h2>
        {editor.mode.kind === 'update' && <p>发布更新后，原来那条预警就不再显示为生效中；居民收到的通知会替换原来的通知。</p>}
        <WarningsForm
          key={editor.key}
          mode={editor.mode}
          initial={editor.initial}
          options={options}
          templates={templates}
          errors={fieldErrors}
          busy={busy}
          onSave={(f) => void onSave(f)}
          onPublish={(f) => void onPublish(f)}
          onClose={() => openEditor({ kind: 'new' }, emptyForm(Date.now()))}
        />
      </section>
      {can(account, 'admin') && templates && (
        <WarningsTemplates office={templates.office} options={options} onSaved={() => void loadTemplates()} />
      )}
    </div>
  );
}
