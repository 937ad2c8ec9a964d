/** Props: the idea whose text staff read. */
interface Props {
  idea: { id: number; summary: string; body: string; hasPhoto: boolean };
}

/** An idea's summary, then its full text and photo behind 阅读全文, as moderators and judges read it (as text). */
export default function IdeaFullText({ idea }: Props) {
  return (
    <>
      <p class="idea-text">{idea.summary}</p>
      <details>
        <summary>阅读全文{idea.hasPhoto ? '和照片' : ''}</summary>
        <p class="idea-text">{idea.body}</p>
        {idea.hasPhoto && <img src={`/api/admin/ideas/${idea.id}/photo`} alt={`#${idea.id} 附带的照片`} width={320} loading="lazy" />}
      </details>
    </>
  );
}
