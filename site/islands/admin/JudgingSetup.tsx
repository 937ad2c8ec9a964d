import { useEffect, useState } from 'preact/hooks';
import type { Campaign, Judge } from '#api/ideas/campaign-contract.ts';
import type { StaffIdea } from '#api/ideas/contract.ts';
import { call } from '#site/lib/api-client.ts';
import { supportText } from '../ideas/format.ts';
import { ActionStatus, useActionStatus } from './action-status.tsx';
import { adminIdeasClient, campaignClient } from './ideas-api.ts';
import AdminTable from './AdminTable.tsx';

/** For admins: seat the judges and choose the shortlist (入围) from the published ideas. */
export default function JudgingSetup({ campaign, onChange }: { campaign: Campaign; onChange: () => void }) {
  const [judges, setJudges] = useState<Judge[]>([]);
  const [ideas, setIdeas] = useState<StaffIdea[]>([]);
  const { run: runAction, message, error, setError } = useActionStatus();
  const param = { id: String(campaign.id) };
  const locked = campaign.phase === 'announced';
  const reload = () =>
    Promise.all([
      call(campaignClient.judges.$get({ param })).then((r) => setJudges(r.judges)),
      call(adminIdeasClient.index.$get({ query: { campaign: param.id, view: 'published' } })).then((r) => setIdeas(r.ideas)),
    ]).catch(() => setError('加载失败，请刷新页面。'));
  useEffect(() => void reload(), [campaign.id]);

  const run = (action: () => Promise<unknown>, done: string) =>
    void runAction(action, done, async () => {
      await reload();
      onChange();
    });
  const saveJudges = (e: Event) => {
    e.preventDefault();
    const accountIds = new FormData(e.currentTarget as HTMLFormElement).getAll('judge').map(Number);
    run(() => call(campaignClient.judges.$put({ param, json: { accountIds } })), `已指派 ${accountIds.length} 位评委。`);
  };
  const shortlist = (idea: StaffIdea, on: boolean) =>
    run(
      () => call(campaignClient.shortlist.$put({ param, json: { ideaIds: [idea.id], shortlisted: on } })),
      on ? `#${idea.id} 已入围。` : `#${idea.id} 已取消入围。`,
    );

  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title">评审准备（管理员）</h2>
      <ActionStatus message={message} error={error} />
      <form class="admin-form" onSubmit={saveJudges}>
        <fieldset disabled={locked}>
          <legend>评委（拥有“金点子评委”角色的账号）</legend>
          {judges.length === 0 && <p>还没有评委账号，请先在账号管理中给评委分配角色。</p>}
          {judges.map((j) => (
            <label key={j.id} class="inline">
              <input type="checkbox" name="judge" value={j.id} defaultChecked={j.assigned} /> {j.displayName}（{j.username}）
              {j.scored ? `，已打分 ${j.scored} 条` : ''}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={locked}>
          保存评委名单
        </button>
      </form>
      <h3>入围名单</h3>
      <p>
        从已公开的金点子中选择入围评审的条目（共 {ideas.length} 条已公开，{ideas.filter((i) => i.shortlisted).length} 条已入围）。
      </p>
      <AdminTable columns={['金点子', '支持', '入围']}>
        {ideas.map((i) => (
          <tr key={i.id}>
            <td class="wrap">
              #{i.id} {i.title}
            </td>
            <td>{supportText(i)}</td>
            <td>
              <button type="button" class="secondary" disabled={locked} onClick={() => shortlist(i, !i.shortlisted)}>
                {i.shortlisted ? `取消入围 #${i.id}` : `入围 #${i.id}`}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
