import type { PublicIdea } from '#api/ideas/contract.ts';

/** One idea in a list: everything in it is resident-written text, rendered as text. */
export default function IdeaCard({ idea }: { idea: PublicIdea }) {
  return (
    <li class="card">
      <h3>
        <a href={`/ideas/view/?id=${idea.id}`}>{idea.title}</a>
      </h3>
      <p>{idea.summary}</p>
      <ul class="idea-meta" aria-label="信息">
        <li>主题：{idea.theme}</li>
        <li>{idea.districtName}</li>
        <li>{idea.displayName ?? '匿名'}</li>
        <li>{idea.supportCount} 人支持</li>
      </ul>
      {(idea.award || idea.shortlisted) && <p class="badge">{idea.award ? `获奖：${idea.award}` : '入围评审'}</p>}
    </li>
  );
}
