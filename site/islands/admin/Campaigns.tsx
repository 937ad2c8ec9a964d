import { ActionStatus, useActionStatus } from './action-status.tsx';
import { useEffect, useState } from 'preact/hooks';
import type { StaffCampaign } from '#api/ideas/campaign-contract.ts';
import { PHASE_LABELS } from '#api/ideas/labels.ts';
import { call } from '#site/lib/api-client.ts';
import '../ideas/admin.css';
import ConfirmDialog from '../ConfirmDialog.tsx';
import CampaignsForm, { draftOf, newDraft, type CampaignDraft } from './CampaignsForm.tsx';
import { campaignClient, campaignsClient } from './ideas-api.ts';
import { can, useAccount } from './session.ts';
import AdminTable from './AdminTable.tsx';

const day = (ms: number) => new Date(ms).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** 金点子 campaigns for admins: list, create, edit, close collection early. */
export default function Campaigns() {
  const me = useAccount();
  const [list, setList] = useState<StaffCampaign[]>([]);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { run: runAction, message, error, setError } = useActionStatus();
  const [closing, setClosing] = useState<StaffCampaign | null>(null);

  const reload = () => call(campaignsClient.index.$get()).then((r) => setList(r.campaigns));
  useEffect(() => {
    if (can(me, 'admin')) reload().catch(() => setError('加载失败，请刷新页面。'));
  }, [me]);

  const run = (action: () => Promise<unknown>, done: string) =>
    runAction(action, done, async () => {
      setEditing(null);
      await reload();
    });
  const save = (id: number | 'new') => (d: CampaignDraft) =>
    void run(
      () =>
        id === 'new' ? call(campaignsClient.index.$post({ json: d })) : call(campaignClient.$put({ param: { id: String(id) }, json: d })),
      id === 'new' ? `已创建征集活动“${d.title}”。` : `已保存“${d.title}”。`,
    );

  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'admin')) return <p class="notice">只有管理员可以管理征集活动。</p>;
  return (
    <div>
      <p>
        <a href="/admin/ideas/">金点子审核</a> · <a href="/admin/judging/">入围、评委与评奖</a>
      </p>
      <ActionStatus message={message} error={error} />
      <AdminTable caption="全部征集活动" columns={['活动', '阶段', '征集时间', '待审核 / 已公开', '操作']}>
        {list.map((c) => (
          <tr key={c.id}>
            <td class="wrap">{c.title}</td>
            <td>{PHASE_LABELS[c.phase]}</td>
            <td>
              {day(c.collectStartsAt)}–{day(c.collectEndsAt)}
            </td>
            <td>
              {c.counts['pending'] ?? 0} / {c.counts['published'] ?? 0}
            </td>
            <td>
              <div class="actions">
                {c.phase !== 'announced' && (
                  <button
                    type="button"
                    class="secondary"
                    aria-expanded={editing === c.id}
                    onClick={() => setEditing(editing === c.id ? null : c.id)}
                  >
                    编辑“{c.title}”
                  </button>
                )}
                {c.phase === 'collecting' && (
                  <button type="button" class="secondary" onClick={() => setClosing(c)}>
                    结束征集“{c.title}”
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </AdminTable>
      {list
        .filter((c) => c.id === editing)
        .map((c) => (
          <section key={c.id} aria-labelledby="edit-campaign">
            <h2 id="edit-campaign">编辑“{c.title}”</h2>
            <CampaignsForm
              initial={draftOf(c)}
              criteriaLocked={(c.counts['scores'] ?? 0) > 0}
              submitLabel="保存修改"
              onSubmit={save(c.id)}
            />
          </section>
        ))}
      <h2>新建征集活动</h2>
      {editing === 'new' ? (
        <CampaignsForm initial={newDraft(Date.now())} criteriaLocked={false} submitLabel="创建活动" onSubmit={save('new')} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          新建征集活动
        </button>
      )}
      {closing && (
        <ConfirmDialog
          title={`结束“${closing.title}”的征集？`}
          confirmLabel="结束征集，进入评审"
          onConfirm={() => {
            const c = closing;
            setClosing(null);
            void run(() => call(campaignClient.close.$post({ param: { id: String(c.id) } })), `“${c.title}”已结束征集，进入评审。`);
          }}
          onClose={() => setClosing(null)}
        >
          <p>结束后市民不能再提交和支持金点子，活动进入评审阶段。此操作不能撤销。</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
