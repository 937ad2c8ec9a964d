import type { PublicWarning } from '../../../api/warnings/view.ts';
import { areaText, shortTime } from './format.ts';

/** Props: the warning, and whether it is being shown from a saved copy that may have expired since. */
interface Props {
  w: PublicWarning;
}

/** One active warning: level in colour and words, where, when, until when, what to do, and the guides. */
export default function WarningCard({ w }: Props) {
  const drill = w.status !== 'Actual';
  return (
    <li class={`warning-card card${drill ? ' warning-drill' : ''}`}>
      <p class="warning-card-level">
        {drill && <strong class="drill-tag">{w.statusName}</strong>}
        <span class={`level level-${w.level}`}>{w.levelName}</span>
      </p>
      <h3>
        <a href={w.url}>
          {w.title}：{w.headline}
        </a>
      </h3>
      {drill && <p class="drill-note">这是{w.statusName}信息，不是真实预警，不需要按它行动。</p>}
      <dl class="warning-card-facts">
        <dt>影响区域</dt>
        <dd>{areaText(w)}</dd>
        <dt>发布时间</dt>
        <dd>{w.sent ? shortTime(w.sent) : '—'}</dd>
        <dt>有效期至</dt>
        <dd>{shortTime(w.expires)}</dd>
        <dt>发布单位</dt>
        <dd>{w.senderName}</dd>
      </dl>
      <h4>你现在应该做什么</h4>
      <p class="warning-instruction">{w.instruction}</p>
      {w.guides.length > 0 && (
        <p class="warning-guides">
          怎样应对：
          {w.guides.map((g, i) => (
            <span key={g.slug}>
              {i > 0 && '、'}
              <a href={g.url}>{g.title}</a>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}
