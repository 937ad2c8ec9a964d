import { useEffect, useState } from 'preact/hooks';
import type { StaffCampaign } from '#api/ideas/campaign-contract.ts';
import { PHASE_LABELS } from '#api/ideas/labels.ts';
import { call } from '#site/lib/api-client.ts';
import '../ideas/admin.css';
import JudgingAwards from './JudgingAwards.tsx';
import JudgingSetup from './JudgingSetup.tsx';
import JudgingSheet from './JudgingSheet.tsx';
import { campaignsClient } from './ideas-api.ts';
import { can, useAccount } from './session.ts';

/** 金点子评审: judges score the shortlist; admins seat judges, shortlist, award and announce. */
export default function Judging() {
  const me = useAccount();
  const [campaigns, setCampaigns] = useState<StaffCampaign[] | null>(null);
  const [id, setId] = useState(0);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!can(me, 'judge')) return;
    call(campaignsClient.index.$get()).then(
      (r) => {
        setCampaigns(r.campaigns);
        setId((old) => old || ((r.campaigns.find((c) => c.phase === 'judging') ?? r.campaigns[0])?.id ?? 0));
      },
      () => setCampaigns([]),
    );
  }, [me, version]);

  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  if (!can(me, 'judge')) return <p class="notice">只有金点子评委和管理员可以进入评审。</p>;
  if (!campaigns) return <p aria-live="polite">正在载入征集活动……</p>;
  const campaign = campaigns.find((c) => c.id === id);
  if (!campaign) return <p class="notice">还没有征集活动。{can(me, 'admin') && <a href="/admin/campaigns/">新建征集活动</a>}</p>;
  const changed = () => setVersion((v) => v + 1);
  return (
    <div>
      <form class="admin-form" onSubmit={(e) => e.preventDefault()}>
        <label for="j-campaign">征集活动</label>
        <select id="j-campaign" value={id} onChange={(e) => setId(Number((e.currentTarget as HTMLSelectElement).value))}>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}（{PHASE_LABELS[c.phase]}）
            </option>
          ))}
        </select>
      </form>
      <p>
        当前阶段：<strong>{PHASE_LABELS[campaign.phase]}</strong>。评审标准：
        {campaign.criteria.map((k) => `${k.name} ${k.weight}%`).join('、')}。{campaign.phase === 'collecting' && '征集结束后才能打分。'}
      </p>
      {can(me, 'admin') && <JudgingSetup key={`setup-${id}`} campaign={campaign} onChange={changed} />}
      <JudgingSheet key={`sheet-${id}-${version}`} campaign={campaign} onScored={changed} />
      {can(me, 'admin') && <JudgingAwards key={`awards-${id}`} campaign={campaign} version={version} onChange={changed} />}
    </div>
  );
}
