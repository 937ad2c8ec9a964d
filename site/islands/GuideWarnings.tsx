import { useEffect, useState } from 'preact/hooks';
import type { PublicWarning } from '../../api/warnings/view.ts';
import { savedSnapshot } from './warnings/storage.ts';

/** Props: the guide's warning types (codes and names, api/domain/hazards.ts). */
interface Props {
  hazards: Array<{ code: string; name: string }>;
}

type State = { kind: 'loading' } | { kind: 'ok'; list: PublicWarning[]; offline: boolean } | { kind: 'unknown' };

/** `橙色预警` out of `橙色预警（Ⅱ级，严重）`. */
const levelWords = (w: PublicWarning) => w.levelName.replace(/（.*$/, '');

/**
 * On a guide: the real warnings of its hazard in force now, or 目前没有. Rendered on the server as a
 * link to the warnings page, so a reader without JavaScript still gets there.
 */
export default function GuideWarnings({ hazards }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const codes = hazards.map((h) => h.code);
  const names = hazards.map((h) => h.name).join('、');

  useEffect(() => {
    const pick = (all: PublicWarning[]) =>
      all.filter((w) => w.status === 'Actual' && codes.includes(w.hazard) && Date.parse(w.expires) > Date.now());
    fetch('/api/warnings')
      .then((r) => (r.ok ? (r.json() as Promise<{ warnings: PublicWarning[] }>) : Promise.reject(new Error(String(r.status)))))
      .then((r) => setState({ kind: 'ok', list: pick(r.warnings), offline: false }))
      .catch(() => {
        const snap = savedSnapshot();
        setState(snap ? { kind: 'ok', list: pick(snap.warnings), offline: true } : { kind: 'unknown' });
      });
  }, []);

  if (state.kind !== 'ok')
    return (
      <p>
        {state.kind === 'unknown' ? '现在无法连接网络。' : ''}
        <a href="/warnings/">查看正在生效的{names}预警</a>
      </p>
    );
  return (
    <div aria-live="polite">
      {state.offline && <p>现在无法连接网络，以下是这台设备上次看到的预警。</p>}
      {state.list.length === 0 ? (
        <p>
          目前没有生效的{names}预警。<a href="/warnings/">全部预警信息</a>
        </p>
      ) : (
        <ul>
          {state.list.map((w) => (
            <li key={w.id}>
              <span class={`level level-${w.level}`}>{levelWords(w)}</span> <a href={w.url}>{w.headline}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
