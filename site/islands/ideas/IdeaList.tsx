import { useEffect, useState } from 'preact/hooks';
import type { Campaign } from '#api/ideas/campaign-contract.ts';
import type { PublicIdea } from '#api/ideas/contract.ts';
import { ask, ideasClient } from './api.ts';
import CampaignSummary from './CampaignSummary.tsx';
import { messageOf } from './format.ts';
import IdeaCard from './IdeaCard.tsx';
import './ideas.css';
import { OptionList } from '../forms/controls.tsx';

/** Props: the districts to filter by. */
interface Props {
  districts: Array<{ code: string; name: string }>;
}

interface Filter {
  campaign: string;
  theme: string;
  district: string;
  status: string;
  sort: string;
}

/** `value` when it is one of `allowed` (the address bar may hold anything), else nothing. */
const oneOf = <T extends string>(value: string, allowed: readonly T[]) => allowed.find((a) => a === value);

/** The filters that are set, and the page after the first, as the list route takes them. */
const queryOf = (f: Filter, page = 1) => {
  const status = oneOf(f.status, ['shortlisted', 'awarded'] as const);
  const sort = oneOf(f.sort, ['newest', 'support'] as const);
  return {
    ...(f.campaign ? { campaign: f.campaign } : {}),
    ...(f.theme ? { theme: f.theme } : {}),
    ...(f.district ? { district: f.district } : {}),
    ...(status ? { status } : {}),
    ...(sort ? { sort } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  };
};
const query = (f: Filter) => new URLSearchParams(queryOf(f)).toString();

/** The published ideas of a campaign with filters and sorting kept in the address, so a view can be shared. */
export default function IdeaList({ districts }: Props) {
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [f, setF] = useState<Filter>({ campaign: '', theme: '', district: '', status: '', sort: 'newest' });
  const [list, setList] = useState<PublicIdea[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const q = new URLSearchParams(location.search);
    ask(ideasClient.campaigns.$get())
      .then(({ campaigns: all }) => {
        const visible = all.filter((c) => c.phase !== 'upcoming');
        const wanted = q.get('campaign') ?? String((visible.find((c) => c.phase === 'collecting') ?? visible[0])?.id ?? '');
        setCampaigns(visible);
        setF({
          campaign: wanted,
          theme: q.get('theme') ?? '',
          district: q.get('district') ?? '',
          status: q.get('status') ?? '',
          sort: q.get('sort') ?? 'newest',
        });
      })
      .catch((err: unknown) => setProblem(messageOf(err)));
  }, []);

  const load = (filter: Filter, p: number) =>
    ask(ideasClient.index.$get({ query: queryOf(filter, p) }))
      .then((r) => {
        setList((old) => (p === 1 ? r.ideas : [...old, ...r.ideas]));
        setTotal(r.total);
        setPage(p);
      })
      .catch((err: unknown) => setProblem(messageOf(err)));

  useEffect(() => {
    if (!campaigns) return;
    history.replaceState(null, '', `${location.pathname}${query(f) ? `?${query(f)}` : ''}`);
    void load(f, 1);
  }, [f, campaigns]);

  if (!campaigns) return <p aria-live="polite">{problem || '正在载入金点子……'}</p>;
  if (!campaigns.length) return <p class="notice">金点子征集活动还没有开始，敬请关注。</p>;
  const campaign = campaigns.find((c) => String(c.id) === f.campaign) ?? campaigns[0];
  const set = (key: keyof Filter) => (e: Event) =>
    setF({ ...f, [key]: (e.currentTarget as HTMLSelectElement).value, ...(key === 'campaign' ? { theme: '' } : {}) });
  const select = (key: keyof Filter, label: string, options: Array<[string, string]>) => (
    <label>
      {label}
      <select value={f[key]} onChange={set(key)}>
        <OptionList options={options} />
      </select>
    </label>
  );

  return (
    <div>
      {campaign && <CampaignSummary campaign={campaign} />}
      <h2>大家的金点子</h2>
      <form class="filters" aria-label="筛选和排序" onSubmit={(e) => e.preventDefault()}>
        {campaigns.length > 1 &&
          select(
            'campaign',
            '征集活动',
            campaigns.map((c) => [String(c.id), c.title]),
          )}
        {select('theme', '主题', [['', '全部主题'], ...(campaign?.themes ?? []).map((t): [string, string] => [t, t])])}
        {select('district', '县（市、区）', [['', '全市'], ...districts.map((d): [string, string] => [d.code, d.name])])}
        {select('status', '状态', [
          ['', '全部已公开'],
          ['shortlisted', '入围评审'],
          ['awarded', '获奖'],
        ])}
        {select('sort', '排序', [
          ['newest', '最新'],
          ['support', '支持最多'],
        ])}
      </form>
      <p aria-live="polite" role="status">
        {problem || (total === null ? '正在载入……' : `共 ${total} 条金点子。`)}
      </p>
      <ul class="card-grid" aria-label="金点子列表">
        {list.map((idea) => (
          <IdeaCard key={idea.id} idea={idea} />
        ))}
      </ul>
      {total !== null && list.length < total && (
        <button type="button" class="secondary" onClick={() => void load(f, page + 1)}>
          加载更多
        </button>
      )}
    </div>
  );
}
