import { useState } from 'preact/hooks';
import { ACTION_FROM, STATUS_LABELS } from '#api/ideas/labels.ts';
import type { ModerationAction } from '#api/ideas/contract.ts';
import type { StaffIdea } from '#api/ideas/contract.ts';
import { supportText } from '../ideas/format.ts';
import { formatStamp } from '#api/domain/clock.ts';
import Field from '../forms/Field.tsx';
import IdeaFullText from './IdeaFullText.tsx';

/** Props: the idea, whether it is selected for a bulk action, and how to act on it. */
interface Props {
  idea: StaffIdea;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onAct: (ids: number[], action: ModerationAction, extra: { reason?: string; duplicateOf?: number }) => Promise<boolean>;
}

/** One idea in the moderation queue, with its text (as text), flags, reports, contact and actions. */
export default function IdeasItem({ idea: i, selected, onSelect, onAct }: Props) {
  const [reason, setReason] = useState(i.moderationNote ?? '');
  const [original, setOriginal] = useState('');
  const act = (action: ModerationAction) =>
    void onAct([i.id], action, {
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(original ? { duplicateOf: Number(original) } : {}),
    });
  const can = (action: ModerationAction) => ACTION_FROM[action].includes(i.status);
  return (
    <li class="card" aria-labelledby={`idea-${i.id}-title`}>
      <label class="inline">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect((e.currentTarget as HTMLInputElement).checked)} /> 选中 #{i.id}
      </label>
      <h3 id={`idea-${i.id}-title`}>
        #{i.id} {i.title}
      </h3>
      <p>
        <strong>{i.hiddenByReports ? '因举报自动隐藏' : STATUS_LABELS[i.status]}</strong>
        {i.flagged && <> · ⚠ 已标记：{i.flagReasons.join('；')}</>}
        {i.openReports.length > 0 && (
          <>
            {' '}
            · ⚑ {i.openReports.length} 条举报：{i.openReports.join('；')}
          </>
        )}
      </p>
      <p class="muted">
        {i.theme} · {i.districtName} · 署名：{i.displayName ?? '匿名'} · 联系方式：{i.contact ?? (i.contactErasedAt ? '已按期删除' : '无')}{' '}
        · 提交于 {formatStamp(i.createdAt)} · {supportText(i)}
        {i.duplicateOfId ? ` · 重复于 #${i.duplicateOfId}` : ''}
      </p>
      <IdeaFullText idea={i} />
      <div class="admin-form">
        <Field id={`reason-${i.id}`} label="给提交人的说明（不通过时必填，隐藏时可选；提交人凭回执码可见）">
          {(p) => <input {...p} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} maxLength={500} />}
        </Field>
        <Field id={`original-${i.id}`} label="重复时：原金点子编号">
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={original}
              onInput={(e) => setOriginal((e.currentTarget as HTMLInputElement).value.replace(/\D/g, ''))}
            />
          )}
        </Field>
      </div>
      <p class="actions">
        {can('publish') && (
          <button type="button" onClick={() => act('publish')}>
            {i.status === 'pending' ? '通过并公开' : '恢复公开'} #{i.id}
          </button>
        )}
        {can('reject') && (
          <button type="button" class="secondary" onClick={() => act('reject')}>
            不通过 #{i.id}
          </button>
        )}
        {can('hide') && (
          <button type="button" class="secondary" onClick={() => act('hide')}>
            {i.status === 'hidden' ? '确认隐藏' : '隐藏'} #{i.id}
          </button>
        )}
        {can('duplicate') && (
          <button type="button" class="secondary" onClick={() => act('duplicate')} disabled={!original}>
            标记为重复并合并支持 #{i.id}
          </button>
        )}
      </p>
    </li>
  );
}
