import { useEffect, useState } from 'preact/hooks';
import type { TrackedIdea } from '#api/ideas/contract.ts';
import { PHASE_LABELS } from '#api/ideas/labels.ts';
import { ask, ideasClient } from './api.ts';
import { day, messageOf } from './format.ts';
import './ideas.css';
import { FormError, submitted } from '../forms/controls.tsx';

/** Follow an idea with its receipt code: status and the public feedback, no account needed. */
export default function TrackIdea() {
  const [code, setCode] = useState('');
  const [idea, setIdea] = useState<TrackedIdea | null>(null);
  const [problem, setProblem] = useState('');

  const look = async (value: string) => {
    setProblem('');
    setIdea(null);
    try {
      setIdea((await ask(ideasClient.track.$post({ json: { code: value } }))).idea);
    } catch (err) {
      setProblem(messageOf(err));
    }
  };
  useEffect(() => {
    // The receipt page links here with the code in the fragment, which never reaches a server log;
    // a recovered code links to this same page, so a changed fragment is looked up too.
    const fromLink = () => {
      let value = location.hash.slice(1);
      try {
        value = decodeURIComponent(value);
      } catch {
        // A malformed escape: look the fragment up as it is.
      }
      if (!value) return;
      setCode(value);
      void look(value);
    };
    fromLink();
    addEventListener('hashchange', fromLink);
    return () => removeEventListener('hashchange', fromLink);
  }, []);

  return (
    <div>
      <form class="idea-form" onSubmit={submitted(() => void look(code))}>
        <label for="track-code">回执码（提交成功时显示的 12 位字母和数字）</label>
        <input
          id="track-code"
          value={code}
          onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
          autocomplete="off"
          placeholder="例如 JD7K-2M9Q-XW4P"
          required
        />
        <button type="submit">查询</button>
      </form>
      <div aria-live="polite">
        <FormError message={problem} />
        {idea && (
          <section class="card" aria-labelledby="tracked-title">
            <h2 id="tracked-title">{idea.title}</h2>
            <dl>
              <dt>当前状态</dt>
              <dd>
                <strong>{idea.statusText}</strong>
              </dd>
              <dt>征集活动</dt>
              <dd>
                {idea.campaign.title}（{PHASE_LABELS[idea.campaign.phase]}）
              </dd>
              <dt>提交时间</dt>
              <dd>{day(idea.submittedAt)}</dd>
              {idea.moderationNote && (
                <>
                  <dt>审核意见</dt>
                  <dd class="idea-text">{idea.moderationNote}</dd>
                </>
              )}
              {idea.duplicateOf && (
                <>
                  <dt>已合并到</dt>
                  <dd>
                    <a href={`/ideas/view/?id=${idea.duplicateOf.id}`}>{idea.duplicateOf.title}</a>（你的支持者已一并计入）
                  </dd>
                </>
              )}
              {idea.status === 'published' && (
                <>
                  <dt>支持人数</dt>
                  <dd>{idea.supportCount}</dd>
                </>
              )}
              {idea.shortlisted && idea.status === 'published' && (
                <>
                  <dt>评审</dt>
                  <dd>已入围评审</dd>
                </>
              )}
              {idea.award && (
                <>
                  <dt>获奖</dt>
                  <dd>
                    <strong>{idea.award}</strong>
                  </dd>
                </>
              )}
              {idea.panelFeedback && (
                <>
                  <dt>评审组反馈</dt>
                  <dd class="idea-text">{idea.panelFeedback}</dd>
                </>
              )}
            </dl>
            {idea.status === 'published' && <a href={`/ideas/view/?id=${idea.id}`}>查看公开页面</a>}
          </section>
        )}
      </div>
    </div>
  );
}
