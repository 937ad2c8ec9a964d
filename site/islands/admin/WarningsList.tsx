import type { AdminWarning } from './warnings-client.ts';
import { areaText, shortTime } from '../warnings/format.ts';

/** What a publisher can do from the lists. */
export interface ListActions {
  onEdit: (w: AdminWarning) => void;
  onPublish: (w: AdminWarning) => void;
  onUpdate: (w: AdminWarning) => void;
  onCancel: (w: AdminWarning, allClear: boolean) => void;
  onDelivery: (w: AdminWarning) => void;
  onApprove: (w: AdminWarning) => void;
}

function stateOf(w: AdminWarning): string {
  if (w.state === 'draft') return w.approval?.required ? '草稿 · 待审核' : '草稿';
  if (w.msgType === 'Cancel') return w.ending === 'cancel' ? '取消通知（发布有误）' : '解除通知';
  return w.stateName;
}

/** A button whose name says which warning it acts on, for screen-reader users moving between buttons. */
function Act({ label, w, onClick, primary = false }: { label: string; w: AdminWarning; onClick: () => void; primary?: boolean }) {
  return (
    <button type="button" class={primary ? undefined : 'secondary'} onClick={onClick}>
      {label}
      <span class="visually-hidden">
        ：{w.title}（编号 {w.id}）
      </span>
    </button>
  );
}

function Item({ w, a }: { w: AdminWarning; a: ListActions }) {
  const live = w.state === 'published' && w.active;
  return (
    <li class="card admin-warning">
      <p class="aw-state">
        {/* An event that is over keeps no level colour: it no longer asks anything of anyone. */}
        {!w.ending && <span class={`level level-${w.level}`}>{w.levelName}</span>} <strong>{stateOf(w)}</strong>
        {w.status !== 'Actual' && <strong class="drill-tag">{w.statusName}</strong>}
      </p>
      <p class="aw-title">{w.state === 'published' ? <a href={w.url}>{`${w.title} ${w.headline}`}</a> : `${w.title} ${w.headline}`}</p>
      <p class="muted aw-meta">
        {areaText(w)} · {w.sent ? `发布于 ${shortTime(w.sent)}` : `生效时间 ${shortTime(w.effective)}`}
        {!w.ending && ` · 有效期至 ${shortTime(w.expires)}`}
      </p>
      {w.state === 'draft' && w.approval?.required && (
        <p class="aw-approval">
          {w.msgType === 'Update' ? '这是一条更新，' : w.msgType === 'Cancel' ? '这是一条解除/取消通知，' : ''}
          须由起草人以外的另一位发布员审核后才能发布（四眼原则）。
          {w.approval.approvers.length
            ? `可以审核的人：${w.approval.approvers.join('、')}。`
            : '目前没有其他可以审核的发布员，请联系管理员。'}
          {w.author ? `起草人：${w.author}。` : ''}
        </p>
      )}
      <div class="wf-actions">
        {w.state === 'draft' && (
          <>
            <Act label="编辑" w={w} onClick={() => a.onEdit(w)} />
            {w.approval?.required ? (
              <Act label="查看并审核" w={w} onClick={() => a.onApprove(w)} primary />
            ) : (
              <Act label="发布" w={w} onClick={() => a.onPublish(w)} primary />
            )}
          </>
        )}
        {live && (
          <>
            <Act label="更新" w={w} onClick={() => a.onUpdate(w)} primary />
            <Act label="解除" w={w} onClick={() => a.onCancel(w, true)} />
            <Act label="取消" w={w} onClick={() => a.onCancel(w, false)} />
          </>
        )}
        {w.state === 'published' && <Act label="推送进度" w={w} onClick={() => a.onDelivery(w)} />}
      </div>
    </li>
  );
}

/** The publisher's lists: live warnings, drafts, and recent messages that are no longer live. */
export default function WarningsList({ items, actions }: { items: AdminWarning[]; actions: ListActions }) {
  const live = items.filter((w) => w.state === 'published' && w.active);
  const drafts = items.filter((w) => w.state === 'draft');
  const past = items.filter((w) => w.state === 'published' && !w.active);
  const group = (id: string, title: string, list: AdminWarning[], empty: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {list.length ? (
        <ul class="admin-warning-list" aria-labelledby={id}>
          {list.map((w) => (
            <Item key={w.id} w={w} a={actions} />
          ))}
        </ul>
      ) : (
        <p class="muted">{empty}</p>
      )}
    </section>
  );
  return (
    <>
      {group('live-title', `正在生效（${live.length}）`, live, '现在没有正在生效的预警。')}
      {group('drafts-title', `草稿（${drafts.length}）`, drafts, '没有草稿。')}
      {group('past-title', '最近的消息', past.slice(0, 20), '还没有已结束的消息。')}
    </>
  );
}
