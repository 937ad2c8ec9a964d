import { useEffect, useState } from 'preact/hooks';
import type { Results } from '#api/ideas/contract.ts';
import { ask, ideasClient } from './api.ts';
import { day, messageOf } from './format.ts';
import './ideas.css';

/** 评选结果: the awards of an announced campaign (the latest unless `?campaign=` names one). */
export default function IdeaResults() {
  const [r, setR] = useState<Results | null>(null);
  const [problem, setProblem] = useState('');
  const load = (id: string) =>
    ask(ideasClient.results.$get({ query: id ? { campaign: id } : {} }))
      .then(setR)
      .catch((err: unknown) => setProblem(messageOf(err)));
  useEffect(() => void load(new URLSearchParams(location.search).get('campaign') ?? ''), []);

  if (!r) return <p aria-live="polite">{problem || '正在载入评选结果……'}</p>;
  if (!r.campaign) return <p class="notice">还没有公布评选结果。评审结束后，获奖名单会在这里公布。</p>;
  return (
    <div>
      {r.campaigns.length > 1 && (
        <p>
          <label for="results-campaign">往期活动 </label>
          <select
            id="results-campaign"
            value={r.campaign.id}
            onChange={(e) => {
              const id = (e.currentTarget as HTMLSelectElement).value;
              history.replaceState(null, '', `?campaign=${id}`);
              void load(id);
            }}
          >
            {r.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </p>
      )}
      <section aria-labelledby="results-title" aria-live="polite">
        <h2 id="results-title">{r.campaign.title}</h2>
        {r.campaign.announcedAt && <p>于 {day(r.campaign.announcedAt)} 公布。综合得分为评委加权平均分（满分 10 分）。</p>}
        {r.levels.map((level) => (
          <section key={level.code} aria-labelledby={`level-${level.code}`}>
            <h3 id={`level-${level.code}`}>{level.name}</h3>
            <ol class="card-grid">
              {level.ideas.map((i) => (
                <li key={i.id} class="card" data-award={level.name}>
                  <h4>
                    <a href={`/ideas/view/?id=${i.id}`}>{i.title}</a>
                  </h4>
                  <p>{i.summary}</p>
                  <ul class="idea-meta" aria-label="信息">
                    <li>{i.displayName ?? '匿名'}</li>
                    <li>{i.districtName}</li>
                    <li>主题：{i.theme}</li>
                    {i.score !== null && <li>综合得分 {i.score.toFixed(2)}</li>}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
    </div>
  );
}
