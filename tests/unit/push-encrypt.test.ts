import { createECDH, createHmac, randomBytes } from 'node:crypto';
import ece from 'http_ece';
import { describe, expect, test } from 'vitest';
import { encryptPayload, hmacSha256 } from '#api/push/encrypt.ts';
import { createEncryptor } from '#api/push/encrypt-pool.ts';
import { retryAfterSeconds } from '#api/push/sender.ts';

describe('web push message encryption', () => {
  test('the hand HMAC agrees with node’s createHmac for short, block-sized and long keys', () => {
    for (const len of [0, 16, 32, 64, 65, 200]) {
      const key = randomBytes(len);
      const data = randomBytes(len + 7);
      expect(hmacSha256(key, data).toString('hex')).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });

  test('a browser’s own keys decrypt what we send, with another implementation (http_ece)', () => {
    const browser = createECDH('prime256v1');
    const p256dh = browser.generateKeys();
    const auth = randomBytes(16);
    const text = JSON.stringify({ title: '【红色预警】暴雨', body: '请立即转移到安全地带'.repeat(20) });
    const bodies = [0, 1].map(() => encryptPayload(Buffer.from(text), p256dh, auth));
    for (const body of bodies) {
      const plain = ece.decrypt(body, { version: 'aes128gcm', privateKey: browser, authSecret: auth.toString('base64url') });
      expect(plain.toString()).toBe(text);
    }
    // A fresh key pair and salt each time: the same message never encrypts the same way twice.
    expect(bodies[0]?.subarray(0, 86).equals(bodies[1]?.subarray(0, 86) ?? Buffer.alloc(0))).toBe(false);
  });

  test('another browser’s keys cannot read it', () => {
    const browser = createECDH('prime256v1');
    const other = createECDH('prime256v1');
    other.generateKeys();
    const body = encryptPayload(Buffer.from('只给订阅者'), browser.generateKeys(), randomBytes(16));
    expect(() =>
      ece.decrypt(body, { version: 'aes128gcm', privateKey: other, authSecret: randomBytes(16).toString('base64url') }),
    ).toThrow();
  });
});

describe('Retry-After from a push service', () => {
  test('reads seconds and HTTP dates, and ignores nonsense', () => {
    const now = Date.parse('2026-07-01T00:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds(['5', '9'], now)).toBe(5);
    expect(retryAfterSeconds('Wed, 01 Jul 2026 00:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Tue, 30 Jun 2026 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  });
});

describe('the encryption threads', () => {
  test('encrypt many messages at once, each readable by its own browser, and refuse a key that is not a point', async () => {
    const pool = createEncryptor(2);
    try {
      const browsers = Array.from({ length: 5 }, () => {
        const ecdh = createECDH('prime256v1');
        return { ecdh, p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
      });
      const payload = Buffer.from(JSON.stringify({ title: '【橙色预警】暴雨' }));
      const bodies = await Promise.all(
        Array.from({ length: 100 }, (_, i) => browsers[i % 5]).map((b) => pool.encrypt(payload, b?.p256dh ?? '', b?.auth ?? '')),
      );
      bodies.forEach((body, i) => {
        const b = browsers[i % 5];
        expect(body).not.toBeNull();
        expect(
          ece
            .decrypt(body ?? Buffer.alloc(0), { version: 'aes128gcm', privateKey: b?.ecdh as never, authSecret: b?.auth ?? '' })
            .toString(),
        ).toBe(payload.toString());
      });
      const bad = Buffer.alloc(65, 4).toString('base64url');
      expect(await pool.encrypt(payload, bad, randomBytes(16).toString('base64url'))).toBeNull();
    } finally {
      await pool.close();
    }
  });
});
