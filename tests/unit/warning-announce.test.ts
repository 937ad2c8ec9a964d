import { describe, expect, test } from 'vitest';
import type { PublicWarning } from '#api/warnings/view.ts';
import { announcementOf } from '#site/islands/warnings/announce.ts';

const w = (over: Partial<PublicWarning>): PublicWarning =>
  ({
    id: 1,
    title: '【橙色预警】暴雨',
    level: 'orange',
    areas: [{ code: '321002', name: '广陵区' }],
    wholeCity: false,
    actions: ['不要进地下车库挪车。'],
    headline: '广陵区有大暴雨',
    replaces: null,
    changeNote: null,
    ...over,
  }) as PublicWarning;

describe('announcementOf', () => {
  test('says nothing when the list did not change', () => {
    expect(announcementOf([w({})], [w({})])).toBeNull();
  });

  test('announces a new warning politely, with where and the first thing to do', () => {
    expect(announcementOf([], [w({})])).toEqual({
      polite: '新预警：【橙色预警】暴雨，广陵区。现在就做：不要进地下车库挪车。',
      assertive: '',
    });
  });

  test('announces a red warning assertively', () => {
    const red = w({ id: 2, level: 'red', title: '【红色预警】暴雨', wholeCity: true });
    expect(announcementOf([], [red])?.assertive).toBe('新预警：【红色预警】暴雨，扬州市全市。现在就做：不要进地下车库挪车。');
  });

  test('an update is announced with what changed, and the message it replaced is not called ended', () => {
    const update = w({ id: 3, replaces: 1, changeNote: '增加邗江区' });
    expect(announcementOf([w({})], [update])).toEqual({ polite: '预警更新：【橙色预警】暴雨。增加邗江区', assertive: '' });
  });

  test('a warning that left the list is announced as ended', () => {
    expect(announcementOf([w({})], [])).toEqual({ polite: '【橙色预警】暴雨 已结束。', assertive: '' });
  });
});
