import { describe, expect, test } from 'vitest';
import { detectImageType } from '#api/ideas/photo.ts';
import { countLinks, matchWords } from '#api/ideas/screening.ts';
import { checkFormToken, FORM_TOKEN_TTL, issueFormToken, newReceiptCode, normalizeReceiptCode, receiptHash } from '#api/ideas/tokens.ts';
import { tokenUsable } from '#site/islands/ideas/draft.ts';

const SECRET = 'unit-secret-unit-secret-unit-secret-00';

describe('countLinks', () => {
  test('counts http(s) addresses and bare www. names', () => {
    expect(countLinks('见 https://a.cn、http://b.cn 和 WWW.c.cn')).toBe(3);
    expect(countLinks('拨打 12345 热线')).toBe(0);
  });
});

describe('matchWords', () => {
  test('finds listed words regardless of case and full-width letters', () => {
    expect(matchWords(['VPN', '代开发票', '赌博'], '便宜ｖｐｎ', '可以代开发票')).toEqual(['VPN', '代开发票']);
    expect(matchWords([], '任何内容')).toEqual([]);
  });
});

describe('detectImageType', () => {
  test('knows JPEG, PNG and WebP by their first bytes and nothing else', () => {
    expect(detectImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(detectImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(detectImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(detectImageType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
  });
});

describe('receipt codes', () => {
  test('are three groups of four unambiguous characters, and survive retyping', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeReceiptCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normalizeReceiptCode('AB0O-1IL2-3456')).toBe('AB00-1112-3456');
    expect(receiptHash(SECRET, code)).toBe(receiptHash(SECRET, code.replace(/-/g, '')));
  });
});

describe('form tokens', () => {
  const at = Date.parse('2027-05-12T09:00:00+08:00');
  test('pass after the minimum fill time and for a week, so a draft finished days later still counts from its first showing', () => {
    const token = issueFormToken(SECRET, at);
    expect(() => checkFormToken(SECRET, token, at + 5000)).not.toThrow();
    expect(() => checkFormToken(SECRET, token, at + 4999)).toThrow('提交得太快了');
    expect(() => checkFormToken(SECRET, token, at + 6 * 86_400_000)).not.toThrow();
    expect(() => checkFormToken(SECRET, token, at + FORM_TOKEN_TTL + 1)).toThrow('表单打开太久已失效');
    // The form reuses a draft's token only while the server will still take it.
    expect(tokenUsable(token, at + 5 * 86_400_000)).toBe(true);
    expect(tokenUsable(token, at + FORM_TOKEN_TTL)).toBe(false);
    expect(tokenUsable(undefined, at)).toBe(false);
  });

  test('cannot be backdated or signed with another secret', () => {
    const [, nonce, mac] = issueFormToken(SECRET, at).split('.');
    expect(() => checkFormToken(SECRET, `${at - 60_000}.${nonce}.${mac}`, at)).toThrow('表单已失效');
    expect(() => checkFormToken('another-secret-another-secret-0000', issueFormToken(SECRET, at), at + 6000)).toThrow('表单已失效');
    expect(() => checkFormToken(SECRET, 'garbage', at)).toThrow('表单已失效');
  });
});
