import { useEffect, useState } from 'preact/hooks';
import type { SimilarIdea } from '#api/ideas/contract.ts';
import { ask, ideasClient } from './api.ts';
import SupportButton from './SupportButton.tsx';

/** Props: the campaign and what the resident has written so far. */
interface Props {
  campaignId: number;
  title: string;
  summary: string;
}

/** Published ideas like this one, so a resident can support one instead of repeating it. */
export default function SimilarIdeas({ campaignId, title, summary }: Props) {
  const [list, setList] = useState<SimilarIdea[]>([]);
  useEffect(() => {
    if ([...`${title}${summary}`].length < 6) return setList([]);
    // Ask once the typing pauses, not on every key.
    const timer = setTimeout(() => {
      ask(ideasClient.similar.$post({ json: { campaignId, title, summary } }))
        .then((r) => setList(r.similar))
        .catch(() => undefined);
    }, 700);
    return () => clearTimeout(timer);
  }, [campaignId, title, summary]);

  return (
    <div aria-live="polite">
      {list.length > 0 && (
        <section class="notice" aria-labelledby="similar-title">
          <h2 id="similar-title">已经有人提过类似的金点子</h2>
          <p>如果下面哪条和你的想法一样，可以直接支持它，不必重复提交；你的点子有不同之处，也欢迎继续提交。</p>
          <ul>
            {list.map((s) => (
              <li key={s.id}>
                <a href={`/ideas/view/?id=${s.id}`} target="_blank" rel="noopener">
                  {s.title}（在新窗口打开）
                </a>
                <p>{s.summary}</p>
                <SupportButton id={s.id} title={s.title} count={s.supportCount} collecting />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
