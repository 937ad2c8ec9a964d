import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { apiErrorSchema, onError } from '#api/errors.ts';
import { jsonBody } from '#api/validate.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

// A route shaped like every JSON route of the API, on the real app's error handling and body limit.
function appWithEchoRoute(base: Hono) {
  const echo = new Hono()
    .post('/echo', jsonBody(z.object({ name: z.string().min(2, '请填写姓名') })), (c) => c.json({ hello: c.req.valid('json').name }))
    .get('/teapot', () => {
      throw new HTTPException(418, { message: 'teapot' });
    })
    .get('/bug', () => {
      throw new Error('boom');
    });
  const app = new Hono();
  app.onError(onError);
  app.route('/api/test', echo);
  app.route('/', base);
  return app;
}

describe('API errors', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let app: Hono;
  beforeAll(async () => {
    t = await createTestApp();
    app = appWithEchoRoute(t.app as unknown as Hono);
  });
  afterAll(async () => t.cleanup());

  const errorOf = async (res: Response) => apiErrorSchema.parse(await res.json()).error;

  test('returns 400 with a Chinese message for malformed JSON', async () => {
    const res = await app.request('/api/test/echo', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/JSON/);
  });

  test('returns 415 for a body that is not JSON', async () => {
    const res = await app.request('/api/test/echo', {
      method: 'POST',
      body: 'name=abc',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  test('returns 400 naming the field for invalid input', async () => {
    const res = await app.request('/api/test/echo', jsonInit('POST', { name: 'x' }));
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.fields?.['name']).toBe('请填写姓名');
  });

  test('returns 413 for a body over the default 64 KB limit', async () => {
    const res = await t.app.request('/api/health', jsonInit('POST', { big: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  test('keeps the status of an HTTPException', async () => {
    const res = await app.request('/api/test/teapot');
    expect(res.status).toBe(418);
  });

  test('answers a bug with a JSON 500 that reveals nothing', async () => {
    const res = await app.request('/api/test/bug');
    expect(res.status).toBe(500);
    const err = await errorOf(res);
    expect(err.code).toBe('internal');
    expect(JSON.stringify(err)).not.toContain('boom');
  });
});
