import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCalendar, eventToCalendarEvent } from '#site/lib/ical.ts';

/** /training/events.ics: every event, soonest first, for calendar apps to import or subscribe to. */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('astro.config 需要设置 site，日历里的活动链接要用完整地址');
  const events = (await getCollection('events')).sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
  const body = buildCalendar(
    events.map((e) => eventToCalendarEvent(e.data, site)),
    { name: '扬州应急 培训与活动', stamp: new Date() },
  );
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
