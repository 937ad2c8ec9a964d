import type { PublicWarning } from '#api/warnings/view.ts';
import { areaText, shortTime } from './format.ts';

/** Props: the warning. */
interface Props {
  w: PublicWarning;
}

/**
 * One active warning: level in colour and words, the one short title, what changed, where and until
 * when, then what to do now. The server writes the same markup (api/warnings/list-html.ts), so the
 * page reads without JavaScript and does not move when this takes over.
 */
export default function WarningCard({ w }: Props) {
  const drill = w.status !== 'Actual';
  return (
    <li class={`warning-card card level-edge-${w.level}${drill ? ' warning-drill' : ''}`}>
      <p class="warning-card-level">
        {drill && <strong class="drill-tag">{w.statusName}</strong>}
        <span class={`level level-${w.level}`}>{w.levelName}</span>
      </p>
      <h3>
        <a href={w.url}>{w.title}</a>
      </h3>
      {w.changeNote && <p class="warning-change">更新：{w.changeNote}</p>}
      <p class="warning-headline">{w.headline}</p>
      <p class="warning-card-meta">
        影响区域：{areaText(w)} · 有效期至 {shortTime(w.expires)}
      </p>
      <h4>你现在应该做什么</h4>
      {w.actions.length ? (
        <ol class="warning-actions">
          {w.actions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ol>
      ) : (
        <p class="warning-instruction">{w.instruction}</p>
      )}
      <p class="warning-more">
        <a href={w.url}>
          详情和官方防御指南<span class="visually-hidden">：{w.title}</span>
        </a>
      </p>
    </li>
  );
}
