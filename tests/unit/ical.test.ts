import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { readYamlFile } from '#api/domain/content-files.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { buildCalendar, eventToCalendarEvent, foldLine, type CalendarEvent } from '#site/lib/ical.ts';
import { eventSchema } from '#site/schemas/event.ts';

const SITE = 'https://yjj.example.cn';
const STAMP = new Date('2027-04-01T02:03:04Z');
const squareExpo = readYamlFile(join(CONTENT_DIR, 'events', '2027-512-square-expo.yaml'), eventSchema);

const base: CalendarEvent = {
  uid: 'test@yangzhou-ready',
  start: new Date('2027-06-01T09:00:00+08:00'),
  end: new Date('2027-06-01T10:00:00+08:00'),
  summary: '测试活动',
  location: '扬州市',
  description: '说明',
  url: `${SITE}/training/events/test/`,
  status: 'CONFIRMED',
};

/** Parses with ical.js, registering the file's own VTIMEZONE so local times resolve. */
function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

// ical.js reads X- properties raw; calendar apps read X-WR-CALNAME as TEXT, so parse it that way too.
(ICAL.design.icalendar.property as Record<string, unknown>)['x-wr-calname'] = { defaultType: 'text' };

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('buildCalendar', () => {
  test('puts the 5·12 event at 09:00 Asia/Shanghai, parsed by ical.js', () => {
    const ics = buildCalendar([eventToCalendarEvent(squareExpo, SITE)], { name: '扬州应急 培训活动', stamp: STAMP });
    const { cal, events } = parse(ics);
    const [event] = events;
    expect(events).toHaveLength(1);
    expect(event?.uid).toBe('2027-512-square-expo@yangzhou-ready');
    expect(event?.summary).toBe('2027年全国防灾减灾日 扬州主题宣传活动');
    expect(event?.location).toBe('扬州市文昌广场，扬州市广陵区文昌中路');
    expect(event?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(event?.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect([event?.startDate.hour, event?.startDate.minute]).toEqual([9, 0]);
    expect(event?.startDate.toJSDate().toISOString()).toBe('2027-05-12T01:00:00.000Z');
    expect(event?.endDate.toJSDate().toISOString()).toBe('2027-05-12T03:30:00.000Z');
    expect(event?.component.getFirstPropertyValue('url')).toBe(`${SITE}/training/events/2027-512-square-expo/`);
    expect(String(event?.component.getFirstPropertyValue('dtstamp'))).toBe('2027-04-01T02:03:04Z');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('扬州应急 培训活动');
  });

  test('says 示例数据 and marks the event tentative when it is sample data', () => {
    const { events } = parse(buildCalendar([eventToCalendarEvent(squareExpo, SITE)], { name: 'x', stamp: STAMP }));
    const description = events[0]?.description ?? '';
    expect(description).toContain('示例数据');
    expect(description).toContain(`参加方式：${squareExpo.howToJoin}`);
    expect(description.split('\n')[0]).toBe(squareExpo.summary);
    expect(events[0]?.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });

  test('has the calendar header and Asia/Shanghai VTIMEZONE that calendar apps need', () => {
    const { cal } = parse(buildCalendar([base], { name: 'x', stamp: STAMP }));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Shanghai');
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    const std = tz?.getFirstSubcomponent('standard');
    expect(String(std?.getFirstPropertyValue('tzoffsetfrom'))).toBe('+08:00');
    expect(String(std?.getFirstPropertyValue('tzoffsetto'))).toBe('+08:00');
    expect(std?.getFirstPropertyValue('tzname')).toBe('CST');
  });

  test('ends every line with CRLF and keeps each line within 75 octets', () => {
    const long = { ...base, description: '暴雨预警发布后，请远离地下车库、下沉式通道和低洼地带。'.repeat(8) };
    const ics = buildCalendar([long], { name: 'x', stamp: STAMP });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  test('folds long Chinese text without splitting a character, so it reads back intact', () => {
    const text = '发现有人落水时先呼救，把救生圈、竹竿等递给落水者，不要盲目下水。'.repeat(6);
    const ics = buildCalendar([{ ...base, description: text, summary: text }], { name: 'x', stamp: STAMP });
    const bytes = new TextEncoder().encode(ics);
    // Each physical line must be valid UTF-8 on its own: no character cut in half at a fold.
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(start, i))).not.toThrow();
        start = i + 2;
      }
    }
    const { events } = parse(ics);
    expect(events[0]?.description).toBe(text);
    expect(events[0]?.summary).toBe(text);
  });

  test('escapes backslash, semicolon, comma and line breaks so they round-trip', () => {
    const tricky = '地点：文昌广场; 东门,北门\\南门\n第二行\r\n第三行';
    const ics = buildCalendar([{ ...base, summary: tricky, location: tricky, description: tricky }], { name: tricky, stamp: STAMP });
    expect(ics.replace(/\r\n /g, '')).toContain('文昌广场\\; 东门\\,北门\\\\南门\\n第二行\\n第三行');
    const { cal, events } = parse(ics);
    const normalised = tricky.replace(/\r\n/g, '\n');
    expect(events[0]?.summary).toBe(normalised);
    expect(events[0]?.location).toBe(normalised);
    expect(events[0]?.description).toBe(normalised);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(normalised);
  });
});

describe('foldLine', () => {
  test('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  test('moves a whole character to the next line when it would cross the limit', () => {
    // 73 ASCII octets + a 3-octet character would be 76: the character goes whole to the next line.
    const folded = foldLine(`${'a'.repeat(73)}扬州`);
    expect(folded).toBe(`${'a'.repeat(73)}\r\n 扬州`);
    const emoji = foldLine(`${'a'.repeat(74)}🚒`);
    expect(emoji).toBe(`${'a'.repeat(74)}\r\n 🚒`);
  });

  test('keeps an escape such as \\n on one line', () => {
    expect(foldLine(`${'a'.repeat(74)}\\nb`)).toBe(`${'a'.repeat(74)}\r\n \\nb`);
  });
});
