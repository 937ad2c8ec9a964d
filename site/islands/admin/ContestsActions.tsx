import { ActionStatus, useActionStatus } from './action-status.tsx';
import { useState } from 'preact/hooks';
import { contestPatchSchema, extendSchema, extraTimeSchema, type ContestDetail } from '#api/contests/contract.ts';
import {
  CERTIFICATE_RULE_NAMES,
  NAME_DISPLAY_NAMES,
  REVEAL_NAMES,
  TEAM_SCORING_NAMES,
  type CertificateRule,
  type NameDisplay,
} from '#api/contests/labels.ts';
import { fromLocalInput, toLocalInput } from '#api/domain/clock.ts';
import { call } from '#site/lib/api-client.ts';
import { adminContestApi, checked } from '../contest/contest-api.ts';
import { Choice } from './ContestsFields.tsx';

/** Close early, extend, extra time for a named participant (WCAG 2.2.1), and display settings. */
export default function ContestsActions({ contest: c, onChanged }: { contest: ContestDetail; onChanged(): void }) {
  const { run: runAction, message, error } = useActionStatus();
  const run = (action: () => Promise<unknown>, done: string) => runAction(action, done, onChanged);
  const api = adminContestApi[':id'];
  const param = { id: String(c.id) };
  const form = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    return (k: string) => String(f.get(k) ?? '').trim();
  };
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">管理竞赛</h2>
      <ActionStatus message={message} error={error} />
      {c.status !== 'closed' && (
        <ConfirmStep
          label="提前结束竞赛"
          consequence="提前结束后，正在答题的人会立即按已保存的答案交卷。"
          confirmLabel="确定提前结束"
          onConfirm={() => run(() => call(api.close.$post({ param })), '竞赛已结束。')}
        />
      )}
      <form
        class="admin-form"
        onSubmit={(e) => {
          const v = form(e);
          void run(
            () => call(api.extend.$post({ param, json: checked(extendSchema, { closesAt: fromLocalInput(v('closesAt')) }) })),
            '结束时间已更新。',
          );
        }}
      >
        <label for="a-closes">延长（或重新开放）到（北京时间）</label>
        <input
          id="a-closes"
          name="closesAt"
          type="datetime-local"
          required
          defaultValue={toLocalInput(Math.max(c.closesAt, Date.now()) + 3600_000)}
        />
        <button type="submit">更改结束时间</button>
      </form>
      <form
        class="admin-form"
        onSubmit={(e) => {
          const v = form(e);
          const body = { name: v('name'), team: v('team'), minutes: Number(v('minutes')) };
          void run(
            () => call(api['extra-time'].$post({ param, json: checked(extraTimeSchema, body) })),
            `已为 ${body.name} 设置额外时间 ${body.minutes} 分钟（已加入的会立即生效，未加入的加入时生效）。`,
          );
        }}
      >
        <h3>为参赛者增加答题时间</h3>
        <p class="muted">有阅读困难、视力障碍等需要的参赛者，可以单独多给时间。</p>
        <label for="x-name">姓名</label>
        <input id="x-name" name="name" required maxLength={20} />
        {c.teamMode !== 'none' && (
          <>
            <label for="x-team">队伍</label>
            {c.teamMode === 'list' ? (
              <select id="x-team" name="team" required>
                {c.teams.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            ) : (
              <input id="x-team" name="team" required maxLength={30} />
            )}
          </>
        )}
        <label for="x-minutes">额外分钟数</label>
        <input id="x-minutes" name="minutes" type="number" min={0} max={180} required defaultValue="10" />
        <button type="submit">增加时间</button>
      </form>
      <form
        class="admin-form"
        onSubmit={(e) => {
          const v = form(e);
          const patch = {
            nameDisplay: v('nameDisplay') as NameDisplay,
            revealAnswers: v('revealAnswers') as ContestDetail['revealAnswers'],
            teamScoring: v('teamScoring') as ContestDetail['teamScoring'],
            teamBestN: Number(v('teamBestN')),
            honourTop: Number(v('honourTop')),
            certificateRule: v('certificateRule') as CertificateRule,
            passScore: Number(v('passScore')),
          };
          void run(() => call(api.$patch({ param, json: checked(contestPatchSchema, patch) })), '显示设置已保存。');
        }}
      >
        <h3>显示设置</h3>
        <Choice legend="公开排行榜上的姓名" name="nameDisplay" options={Object.entries(NAME_DISPLAY_NAMES)} value={c.nameDisplay} />
        <Choice legend="正确答案和解析" name="revealAnswers" options={Object.entries(REVEAL_NAMES)} value={c.revealAnswers} />
        <Choice legend="队伍排名方式" name="teamScoring" options={Object.entries(TEAM_SCORING_NAMES)} value={c.teamScoring} />
        <label for="s-bestn">“最好的 N 人总分”中的 N</label>
        <input id="s-bestn" name="teamBestN" type="number" min={1} max={50} defaultValue={String(c.teamBestN)} />
        <Choice
          legend="证书（交卷的人都有参与证明）"
          name="certificateRule"
          options={Object.entries(CERTIFICATE_RULE_NAMES)}
          value={c.certificateRule}
        />
        <label for="s-honour">荣誉证书名额（前几名，0 表示不发）</label>
        <input id="s-honour" name="honourTop" type="number" min={0} max={100} defaultValue={String(c.honourTop)} />
        <label for="s-pass">合格分（满分 100；名次靠前也要达到它才发荣誉证书）</label>
        <input id="s-pass" name="passScore" type="number" min={0} max={100} required defaultValue={String(c.passScore)} />
        <button type="submit">保存显示设置</button>
      </form>
      <h3>归档或删除</h3>
      {c.status === 'closed' ? (
        <p>
          {c.archivedAt ? '这个竞赛已归档，不在竞赛列表里显示。' : '归档后，竞赛列表里不再显示这场竞赛；排行榜、成绩和证书查验不受影响。'}{' '}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              void run(
                () => call(api.archive.$post({ param, json: { archived: !c.archivedAt } })),
                c.archivedAt ? '已取消归档。' : '已归档。',
              )
            }
          >
            {c.archivedAt ? '取消归档' : '归档'}
          </button>
        </p>
      ) : (
        <p class="muted">竞赛结束后可以归档。</p>
      )}
      <ConfirmStep
        label="删除竞赛"
        consequence="删除后竞赛码失效，无法恢复。只有还没有人参加的竞赛可以删除。"
        confirmLabel="确定删除"
        onConfirm={() =>
          run(async () => {
            await call(api.$delete({ param }));
            location.assign('/admin/contests/');
          }, '已删除。')
        }
      />
    </section>
  );
}

/** Props: the action's button, what it cannot undo, the confirming button's words and the action. */
interface ConfirmStepProps {
  label: string;
  consequence: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
}

/** An action that cannot be undone, asked twice in place: its button, then the consequence with 确定… and 取消. */
function ConfirmStep({ label, consequence, confirmLabel, onConfirm }: ConfirmStepProps) {
  const [open, setOpen] = useState(false);
  return open ? (
    <p>
      {consequence}{' '}
      <button type="button" onClick={() => void onConfirm().then(() => setOpen(false))}>
        {confirmLabel}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        取消
      </button>
    </p>
  ) : (
    <p>
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {label}
      </button>
    </p>
  );
}
