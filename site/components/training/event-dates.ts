import { formatDay, isoDay } from '#site/lib/dates.ts';

// Static pages split events into 即将举行 and 往期 when the site is built. This runs in the browser
// and splits them again by today's date, so the pages are right on any day without a rebuild; with
// JavaScript off they stay as built and say which day that was.

/** Shows `el` when `show` holds, hides it otherwise. */
const toggle = (el: Element | null, show: boolean) => el?.toggleAttribute('hidden', !show);

/** Re-sorts the events under each `[data-event-split]` into its upcoming and past lists as of `now`. */
export function splitEvents(root: ParentNode, now: number): void {
  for (const group of root.querySelectorAll<HTMLElement>('[data-event-split]')) {
    const upcoming = group.querySelector<HTMLElement>('[data-events="upcoming"]');
    const past = group.querySelector<HTMLElement>('[data-events="past"]');
    const cards = [...group.querySelectorAll<HTMLElement>('[data-events] > ul > li[data-end]')];
    const start = (li: HTMLElement) => Number(li.dataset['start']);
    const ended = (li: HTMLElement) => Number(li.dataset['end']) <= now;
    const fill = (box: HTMLElement | null, items: HTMLElement[]) => {
      if (!box) return;
      const list = box.querySelector('ul');
      const shown = items.slice(0, Number(box.dataset['limit'] ?? Infinity));
      for (const li of shown) li.hidden = false;
      list?.replaceChildren(...shown);
      toggle(list, shown.length > 0);
      toggle(box.querySelector('.empty'), shown.length === 0);
      // A list that is left out when empty (a campaign's 往期活动) goes with its heading.
      if (box.dataset['optional'] !== undefined) {
        toggle(box, shown.length > 0);
        toggle(group.querySelector(`[data-events-heading="${box.dataset['events']}"]`), shown.length > 0);
      }
    };
    fill(
      upcoming,
      cards.filter((li) => !ended(li)).sort((a, b) => start(a) - start(b)),
    );
    fill(
      past,
      cards.filter(ended).sort((a, b) => start(b) - start(a)),
    );
  }
  for (const note of root.querySelectorAll<HTMLElement>('[data-event-finished]'))
    toggle(note, Number(note.dataset['eventFinished']) <= now);
  for (const asof of root.querySelectorAll<HTMLTimeElement>('time[data-event-asof]')) {
    asof.dateTime = isoDay(new Date(now));
    asof.textContent = `今天（${formatDay(new Date(now))}）`;
  }
}
