import { useEffect, useState } from 'preact/hooks';
import type { Campaign } from '#api/ideas/campaign-contract.ts';
import type { SheetIdea } from '#api/ideas/campaign-contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { campaignClient } from './ideas-api.ts';
import JudgingScore from './JudgingScore.tsx';

/** A judge's sheet: each shortlisted idea with a score form, the others' scores shown only after one's own. */
export default function JudgingSheet({ campaign, onScored }: { campaign: Campaign; onScored: () => void }) {
  const [ideas, setIdeas] = useState<SheetIdea[] | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    call(campaignClient.judging.$get({ param: { id: String(campaign.id) } })).then(
      (r) => setIdeas(r.ideas),
      (e: unknown) => setNotice(e instanceof ApiRequestError ? e.message : '加载失败。'),
    );
  }, [campaign.id]);

  const done = ideas?.filter((i) => i.mine).length ?? 0;
  return (
    <section aria-labelledby="sheet-title">
      <h2 id="sheet-title">我的评审表</h2>
      {notice && <p class="notice">{notice}</p>}
      {ideas && (
        <>
          <p>
            入围 {ideas.length} 条，我已打分 {done} 条。每项 1–10
            分；分数提交后不能修改。提交自己的分数之前看不到其他评委的分数；评审意见只有管理员能看到。{' '}
            <a href={`/api/admin/campaigns/${campaign.id}/judging/export.csv`} download>
              下载评审表（CSV）
            </a>
          </p>
          {ideas.length === 0 && <p>还没有入围的金点子。</p>}
          <ol class="moderation-list">
            {ideas.map((idea) => (
              <JudgingScore key={idea.id} campaign={campaign} idea={idea} onScored={onScored} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
