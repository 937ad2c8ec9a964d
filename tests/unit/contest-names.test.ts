import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  attemptIdFromToken,
  attemptToken,
  CODE_ALPHABET,
  newCertificateCode,
  newJoinCode,
  normaliseCertificateCode,
  normaliseCode,
} from '#api/contests/codes.ts';
import { maskName, nameKeyOf, normaliseName, participantKeyOf } from '#api/contests/names.ts';
import { participation, rankIndividuals, rankTeams } from '#api/contests/ranking.ts';

describe('names', () => {
  test('masks the middle of a name to protect minors', () => {
    expect(maskName('张晓明')).toBe('张*明');
    expect(maskName('李红')).toBe('李*');
    expect(maskName('欧阳明峰')).toBe('欧**峰');
    expect(maskName('王')).toBe('王');
    expect(maskName('Alexander')).toBe('A***r');
  });

  test('treats full-width, spaced and cased spellings of one person as the same participant', () => {
    const a = participantKeyOf({ name: '王 小明', team: '三（1）班', className: '', studentNo: '０１' });
    const b = participantKeyOf({ name: '王小明', team: '三(1)班', className: '', studentNo: '01' });
    expect(a).toBe(b);
    expect(nameKeyOf({ name: 'Li Lei', team: 'A' })).toBe(nameKeyOf({ name: 'lilei', team: 'a' }));
  });

  // Spellings that print the same as 王小明 / Li Lei but differ in code points: each must meet the plain form.
  const lookAlikes: Array<[string, string, string]> = [
    ['zero-width space inside', '王\u200B小明', '王小明'],
    ['zero-width joiner and non-joiner', '王\u200D小\u200C明', '王小明'],
    ['byte-order mark in front', '\uFEFF王小明', '王小明'],
    ['word joiner at the end', '王小明\u2060', '王小明'],
    ['soft hyphen', 'Li\u00ADLei', 'lilei'],
    ['left-to-right mark', '\u200E王小明', '王小明'],
    ['variation selector', '王小\uFE00明', '王小明'],
    ['ideographic space around', '\u3000王小明\u3000', '王小明'],
    ['no-break space inside', 'Li\u00A0Lei', 'lilei'],
    ['full-width Latin', 'Ｌｉ Ｌｅｉ', 'lilei'],
    ['upper case', 'LI LEI', 'lilei'],
    ['compatibility ideograph U+F9D1 for 六', '\uF9D1六', '六六'],
    ['Kangxi radical U+2F00 for 一', '\u2F00明', '一明'],
    ['circled digit', '张伟①', '张伟1'],
    ['long s and sharp s fold', 'ſtraße', 'STRASSE'],
    ['Hangul filler', '王\u3164小明', '王小明'],
  ];
  test.each(lookAlikes)('treats a name with %s as the same name', (_what, typed, plain) => {
    expect(nameKeyOf({ name: typed, team: '' })).toBe(nameKeyOf({ name: plain, team: '' }));
  });

  test('any name with invisible characters slipped in anywhere, and spaces around, is the same name (property)', () => {
    const invisible = fc.constantFrom(
      '\u200B',
      '\u200C',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u00AD',
      '\u200E',
      '\u200F',
      '\uFE0F',
      ' ',
      '\u3000',
    );
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        fc.array(invisible),
        (parts, extra) => {
          const plain = parts.join('');
          // The extra characters go between the parts (never inside a grapheme) and at both ends.
          const spiked = [extra[0] ?? '', ...parts.flatMap((p, i) => [p, extra[i + 1] ?? '']), ' '].join('');
          expect(normaliseName(spiked)).toBe(normaliseName(plain));
        },
      ),
      { seed: 20270512, numRuns: 300 },
    );
  });

  test('keeps names that look different apart', () => {
    const keys = ['王小明', '王晓明', '王小鸣', 'Li Lei', 'Li Le', '张伟1', '张伟2'].map((name) => nameKeyOf({ name, team: '' }));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('codes', () => {
  test('join codes are six characters without look-alikes; typing is forgiving', () => {
    for (const ch of '0O1ILQ2Z5S8B') expect(CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(normaliseCode(' ack 379 ')).toBe('ACK379');
    expect(normaliseCertificateCode(newCertificateCode().toLowerCase().replace(/-/g, ''))).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  });

  test('an attempt token names its attempt and cannot be forged without the server secret', () => {
    const secret = 'a-secret-of-thirty-two-characters!!';
    const token = attemptToken(42, secret);
    expect(attemptIdFromToken(token, secret)).toBe(42);
    expect(attemptIdFromToken(token.replace(/^42/, '43'), secret)).toBeNull();
    expect(attemptIdFromToken(token, 'another-secret-of-thirty-two-chars!')).toBeNull();
  });
});

describe('ranking', () => {
  const f = (participantKey: string, team: string, correct: number, minutes: number, attemptId = participantKey.length) => ({
    attemptId,
    participantKey,
    name: participantKey,
    team,
    correct,
    timeUsedMs: minutes * 60_000,
    submittedAt: minutes,
  });

  test('ranks by right answers, then time; ties share a rank; only a participant’s best attempt counts', () => {
    const r = rankIndividuals(
      [f('a', 'x', 8, 5, 1), f('b', 'x', 9, 7, 2), f('c', 'y', 8, 5, 3), f('a', 'x', 9, 4, 4), f('d', 'y', 2, 1, 5)],
      10,
    );
    expect(r.map((p) => [p.participantKey, p.rank, p.score, p.attemptId])).toEqual([
      ['a', 1, 90, 4],
      ['b', 2, 90, 2],
      ['c', 3, 80, 3],
      ['d', 4, 20, 5],
    ]);
    const tie = rankIndividuals([f('a', 'x', 8, 5), f('bb', 'x', 8, 5), f('ccc', 'x', 7, 1)], 10);
    expect(tie.map((p) => p.rank)).toEqual([1, 1, 3]);
  });

  test('ranks teams by average or by the sum of the best N, and counts participation per listed team', () => {
    const people = rankIndividuals(
      [f('a', 'x', 10, 5), f('bb', 'x', 2, 5), f('ccc', 'y', 7, 5), f('dddd', 'y', 7, 5), f('eeeee', 'y', 6, 5)],
      10,
    );
    expect(rankTeams(people, 'average', 2).map((t) => [t.team, t.value])).toEqual([
      ['y', 66.7],
      ['x', 60],
    ]);
    expect(rankTeams(people, 'best', 2).map((t) => [t.team, t.value])).toEqual([
      ['y', 140],
      ['x', 120],
    ]);
    expect(
      participation(
        [
          { participantKey: 'a', team: 'x', finished: true },
          { participantKey: 'a', team: 'x', finished: false },
        ],
        ['x', 'z'],
      ),
    ).toEqual([
      { team: 'x', joined: 1, finished: 1 },
      { team: 'z', joined: 0, finished: 0 },
    ]);
  });
});
