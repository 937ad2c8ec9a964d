import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildCalendar, eventToCalendarEvent } from '#site/lib/ical.ts';

/** One file per event, linked from its page as 加入日历. */
export const getStaticPaths = (async () => {
  const events = await getCollection('events');
  return events.map((event) => ({ params: { slug: event.data.slug }, props: { event } }));
}) satisfies GetStaticPaths;

interface Props {
  event: CollectionEntry<'events'>;
}

/** /training/events/<slug>.ics. */
export const GET: APIRoute<Props> = ({ props, site }) => {
  if (!site) throw new Error('astro.config 需要设置 site，日历里的活动链接要用完整地址');
  const body = buildCalendar([eventToCalendarEvent(props.event.data, site)], {
    name: `扬州应急：${props.event.data.title}`,
    stamp: new Date(),
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
