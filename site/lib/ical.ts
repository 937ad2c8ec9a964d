import type { Event } from '../schemas/event.ts';
import { foldLine } from '#api/domain/ical-fold.ts';
import { TIME_ZONE } from './dates.ts';

/** One VEVENT, already in calendar terms. */
export interface CalendarEvent {
  /** Globally unique and stable across builds, e.g. `2027-512-square-expo@yangzhou-ready`. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** The event's page on the site. */
  url: string;
  /** TENTATIVE while the organiser has not confirmed it (sample data). */
  status: 'CONFIRMED' | 'TENTATIVE';
}

/** What the calendar as a whole is called and when it was generated. */
export interface CalendarOptions {
  /** X-WR-CALNAME: the name a calendar app shows for the subscription. */
  name: string;
  /** DTSTAMP of every VEVENT: when this file was made. */
  stamp: Date;
}

const CRLF = '\r\n';

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

export { foldLine };

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC DATE-TIME (RFC 5545 §3.3.5 form 2), e.g. `20270512T010000Z`. */
export function utcDateTime(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const localParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A local DATE-TIME in Asia/Shanghai (RFC 5545 §3.3.5 form 3, used with TZID), e.g. `20270512T090000`. */
export function shanghaiDateTime(d: Date): string {
  const p = Object.fromEntries(localParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p['year']}${p['month']}${p['day']}T${p['hour']}${p['minute']}${p['second']}`;
}

// China has kept UTC+8 without daylight saving since 1991, so one STANDARD rule from 1970 is exact.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function veventLines(e: CalendarEvent, stamp: Date): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${utcDateTime(stamp)}`,
    `DTSTART;TZID=${TIME_ZONE}:${shanghaiDateTime(e.start)}`,
    `DTEND;TZID=${TIME_ZONE}:${shanghaiDateTime(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `LOCATION:${escapeText(e.location)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `URL:${e.url}`,
    `STATUS:${e.status}`,
    'END:VEVENT',
  ];
}

/** A complete VCALENDAR: CRLF line endings, folded lines, one VTIMEZONE for Asia/Shanghai. */
export function buildCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Yangzhou Ready//Training Events//ZH',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...VTIMEZONE,
    ...events.flatMap((e) => veventLines(e, options.stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** An event from content/events as a VEVENT whose URL is its page under `site`. */
export function eventToCalendarEvent(e: Event, site: URL | string): CalendarEvent {
  const description = [
    e.summary,
    `参加方式：${e.howToJoin}`,
    `面向：${e.audience}`,
    `主办：${e.organizer}`,
    ...(e.sample ? ['示例数据：本活动的时间、地点和主办单位尚未经主办单位确认，仅用于演示，请以正式通知为准。'] : []),
  ].join('\n');
  return {
    uid: `${e.slug}@yangzhou-ready`,
    start: e.start,
    end: e.end,
    summary: e.title,
    location: `${e.venue}，${e.address}`,
    description,
    url: new URL(`/training/events/${e.slug}/`, site).href,
    status: e.sample ? 'TENTATIVE' : 'CONFIRMED',
  };
}
