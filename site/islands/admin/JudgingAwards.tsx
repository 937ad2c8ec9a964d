import { useEffect, useState } from 'preact/hooks';
import type { Campaign, RankedIdeaRow } from '#api/ideas/campaign-contract.ts';
import { call } from '#site/lib/api-client.ts';
import ConfirmDialog from '../ConfirmDialog.tsx';
import Field from '../forms/Field.tsx';
import { ActionStatus, useActionStatus } from './action-status.tsx';
import { adminIdeasClient, campaignClient } from './ideas-api.ts';

/** For admins (reloaded when `version` changes): the ranking, award decisions (a reason wherever they depart from it), feedback and the announcement. */
export default function JudgingAwards({ campaign, version, onChange }: { campaign: Campaign; version: number; onChange: () => void }) {
  const [rows, setRows] = useState<RankedIdeaRow[]>([]);
  const awards = usePerIdea();
  const reasons = usePerIdea();
  const feedback = usePerIdea();
  const { run: runAction, message, error } = useActionStatus();
  const [announcing, setAnnouncing] = useState(false);
  const param = { id: String(campaign.id) };
  const name = (code: string | null) => campaign.awards.find((a) => a.code === code)?.name ?? '无';
  const open = campaign.phase === 'judging';

  useEffect(() => {
    call(campaignClient.ranking.$get({ param })).then(
      (r) => {
        setRows(r.ranking);
        awards.fill(r.ranking, (x) => x.award);
        reasons.fill(r.ranking, (x) => x.awardReason);
        feedback.fill(r.ranking, (x) => x.panelFeedback);
      },
      () => undefined,
    );
  }, [campaign.id, version]);

  const run = (action: () => Promise<unknown>, done: string, refresh = true) => runAction(action, done, refresh ? onChange : undefined);
  const saveAwards = () => call(campaignClient.awards.$put({ param, json: { assignments } }));
  const assignments = rows.map((r) => ({
    ideaId: r.ideaId,
    award: awards.of(r.ideaId) || null,
    ...(reasons.of(r.ideaId).trim() ? { reason: reasons.of(r.ideaId).trim() } : {}),
  }));
  const useSuggestion = () => awards.fill(rows, (r) => r.suggestedAward);

  return (
    <section aria-labelledby="awards-title">
      <h2 id="awards-title">排名与评奖（管理员）</h2>
      <p>
        综合得分 =
        各评委加权平均分的平均；五位及以上评委打分时去掉一个最高分和一个最低分。奖项与排名建议不一致时必须写明理由，并记入审计日志。{' '}
        <a href={`/api/admin/campaigns/${campaign.id}/scores.csv`} download>
          导出全部评分（CSV）
        </a>
      </p>
      <ActionStatus message={message} error={error} />
      {rows.length === 0 && <p>还没有入围的金点子。</p>}
      <ol class="moderation-list">
        {rows.map((r) => {
          const departs = (awards.of(r.ideaId) || null) !== r.suggestedAward;
          return (
            <li key={r.ideaId} class="card">
              <h3>
                {r.rank ? `第 ${r.rank} 名` : '未评分'} · #{r.ideaId} {r.title}
              </h3>
              <p>
                综合 {r.score?.toFixed(2) ?? '—'} 分（{r.judgeCount} 位评委）· 按排名建议：{name(r.suggestedAward)}
              </p>
              <div class="admin-form">
                <Field id={`award-${r.ideaId}`} label="奖项">
                  {(p) => (
                    <select {...p} disabled={!open} {...awards.control(r.ideaId)}>
                      <option value="">无</option>
                      {campaign.awards.map((a) => (
                        <option key={a.code} value={a.code}>
                          {a.name}（{a.count} 名）
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {departs && (
                  <Field id={`reason-${r.ideaId}`} label="与排名不一致的理由（必填）">
                    {(p) => <input {...p} disabled={!open} {...reasons.control(r.ideaId)} />}
                  </Field>
                )}
                <Field id={`feedback-${r.ideaId}`} label="评审组公开反馈（提交人查询进度时可见，也显示在金点子页面）">
                  {(p) => <textarea {...p} rows={2} maxLength={500} {...feedback.control(r.ideaId)} />}
                </Field>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void run(
                      () =>
                        call(
                          adminIdeasClient[':id{[0-9]+}'].feedback.$put({
                            param: { id: String(r.ideaId) },
                            json: { panelFeedback: feedback.of(r.ideaId) },
                          }),
                        ),
                      `已保存 #${r.ideaId} 的反馈。`,
                      false,
                    )
                  }
                >
                  保存 #{r.ideaId} 的反馈
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {open && rows.length > 0 && (
        <p class="actions">
          <button type="button" class="secondary" onClick={useSuggestion}>
            按排名建议填入奖项
          </button>
          <button type="button" onClick={() => void run(saveAwards, '奖项已保存，尚未公布。', false)}>
            保存奖项
          </button>
          <button type="button" onClick={() => setAnnouncing(true)}>
            公布评选结果
          </button>
        </p>
      )}
      {announcing && (
        <ConfirmDialog
          title={`公布“${campaign.title}”的评选结果？`}
          confirmLabel="确认公布"
          onConfirm={() => {
            setAnnouncing(false);
            void run(async () => {
              // What is on screen is what gets announced.
              await saveAwards();
              await call(campaignClient.announce.$post({ param }));
            }, '评选结果已公布。');
          }}
          onClose={() => setAnnouncing(false)}
        >
          <p>将按页面上的奖项公布结果。公布后奖项不能再修改，获奖名单会在评选结果页面公开。</p>
        </ConfirmDialog>
      )}
      {campaign.phase === 'announced' && (
        <p>
          结果已公布：<a href={`/ideas/results/?campaign=${campaign.id}`}>查看评选结果页面</a>
        </p>
      )}
    </section>
  );
}

/** A text the admin edits for each ranked idea (its award, the reason, the panel's feedback), kept by idea id. */
function usePerIdea() {
  const [values, setValues] = useState<Record<number, string>>({});
  return {
    of: (id: number) => values[id] ?? '',
    /** Sets every idea's text from the ranking (none is ''). */
    fill: (rows: RankedIdeaRow[], pick: (r: RankedIdeaRow) => string | null) =>
      setValues(Object.fromEntries(rows.map((r) => [r.ideaId, pick(r) ?? '']))),
    /** The value and input handler of the control that edits idea `id`'s text. */
    control: (id: number) => ({
      value: values[id] ?? '',
      onInput: (e: Event) => {
        const value = (e.currentTarget as HTMLInputElement).value;
        setValues((old) => ({ ...old, [id]: value }));
      },
    }),
  };
}
