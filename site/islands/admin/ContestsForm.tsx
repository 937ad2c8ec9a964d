import { useEffect, useState } from 'preact/hooks';
import {
  AUDIENCE_CODES,
  CERTIFICATE_RULE_NAMES,
  NAME_DISPLAY_NAMES,
  REVEAL_NAMES,
  TEAM_MODE_NAMES,
  TEAM_SCORING_NAMES,
  type CertificateRule,
  type NameDisplay,
} from '#api/contests/labels.ts';
import { contestInputSchema, type BankEntry, type ContestDetail, type ContestInput, type Selection } from '#api/contests/contract.ts';
import { fromLocalInput, toLocalInput } from '#api/domain/clock.ts';
import { call } from '#site/lib/api-client.ts';
import { adminContestApi, checked } from '../contest/contest-api.ts';
import { useActionStatus } from './action-status.tsx';
import ContestsMix, { DEFAULT_WEIGHTS, type Source } from './ContestsMix.tsx';
import ContestsPicker from './ContestsPicker.tsx';
import { Choice, FieldError } from './ContestsFields.tsx';
import '../contest/contest.css';
import '../contest/contest-admin.css';
import { can, useAccount } from './session.ts';

/** A contest's settings as stored and sent. */
type Setting = ContestDetail;

/** A school's unit name suggests who takes part. */
const audienceFor = (unit: string | null) => (/小学/.test(unit ?? '') ? '小学' : /中学|初中|高中/.test(unit ?? '') ? '中学' : '成人');

/** Questions per category that a mix can draw from. */
function availableByCategory(bank: BankEntry[], source: Source): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of bank) if (source === 'all' || q.reserved) out[q.category] = (out[q.category] ?? 0) + 1;
  return out;
}

/** Creating a contest in a few minutes: every setting has a sensible default. */
export default function ContestsForm() {
  const me = useAccount();
  const [now] = useState(() => Date.now());
  const [audience, setAudience] = useState<string | null>(null);
  const [mode, setMode] = useState<Selection['mode']>('mix');
  const [count, setCount] = useState(20);
  const [weights, setWeights] = useState(DEFAULT_WEIGHTS);
  const [source, setSource] = useState<Source>('reserved');
  const [picked, setPicked] = useState<string[]>([]);
  const [teamMode, setTeamMode] = useState<Setting['teamMode']>('list');
  const [teamScoring, setTeamScoring] = useState<Setting['teamScoring']>('average');
  const [rule, setRule] = useState<CertificateRule>('both');
  const { run, error, fields, busy } = useActionStatus();
  const [bank, setBank] = useState<BankEntry[] | null>(null);
  const audienceKey = audience ?? (me ? audienceFor(me.unitName) : null);
  const organiser = can(me, 'organizer');
  useEffect(() => {
    setBank(null);
    if (audienceKey && organiser)
      call(adminContestApi.bank.$get({ query: { audience: audienceKey as ContestInput['audience'] } }))
        .then((r) => setBank(r.questions))
        .catch(() => setBank(null));
  }, [audienceKey, organiser]);
  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'organizer')) return <p class="notice">只有竞赛组织者可以创建竞赛。</p>;
  const aud = audience ?? audienceFor(me.unitName);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const input: ContestInput = {
      title: text('title'),
      description: text('description'),
      opensAt: fromLocalInput(text('opensAt')),
      closesAt: fromLocalInput(text('closesAt')),
      audience: aud as ContestInput['audience'],
      selection: mode === 'mix' ? { mode, count, source, ...weights } : { mode, questionIds: picked },
      timeLimitMinutes: Number(text('timeLimitMinutes')),
      moreTimeMinutes: Number(text('moreTimeMinutes')),
      attemptsAllowed: Number(text('attemptsAllowed')),
      shuffleQuestions: f.get('shuffleQuestions') === 'on',
      shuffleOptions: f.get('shuffleOptions') === 'on',
      revealAnswers: text('revealAnswers') as Setting['revealAnswers'],
      teamMode,
      teams:
        teamMode === 'list'
          ? text('teams')
              .split(/\n+/)
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
      askClass: f.get('askClass') === 'on',
      askStudentNo: f.get('askStudentNo') === 'on',
      sharedDevices: f.get('sharedDevices') === 'on',
      nameDisplay: text('nameDisplay') as NameDisplay,
      teamScoring,
      teamBestN: Number(text('teamBestN') || 5),
      certificateRule: rule,
      honourTop: rule === 'score' ? 0 : Number(text('honourTop')),
      passScore: Number(text('passScore')),
      ...(me.roles.includes('admin') ? { unitName: text('unitName') } : {}),
    };
    // The API's own rules first (a wrong time, a missing team list), then the API.
    const created = await run(async () => {
      const { contest } = await call(adminContestApi.index.$post({ json: checked(contestInputSchema, input) }));
      location.assign(`/admin/contests/view/?id=${contest.id}`);
    }, '');
    if (!created) requestAnimationFrame(() => document.getElementById('form-error')?.focus());
  };

  return (
    <form class="admin-form contest-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      {error && (
        <p class="form-error" role="alert" id="form-error" tabIndex={-1}>
          {error}
        </p>
      )}
      {me.roles.includes('admin') ? (
        <>
          <label for="c-unit">
            主办单位（学校或社区）<span class="required">（必填）</span>
          </label>
          <input id="c-unit" name="unitName" required minLength={2} maxLength={60} defaultValue={me.unitName ?? ''} />
          <FieldError fields={fields} name="unitName" />
        </>
      ) : (
        <p>主办单位：{me.unitName}</p>
      )}
      <label for="c-title">
        竞赛标题<span class="required">（必填）</span>
      </label>
      <input id="c-title" name="title" required minLength={4} maxLength={60} placeholder="如：梅岭小学防灾减灾日应急知识竞赛" />
      <FieldError fields={fields} name="title" />
      <label for="c-description">说明（可选，参赛者加入前能看到）</label>
      <textarea id="c-description" name="description" rows={3} maxLength={500} />
      <label for="c-opens">
        开始时间（北京时间）<span class="required">（必填）</span>
      </label>
      <input id="c-opens" name="opensAt" type="datetime-local" required defaultValue={toLocalInput(now - (now % 60_000))} />
      <label for="c-closes">
        结束时间（北京时间）<span class="required">（必填）</span>
      </label>
      <input
        id="c-closes"
        name="closesAt"
        type="datetime-local"
        required
        defaultValue={toLocalInput(now - (now % 60_000) + 3 * 86_400_000)}
      />
      <FieldError fields={fields} name="closesAt" />
      <Choice
        legend="参赛对象（决定从题库中选哪些题）"
        name="audience"
        options={AUDIENCE_CODES.map((a) => [a, a])}
        value={aud}
        onChange={setAudience}
      />
      <Choice
        legend="出题方式"
        name="mode"
        options={[
          ['mix', '按比例随机抽题'],
          ['picked', '手动选题'],
        ]}
        value={mode}
        onChange={(v) => setMode(v as Selection['mode'])}
      />
      {mode === 'mix' ? (
        <ContestsMix
          count={count}
          weights={weights}
          source={source}
          available={bank && availableByCategory(bank, source)}
          onCount={setCount}
          onWeights={setWeights}
          onSource={setSource}
        />
      ) : (
        <ContestsPicker audience={aud} bank={bank} picked={picked} onChange={setPicked} />
      )}
      <FieldError fields={fields} name="selection" />
      <label for="c-time">
        答题限时（分钟）<span class="required">（必填）</span>
      </label>
      <input id="c-time" name="timeLimitMinutes" type="number" min={1} max={180} required defaultValue="20" />
      <label for="c-more-time">时间快到时，参赛者可自行延长（分钟，0 为不可延长）</label>
      <p class="muted" id="c-more-time-hint">
        有长辈参加的社区竞赛建议设 5
        分钟以上：时间快到时，页面提醒答案都已保存，并给出“我需要更多时间”按钮，每人可用一次（工信部适老化规范要求限时操作留出充足时间）。
      </p>
      <input
        key={aud}
        id="c-more-time"
        name="moreTimeMinutes"
        type="number"
        min={0}
        max={60}
        required
        defaultValue={aud === '成人' ? '5' : '0'}
        aria-describedby="c-more-time-hint"
      />
      <FieldError fields={fields} name="moreTimeMinutes" />
      <label for="c-attempts">
        每人可答次数<span class="required">（必填）</span>
      </label>
      <input id="c-attempts" name="attemptsAllowed" type="number" min={1} max={10} required defaultValue="1" />
      <fieldset>
        <legend>防作弊</legend>
        <label class="inline">
          <input type="checkbox" name="shuffleQuestions" defaultChecked /> 每人题目顺序不同
        </label>
        <label class="inline">
          <input type="checkbox" name="shuffleOptions" defaultChecked /> 每人选项顺序不同
        </label>
        <label class="inline">
          <input type="checkbox" name="sharedDevices" /> 允许多人共用一台设备（如机房）
        </label>
      </fieldset>
      <Choice legend="正确答案和解析" name="revealAnswers" options={Object.entries(REVEAL_NAMES)} value="submit" />
      <Choice
        legend="队伍"
        name="teamMode"
        options={Object.entries(TEAM_MODE_NAMES)}
        value={teamMode}
        onChange={(v) => setTeamMode(v as Setting['teamMode'])}
      />
      {teamMode === 'list' && (
        <>
          <label for="c-teams">
            班级或社区名单（每行一个）<span class="required">（必填）</span>
          </label>
          <p class="muted" id="c-teams-hint">
            只有一个班级时，参赛者加入时会自动选好它。
          </p>
          <textarea id="c-teams" name="teams" rows={5} required aria-describedby="c-teams-hint" placeholder={'三（1）班\n三（2）班'} />
          <FieldError fields={fields} name="teams" />
        </>
      )}
      <fieldset>
        <legend>参赛者需要填写（姓名必填）</legend>
        <label class="inline">
          <input type="checkbox" name="askClass" /> 班级
        </label>
        <label class="inline">
          <input type="checkbox" name="askStudentNo" /> 学号
        </label>
      </fieldset>
      <Choice legend="公开排行榜上的姓名" name="nameDisplay" options={Object.entries(NAME_DISPLAY_NAMES)} value="masked" />
      {teamMode !== 'none' && (
        <Choice
          legend="队伍排名方式"
          name="teamScoring"
          options={Object.entries(TEAM_SCORING_NAMES)}
          value={teamScoring}
          onChange={(v) => setTeamScoring(v as Setting['teamScoring'])}
        />
      )}
      {teamMode !== 'none' && teamScoring === 'best' && (
        <>
          <label for="c-bestn">“最好的 N 人总分”中的 N</label>
          <input id="c-bestn" name="teamBestN" type="number" min={1} max={50} defaultValue="5" />
        </>
      )}
      <Choice
        legend="证书（交卷的人都有参与证明）"
        name="certificateRule"
        options={Object.entries(CERTIFICATE_RULE_NAMES)}
        value={rule}
        onChange={(v) => setRule(v as CertificateRule)}
      />
      {rule !== 'score' && (
        <>
          <label for="c-honour">荣誉证书名额（前几名，0 表示不发）</label>
          <input id="c-honour" name="honourTop" type="number" min={0} max={100} defaultValue="3" />
        </>
      )}
      <label for="c-pass">
        合格分（满分 100）<span class="required">（必填）</span>
      </label>
      <p class="muted" id="c-pass-hint">
        {rule === 'score' ? '达到这个分数发合格证书。' : '名次靠前也要达到这个分数才发荣誉证书，低分不会得奖。'}
      </p>
      <input id="c-pass" name="passScore" type="number" min={0} max={100} required defaultValue="60" aria-describedby="c-pass-hint" />
      <FieldError fields={fields} name="passScore" />
      <button type="submit" disabled={busy}>
        {busy ? '正在创建……' : '创建竞赛'}
      </button>
    </form>
  );
}
