/**
 * On a guide: the real warnings of its hazard in force now, or 目前没有. Plain DOM rather than a Preact
 * island: a guide's whole JavaScript budget is 10 KB gzipped, and this is all the script it needs.
 */
import type { PublicWarning } from '#api/warnings/view.ts';
import { savedSnapshot } from '../islands/warnings/storage.ts';

/** `橙色预警` out of `橙色预警（Ⅱ级，严重）`. */
const levelWords = (w: PublicWarning) => w.levelName.replace(/（.*$/, '');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** Fills `box` (data-codes: hazard codes; data-names: their names) from /api/warnings, or this device's last copy offline. */
export async function showGuideWarnings(box: HTMLElement): Promise<void> {
  const codes = (box.dataset['codes'] ?? '').split(' ');
  const names = box.dataset['names'] ?? '';
  const pick = (all: PublicWarning[]) =>
    all.filter((w) => w.status === 'Actual' && codes.includes(w.hazard) && Date.parse(w.expires) > Date.now());
  let list: PublicWarning[];
  let offline = false;
  try {
    const res = await fetch('/api/warnings');
    if (!res.ok) throw new Error(String(res.status));
    list = pick(((await res.json()) as { warnings: PublicWarning[] }).warnings);
  } catch {
    const snap = savedSnapshot();
    if (!snap) {
      box.prepend('现在无法连接网络。');
      box.dataset['state'] = 'unknown';
      return;
    }
    list = pick(snap.warnings);
    offline = true;
  }
  const out: HTMLElement[] = [];
  if (offline) out.push(el('p', '现在无法连接网络，以下是这台设备上次看到的预警。'));
  if (list.length === 0) {
    const p = el('p', `目前没有生效的${names}预警。`);
    p.append(el('a', '全部预警信息', { href: '/warnings/' }));
    out.push(p);
  } else {
    const ul = el('ul');
    for (const w of list) {
      const li = el('li');
      li.append(el('span', levelWords(w), { class: `level level-${w.level}` }), ' ', el('a', w.headline, { href: w.url }));
      ul.append(li);
    }
    out.push(ul);
  }
  box.replaceChildren(...out);
  box.dataset['state'] = list.length ? 'some' : 'none';
}
