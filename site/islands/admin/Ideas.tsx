import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Campaign } from '#api/ideas/campaign-contract.ts';
import type { ModerationAction, queueQuerySchema, StaffIdea } from '#api/ideas/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { adminIdeasClient, campaignsClient } from './ideas-api.ts';
import '../ideas/admin.css';
import { ActionStatus, useActionStatus } from './action-status.tsx';
import IdeasItem from './IdeasItem.tsx';
import IdeasWords from './IdeasWords.tsx';
import { can, useAccount } from './session.ts';
import { OptionList } from '../forms/controls.tsx';

/** Which ideas the queue shows. */
type View = NonNullable<z.input<typeof queueQuerySchema>['view']>;

const VIEWS: Array<[View, string]> = [
  ['pending', '待审核'],
  ['flagged', '待审核中被标记的'],
  ['reported', '有未处理举报的'],
  ['published', '已公开'],
  ['hidden', '已隐藏'],
  ['rejected', '未通过'],
  ['duplicate', '重复'],
  ['all', '全部'],
];

const viewOf = (value: string): View => VIEWS.find(([v]) => v === value)?.[0] ?? 'pending';

/** The moderation queue: filter, act on one idea or many at once; every action is audited. */
export default function Ideas() {
  const me = useAccount();
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [filter, setFilter] = useState<{ campaign: string; view: View; page: number }>({ campaign: '', view: 'pending', page: 1 });
  const [data, setData] = useState<{ ideas: StaffIdea[]; hasMore: boolean } | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulkReason, setBulkReason] = useState('');
  const { run, message, error, setError } = useActionStatus();

  const reload = () => {
    const query = { view: filter.view, page: String(filter.page), ...(filter.campaign ? { campaign: filter.campaign } : {}) };
    return call(adminIdeasClient.index.$get({ query })).then(setData);
  };
  useEffect(() => {
    if (!can(me, 'moderator')) return;
    call(campaignsClient.index.$get()).then(
      (r) => setCampaigns(r.campaigns),
      () => undefined,
    );
  }, [me]);
  useEffect(() => {
    if (!can(me, 'moderator')) return;
    setSelected(new Set());
    reload().catch((e: unknown) => setError(e instanceof ApiRequestError ? e.message : '加载失败。'));
  }, [me, filter]);

  const act = (ids: number[], action: ModerationAction, extra: { reason?: string; duplicateOf?: number }) =>
    run(
      () => call(adminIdeasClient.actions.$post({ json: { ids, action, ...extra } })),
      (r) => {
        const done = r.results.filter((x) => x.ok).map((x) => `#${x.id}`);
        const skipped = r.results.filter((x) => !x.ok).map((x) => `#${x.id}`);
        return `已处理 ${done.join('、')}${skipped.length ? `；${skipped.join('、')} 的状态不适用，未处理` : ''}。`;
      },
      reload,
    );

  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'moderator')) return <p class="notice">只有金点子审核员和管理员可以审核金点子。</p>;
  const ids = [...selected];
  return (
    <div>
      {can(me, 'admin') && (
        <p>
          <a href="/admin/campaigns/">管理征集活动</a> · <a href="/admin/judging/">入围、评委与评奖</a> ·{' '}
          <a href={`/api/admin/ideas/export.csv${filter.campaign ? `?campaign=${filter.campaign}` : ''}`} download>
            导出金点子（CSV，含联系方式，操作会记入审计日志）
          </a>
        </p>
      )}
      <form class="admin-form" aria-label="筛选" onSubmit={(e) => e.preventDefault()}>
        <label for="q-campaign">征集活动</label>
        <select
          id="q-campaign"
          value={filter.campaign}
          onChange={(e) => setFilter({ ...filter, page: 1, campaign: (e.currentTarget as HTMLSelectElement).value })}
        >
          <OptionList options={[['', '全部活动'], ...campaigns.map((c) => [String(c.id), c.title] as const)]} />
        </select>
        <label for="q-view">显示</label>
        <select
          id="q-view"
          value={filter.view}
          onChange={(e) => setFilter({ ...filter, page: 1, view: viewOf((e.currentTarget as HTMLSelectElement).value) })}
        >
          <OptionList options={VIEWS} />
        </select>
      </form>
      <ActionStatus message={message} error={error} />
      <section class="card" aria-labelledby="bulk-title">
        <h2 id="bulk-title">批量处理（已选 {ids.length} 条）</h2>
        <div class="admin-form">
          <label for="bulk-reason">给提交人的说明（批量不通过时必填）</label>
          <input
            id="bulk-reason"
            value={bulkReason}
            onInput={(e) => setBulkReason((e.currentTarget as HTMLInputElement).value)}
            maxLength={500}
          />
        </div>
        <p class="actions">
          <button type="button" class="secondary" onClick={() => setSelected(new Set(data?.ideas.map((i) => i.id)))}>
            全选本页
          </button>{' '}
          {(['publish', 'reject', 'hide'] as const).map((a) => (
            <button
              key={a}
              type="button"
              disabled={!ids.length}
              onClick={() => void act(ids, a, bulkReason.trim() ? { reason: bulkReason.trim() } : {})}
            >
              {{ publish: '公开所选', reject: '所选不通过', hide: '隐藏所选' }[a]}
            </button>
          ))}
        </p>
      </section>
      {data && (
        <p>
          本页 {data.ideas.length} 条{data.ideas.length === 0 ? '，没有需要处理的金点子。' : '。'}
        </p>
      )}
      <ul class="moderation-list" aria-label="金点子">
        {data?.ideas.map((i) => (
          <IdeasItem
            key={i.id}
            idea={i}
            selected={selected.has(i.id)}
            onSelect={(on) => setSelected((s) => new Set(on ? [...s, i.id] : [...s].filter((x) => x !== i.id)))}
            onAct={act}
          />
        ))}
      </ul>
      {data?.hasMore && (
        <button type="button" class="secondary" onClick={() => setFilter({ ...filter, page: filter.page + 1 })}>
          下一页
        </button>
      )}
      <IdeasWords canEdit={can(me, 'admin')} />
    </div>
  );
}
