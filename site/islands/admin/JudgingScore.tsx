import { useState } from 'preact/hooks';
import type { Campaign } from '#api/ideas/campaign-contract.ts';
import type { SheetIdea } from '#api/ideas/campaign-contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import ConfirmDialog from '../ConfirmDialog.tsx';
import Field from '../forms/Field.tsx';
import { supportText } from '../ideas/format.ts';
import IdeaFullText from './IdeaFullText.tsx';
import { campaignClient } from './ideas-api.ts';

/** Props: the campaign (its criteria), one idea of the sheet, and what to do once scored. */
interface Props {
  campaign: Campaign;
  idea: SheetIdea;
  onScored: () => void;
}

const POINTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** One shortlisted idea on a judge's sheet: its text, then a score form or the submitted scores. */
export default function JudgingScore({ campaign, idea, onScored }: Props) {
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const names = campaign.criteria;

  // A score is final once submitted, so the form only asks; the dialog shows what will be sent.
  const ask = (e: Event) => {
    e.preventDefault();
    setError('');
    if (names.some((k) => !scores[k.key])) return setError(`请为每项标准打分：${names.map((k) => k.name).join('、')}。`);
    setConfirming(true);
  };
  const submit = async () => {
    setBusy(true);
    try {
      const param = { id: String(campaign.id), ideaId: String(idea.id) };
      await call(campaignClient.judging[':ideaId{[0-9]+}'].$post({ param, json: { scores, comment } }));
      setConfirming(false);
      onScored();
    } catch (err) {
      setConfirming(false);
      setError(err instanceof ApiRequestError ? err.message : '提交失败，请稍后再试。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card" aria-labelledby={`sheet-${idea.id}`}>
      <h3 id={`sheet-${idea.id}`}>
        #{idea.id} {idea.title}
      </h3>
      <IdeaFullText idea={idea} />
      <p class="muted">
        {idea.theme} · 署名：{idea.displayName ?? '匿名'} · {supportText(idea)}
      </p>
      {idea.mine ? (
        <div>
          <p>
            <strong>我的评分</strong>：{names.map((k) => `${k.name} ${idea.mine?.scores[k.key]}`).join('，')}；加权{' '}
            {idea.mine.weighted.toFixed(2)} 分。
            {idea.mine.comment && <>意见：{idea.mine.comment}</>}
          </p>
          <p>
            其他评委：
            {idea.others?.length
              ? idea.others
                  .map((o) => `${o.label} ${o.weighted.toFixed(2)} 分（${names.map((k) => `${k.name} ${o.scores[k.key]}`).join('，')}）`)
                  .join('；')
              : '暂无'}
          </p>
        </div>
      ) : campaign.phase !== 'judging' ? (
        <p class="muted">评审阶段才能打分。</p>
      ) : (
        <form class="admin-form" onSubmit={ask}>
          <div class="score-grid">
            {names.map((k) => (
              <label key={k.key} for={`s-${idea.id}-${k.key}`}>
                {k.name}（权重 {k.weight}%）
                <select
                  id={`s-${idea.id}-${k.key}`}
                  value={scores[k.key] ?? ''}
                  onChange={(e) => setScores({ ...scores, [k.key]: Number((e.currentTarget as HTMLSelectElement).value) })}
                >
                  <option value="">请打分</option>
                  {POINTS.map((p) => (
                    <option key={p} value={p}>
                      {p} 分
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <Field id={`c-${idea.id}`} label="评审意见（只有管理员能看到，可选）">
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={1000}
                value={comment}
                onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
              />
            )}
          </Field>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit">提交对 #{idea.id} 的评分</button>
          {confirming && (
            <ConfirmDialog
              title={`确认对 #${idea.id} 的评分？`}
              confirmLabel="确认提交，不再修改"
              cancelLabel="返回修改"
              busy={busy}
              onConfirm={() => void submit()}
              onClose={() => setConfirming(false)}
            >
              <p>{names.map((k) => `${k.name} ${scores[k.key]} 分`).join('，')}。</p>
              {comment.trim() && <p>评审意见：{comment.trim()}</p>}
              <p>
                <strong>评分提交后就是最终结果，不能修改。</strong>
              </p>
            </ConfirmDialog>
          )}
        </form>
      )}
    </li>
  );
}
