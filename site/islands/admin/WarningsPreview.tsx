import { officeName, titleOf, type DraftForm, type WarningOptions } from '../warnings/draft.ts';
import { fromLocalInput, shortTime } from '../warnings/format.ts';

/** Props: the form as it is now, and the choices to name things with. */
interface Props {
  f: DraftForm;
  options: WarningOptions;
}

const firstAction = (f: DraftForm) =>
  f.actions
    .split('\n')
    .find((a) => a.trim())
    ?.trim() ?? '';
const when = (v: string) => (Number.isNaN(fromLocalInput(v)) ? '（未填）' : shortTime(fromLocalInput(v)));

/** Live preview of what residents will see: the warning page's facts and the phone notification. */
export default function WarningsPreview({ f, options }: Props) {
  const level = options.levels.find((l) => l.code === f.level);
  const title = titleOf(f, options);
  const areas = f.areas.includes('321000')
    ? '扬州市全市'
    : options.areas
        .filter((a) => f.areas.includes(a.code))
        .map((a) => a.name)
        .join('、') || '（未选区域）';
  return (
    <aside class="warning-preview" aria-label="预览">
      <h3>通知预览</h3>
      <div class="notification-mock">
        <p class="notification-app">扬州应急 · 现在</p>
        <p class="notification-title">{title}</p>
        <p class="notification-body">{firstAction(f) ? `现在就做：${firstAction(f)}` : f.headline || '（标题）'}</p>
      </div>
      <h3>预警页面预览</h3>
      <div class="page-mock">
        {f.status !== 'Actual' && (
          <p class="notice">
            <strong>这是{f.status === 'Exercise' ? '演练' : '测试'}信息，不是真实预警。</strong>
          </p>
        )}
        <p>
          <span class={`level level-${f.level}`}>{level ? `${level.colour}预警（${level.level}，${level.name}）` : ''}</span>
        </p>
        <p class="page-mock-title">{title}</p>
        <p class="page-mock-lead">{f.headline || '（标题）'}</p>
        <dl class="preview-facts">
          <dt>影响区域</dt>
          <dd>{areas}</dd>
          <dt>发布单位</dt>
          <dd>{f.hazard ? officeName(f.hazard) : '（随灾种确定）'}</dd>
          <dt>生效时间</dt>
          <dd>{when(f.effective)}</dd>
          <dt>有效期至</dt>
          <dd>{when(f.expires)}</dd>
          <dt>建议行动</dt>
          <dd>{options.responseNames[f.responseType] ?? f.responseType}</dd>
        </dl>
        <p class="page-mock-heading">你现在应该做什么</p>
        <p class="preview-text">{f.actions || '（居民行动）'}</p>
        <p class="page-mock-heading">情况说明</p>
        <p class="preview-text">{f.description || '（情况说明）'}</p>
        <p class="page-mock-heading">官方防御指南</p>
        <p class="preview-text">{f.instruction || '（防御指南）'}</p>
      </div>
    </aside>
  );
}
