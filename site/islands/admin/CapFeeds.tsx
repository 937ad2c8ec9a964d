import { useEffect, useState } from 'preact/hooks';
import { capFeedSchema, trustedSenderSchema } from '#api/cap/contract.ts';
import { call } from '#site/lib/api-client.ts';
import { preValidate } from '#site/lib/pre-validate.ts';
import { shortTime } from '../warnings/format.ts';
import '../warnings/admin-warnings.css';
import { ActionForm, useActionStatus } from './action-status.tsx';
import { capApi, type CapFeedsState as State } from './cap-client.ts';
import { can, useAccount } from './session.ts';
import { FormError } from '../forms/controls.tsx';

const when = (ms: number | null) => (ms ? shortTime(ms) : '从未');

/** 预警订阅源: feeds with their state (last poll, last message, errors), and the senders trusted to publish by themselves. */
export default function CapFeeds() {
  const account = useAccount();
  const [state, setState] = useState<State | null>(null);
  const { run, error, setError } = useActionStatus();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [sender, setSender] = useState('');
  const [exempt, setExempt] = useState(false);
  const load = () => call(capApi.feeds.$get()).then(setState);
  useEffect(() => {
    if (!can(account, 'admin')) return;
    void load().catch(() => setError('暂时无法载入订阅源，请刷新页面。'));
    const timer = setInterval(() => void load().catch(() => undefined), 15_000);
    return () => clearInterval(timer);
  }, [account]);
  const act = (action: () => Promise<unknown>) => run(action, undefined, load);
  if (!account) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(account, 'admin')) return <p class="notice">只有管理员可以设置预警订阅源。</p>;
  if (!state) return <p aria-live="polite">正在载入……</p>;
  return (
    <div class="cap-feeds">
      <FormError message={error} />
      <section aria-labelledby="feeds-title">
        <h2 id="feeds-title">订阅源</h2>
        {state.feeds.length === 0 && <p class="muted">还没有订阅源。</p>}
        <ul class="admin-warning-list">
          {state.feeds.map((f) => (
            <li class="card" key={f.id}>
              <p>
                <strong>{f.name}</strong> {f.enabled ? '' : '（已停用）'}
                <br />
                <code>{f.url}</code>
              </p>
              <dl class="preview-facts">
                <dt>上次检查</dt>
                <dd>{when(f.lastPollAt)}</dd>
                <dt>上次成功</dt>
                <dd>{when(f.lastOkAt)}</dd>
                <dt>上次收到新消息</dt>
                <dd>{when(f.lastMessageAt)}</dd>
                <dt>状态</dt>
                <dd>
                  {f.lastError ? (
                    <span class="field-error">
                      {f.lastError}（连续失败 {f.failures} 次，{shortTime(f.nextPollAt)} 再试）
                    </span>
                  ) : (
                    '正常'
                  )}
                </dd>
              </dl>
              <div class="wf-actions">
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void act(() => call(capApi.feeds[':id'].$put({ param: { id: String(f.id) }, json: { enabled: !f.enabled } })))
                  }
                >
                  {f.enabled ? '停用' : '启用'}
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => void act(() => call(capApi.feeds[':id'].$delete({ param: { id: String(f.id) } })))}
                >
                  删除
                </button>
              </div>
            </li>
          ))}
        </ul>
        <ActionForm
          class="admin-form warning-form"
          onSubmit={() =>
            void act(() => call(capApi.feeds.$post({ json: preValidate(capFeedSchema, { url, name }) }))).then(
              (added) => added && setUrl(''),
            )
          }
        >
          <h3>添加订阅源</h3>
          <p class="muted">
            只能添加允许的来源：{state.allowlist.length ? state.allowlist.join('、') : '（未设置，请运维人员配置 CAP_FEED_ALLOWLIST）'}
            。支持 CAP 消息的 Atom、RSS 订阅源，以及存放 CAP 文件的 HTTPS 目录。
          </p>
          <div class="wf-field">
            <label for="feed-name">名称</label>
            <input
              id="feed-name"
              required
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              placeholder="例：江苏省突发事件预警信息发布中心"
            />
          </div>
          <div class="wf-field">
            <label for="feed-url">地址（https://）</label>
            <input id="feed-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          </div>
          <div class="wf-actions">
            <button type="submit">添加</button>
          </div>
        </ActionForm>
      </section>
      <section aria-labelledby="trusted-title">
        <h2 id="trusted-title">可信发布单位（自动发布）</h2>
        <p class="muted">
          这些发布单位（CAP
          sender）的消息不经人工直接发布，规则与人工发布相同：红色预警和发往全市的预警仍须一位发布员审核（四眼原则），除非在此豁免。每次更改都记入审计日志。
        </p>
        <ul>
          {state.trusted.map((t) => (
            <li key={t.sender}>
              <code>{t.sender}</code> {t.exemptTwoPerson ? '（红色和全市预警也自动发布）' : ''}{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => void act(() => call(capApi['trusted-senders'].$put({ json: { sender: t.sender, trusted: false } })))}
              >
                取消信任
              </button>
            </li>
          ))}
        </ul>
        <ActionForm
          class="admin-form warning-form"
          onSubmit={() =>
            void act(() =>
              call(
                capApi['trusted-senders'].$put({
                  json: preValidate(trustedSenderSchema, { sender, trusted: true, exemptTwoPerson: exempt }),
                }),
              ),
            ).then((trusted) => trusted && setSender(''))
          }
        >
          <div class="wf-field">
            <label for="trust-sender">发布单位标识（CAP sender，与消息中完全一致）</label>
            <input id="trust-sender" required value={sender} onInput={(e) => setSender(e.currentTarget.value)} />
          </div>
          <label>
            <input type="checkbox" checked={exempt} onChange={(e) => setExempt(e.currentTarget.checked)} />{' '}
            红色预警和全市预警也不经审核直接发布（豁免四眼原则）
          </label>
          <div class="wf-actions">
            <button type="submit">设为可信</button>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
