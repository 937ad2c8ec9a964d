import { useEffect, useState } from 'preact/hooks';

/** One item of the household list, as the page passes it in. */
export interface ChecklistItem {
  id: string;
  name: string;
  list: 'basic' | 'extended';
  category: string;
  quantity: number;
  unit: string;
  expires: boolean;
  note?: string | undefined;
}

/** What the resident has recorded for one item. */
interface Owned {
  have: boolean;
  qty?: number;
  expiry?: string;
}

const STORAGE_KEY = 'yzready:checklist';
const SOON_DAYS = 30;
const LISTS = { basic: '基础版（建议每户都备）', extended: '扩充版（按需选择）' } as const;

function load(): Record<string, Owned> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, Owned>;
  } catch {
    return {};
  }
}

/** Days from today (local) to an ISO date; negative when past. */
function daysUntil(iso: string, today: Date): number {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1);
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target.getTime() - start.getTime()) / 86_400_000);
}

/** The household emergency-supplies checklist: a plain list, enhanced with ticks kept in the browser. */
export default function Checklist({ items }: { items: ChecklistItem[] }) {
  const [ready, setReady] = useState(false);
  const [owned, setOwned] = useState<Record<string, Owned>>({});
  const [showExtended, setShowExtended] = useState(true);

  useEffect(() => {
    setOwned(load());
    setReady(true);
  }, []);

  const update = (id: string, patch: Partial<Owned>) => {
    const next = { ...owned, [id]: { have: false, ...owned[id], ...patch } };
    setOwned(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      /* storage full or blocked: kept for this visit */
    }
  };

  const groups = (['basic', 'extended'] as const).map((list) => ({ list, items: items.filter((i) => i.list === list) }));

  if (!ready) {
    // Before (or without) JavaScript: the plain list.
    return (
      <div>
        {groups.map((g) => (
          <section key={g.list}>
            <h2>{LISTS[g.list]}</h2>
            <ul class="plain-list">
              {g.items.map((i) => (
                <li key={i.id}>
                  <strong>{i.name}</strong>：{i.quantity} {i.unit}
                  {i.note && <span class="note">{i.note}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    );
  }

  const today = new Date();
  const relevant = items.filter((i) => i.list === 'basic' || showExtended);
  const missing = relevant.filter((i) => !owned[i.id]?.have || (owned[i.id]?.qty ?? i.quantity) < i.quantity);
  const expiring = items
    .filter((i) => i.expires && owned[i.id]?.have && owned[i.id]?.expiry)
    .map((i) => ({ item: i, days: daysUntil(owned[i.id]?.expiry ?? '', today) }))
    .filter((e) => e.days <= SOON_DAYS)
    .sort((a, b) => a.days - b.days);

  return (
    <div class="checklist">
      <section class="summary" aria-labelledby="summary-title">
        <h2 id="summary-title">还缺什么</h2>
        <p aria-live="polite">
          {missing.length === 0
            ? '都备齐了。记得定期检查有效期。'
            : `还缺 ${missing.length} 项（共 ${relevant.length} 项）：${missing.map((i) => i.name).join('、')}`}
        </p>
        {expiring.length > 0 && (
          <div class="notice" role="status">
            <strong>有效期提醒：</strong>
            <ul>
              {expiring.map(({ item, days }) => (
                <li key={item.id}>
                  {item.name}：{days < 0 ? `已过期 ${-days} 天，请尽快更换` : days === 0 ? '今天到期' : `${days} 天后到期`}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p class="no-print">
          <label>
            <input type="checkbox" checked={showExtended} onChange={(e) => setShowExtended(e.currentTarget.checked)} /> 统计时包含扩充版
          </label>{' '}
          <button type="button" class="secondary" onClick={() => window.print()}>
            打印清单
          </button>
        </p>
      </section>
      {groups.map((g) => (
        <section key={g.list}>
          <h2>{LISTS[g.list]}</h2>
          <ul class="items">
            {g.items.map((i) => {
              const o = owned[i.id];
              return (
                <li key={i.id} class={o?.have ? 'have' : ''}>
                  <label class="tick">
                    <input type="checkbox" checked={o?.have ?? false} onChange={(e) => update(i.id, { have: e.currentTarget.checked })} />
                    <span>
                      <strong>{i.name}</strong>（建议 {i.quantity} {i.unit}）{o?.have ? '：已备' : '：未备'}
                    </span>
                  </label>
                  {i.note && <span class="note">{i.note}</span>}
                  <span class="fields">
                    <label>
                      现有数量
                      <input
                        type="number"
                        min={0}
                        step="any"
                        inputMode="decimal"
                        value={o?.qty ?? ''}
                        onInput={(e) => update(i.id, { qty: e.currentTarget.valueAsNumber })}
                      />
                    </label>
                    {i.expires && (
                      <label>
                        有效期至
                        <input type="date" value={o?.expiry ?? ''} onInput={(e) => update(i.id, { expiry: e.currentTarget.value })} />
                      </label>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
