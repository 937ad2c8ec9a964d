// What a screen reader hears when the list of warnings in force changes between two refreshes.
import type { PublicWarning } from '#api/warnings/view.ts';
import { areaText } from './format.ts';

/** Polite and assertive messages for the change from `before` to `after`; null when nothing changed. */
export function announcementOf(before: PublicWarning[], after: PublicWarning[]): { polite: string; assertive: string } | null {
  const was = new Set(before.map((w) => w.id));
  const replaced = new Set(after.map((w) => w.replaces).filter((id): id is number => id !== null));
  const polite: string[] = [];
  const assertive: string[] = [];
  for (const w of after) {
    if (was.has(w.id)) continue;
    const line =
      w.replaces !== null && was.has(w.replaces)
        ? `预警更新：${w.title}。${w.changeNote ?? ''}`
        : `新预警：${w.title}，${areaText(w)}。${w.actions[0] ? `现在就做：${w.actions[0]}` : w.headline}`;
    (w.level === 'red' ? assertive : polite).push(line);
  }
  for (const w of before) if (!after.some((a) => a.id === w.id) && !replaced.has(w.id)) polite.push(`${w.title} 已结束。`);
  return polite.length || assertive.length ? { polite: polite.join(' '), assertive: assertive.join(' ') } : null;
}
