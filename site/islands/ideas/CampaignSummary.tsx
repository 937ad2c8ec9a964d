import type { Campaign } from '#api/ideas/campaign-contract.ts';
import { PHASE_LABELS } from '#api/ideas/labels.ts';
import { day } from './format.ts';

/** A campaign's essentials: phase, dates, themes, awards and what to do now. */
export default function CampaignSummary({ campaign: c }: { campaign: Campaign }) {
  return (
    <section class="card" aria-labelledby={`campaign-${c.id}`}>
      <h2 id={`campaign-${c.id}`}>{c.title}</h2>
      <p>
        <span class="badge">{PHASE_LABELS[c.phase]}</span>
      </p>
      <p class="idea-text">{c.description}</p>
      <ul class="idea-meta" aria-label="活动安排">
        <li>
          征集：{day(c.collectStartsAt)} 至 {day(c.collectEndsAt)}
        </li>
        <li>评审：预计 {day(c.judgingEndsAt)} 前完成</li>
        <li>主题：{c.themes.join('、')}</li>
        <li>
          奖项：
          {c.awards
            .filter((a) => a.count > 0)
            .map((a) => `${a.name} ${a.count} 名`)
            .join('、')}
        </li>
      </ul>
      {c.phase === 'collecting' && (
        <p>
          <a class="button" href="/ideas/submit/">
            提交我的金点子
          </a>
        </p>
      )}
      {c.phase === 'announced' && (
        <p>
          <a href={`/ideas/results/?campaign=${c.id}`}>查看本次评选结果</a>
        </p>
      )}
    </section>
  );
}
