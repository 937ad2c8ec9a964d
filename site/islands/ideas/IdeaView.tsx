import { useEffect, useState } from 'preact/hooks';
import type { PublicIdeaDetail } from '#api/ideas/contract.ts';
import { ask, ideaClient } from './api.ts';
import { day, messageOf } from './format.ts';
import './ideas.css';
import ReportForm from './ReportForm.tsx';
import SupportButton from './SupportButton.tsx';

/** One published idea, from `?id=` (ideas come after the static build, so the page is filled in here). */
export default function IdeaView() {
  const [idea, setIdea] = useState<PublicIdeaDetail | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const id = new URLSearchParams(location.search).get('id') ?? '';
    if (!/^\d+$/.test(id)) return setProblem('链接不完整，缺少金点子编号。请从金点子列表进入。');
    ask(ideaClient.$get({ param: { id } }))
      .then((r) => {
        setIdea(r.idea);
        document.title = `${r.idea.title} - 金点子 - 扬州应急`;
      })
      .catch((err: unknown) => setProblem(messageOf(err)));
  }, []);

  if (!idea)
    return (
      <>
        <h1>金点子详情</h1>
        <p aria-live="polite">{problem || '正在载入……'}</p>
        {problem && <a href="/ideas/">返回金点子列表</a>}
      </>
    );
  return (
    <article aria-labelledby="idea-heading">
      <h1 id="idea-heading">{idea.title}</h1>
      {idea.award && <p class="badge">获奖：{idea.award}</p>}
      {!idea.award && idea.shortlisted && <p class="badge">入围评审</p>}
      <ul class="idea-meta" aria-label="信息">
        <li>活动：{idea.campaign.title}</li>
        <li>主题：{idea.theme}</li>
        <li>{idea.districtName}</li>
        <li>提出人：{idea.displayName ?? '匿名'}</li>
        {idea.publishedAt && <li>公开于 {day(idea.publishedAt)}</li>}
      </ul>
      <h2>简介</h2>
      <p class="idea-text">{idea.summary}</p>
      <h2>具体内容</h2>
      <p class="idea-text">{idea.body}</p>
      {idea.hasPhoto && <img class="idea-photo" src={`/api/ideas/${idea.id}/photo`} alt="提出人附上的照片" loading="lazy" />}
      {idea.panelFeedback && (
        <>
          <h2>评审组反馈</h2>
          <p class="idea-text">{idea.panelFeedback}</p>
        </>
      )}
      <SupportButton id={idea.id} title={idea.title} count={idea.supportCount} collecting={idea.campaign.phase === 'collecting'} />
      <ReportForm id={idea.id} />
      <p>
        <a href="/ideas/">返回金点子列表</a>
      </p>
    </article>
  );
}
