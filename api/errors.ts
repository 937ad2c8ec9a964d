import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { isDatabaseUnavailable } from './db/client.ts';
import { logError } from './log.ts';

/** The body of every API error response. */
export const apiErrorSchema = z.object({
  error: z.object({
    /** Stable machine-readable code, e.g. `invalid_input`. */
    code: z.string(),
    /** Plain Chinese a resident can act on. */
    message: z.string(),
    /** Per-field messages for invalid input, keyed by dotted path. */
    fields: z.record(z.string(), z.string()).optional(),
    /** For a conflict: the current version of what the request tried to change. */
    current: z.object({ id: z.number(), url: z.string() }).optional(),
  }),
});

/** An API error response body. */
export type ApiError = z.output<typeof apiErrorSchema>;

/** Builds an HTTPException whose response carries the project's JSON error body. */
export function apiError(
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
  current?: { id: number; url: string },
): HTTPException {
  const body: ApiError = { error: { code, message, ...(fields ? { fields } : {}), ...(current ? { current } : {}) } };
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
  return new HTTPException(status, { res, message });
}

/** Messages for the statuses Hono's own middleware raises without a JSON body. */
const defaults: Partial<Record<number, [string, string]>> = {
  400: ['bad_request', '请求格式不正确，请检查后重试。'],
  401: ['unauthorized', '请先登录。'],
  403: ['forbidden', '你没有进行此操作的权限。'],
  404: ['not_found', '没有找到你要的内容。'],
  405: ['method_not_allowed', '不支持这种请求方式。'],
  413: ['payload_too_large', '提交的内容太大，请精简后再试。'],
  415: ['unsupported_media_type', '请以 JSON 格式提交（Content-Type: application/json）。'],
  429: ['rate_limited', '操作太频繁，请稍后再试。'],
};

/** Whether `err` (or what it wraps, e.g. drizzle's DrizzleQueryError) is a violated SQLite constraint. */
export function isConstraintError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return true;
    if (e instanceof Error && /constraint failed/i.test(e.message)) return true;
  }
  return false;
}

/** Hono `onError`: keeps an HTTPException's own status, answers JSON under /api, logs real bugs. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof HTTPException) {
    const res = err.getResponse();
    if (res.headers.get('content-type')?.includes('application/json')) return res;
    const status = err.status as ContentfulStatusCode;
    const [code, message] = defaults[status] ?? ['error', err.message || '请求无法处理。'];
    const fixed = err.message === 'Malformed JSON in request body' ? '提交的 JSON 无法解析，请检查格式。' : message;
    return c.json({ error: { code, message: fixed } } satisfies ApiError, status, Object.fromEntries(res.headers));
  }
  // Two requests racing for the same row: the database let one through, the other is a conflict.
  if (isConstraintError(err))
    return c.json(
      { error: { code: 'conflict', message: '刚才有人同时修改了同一内容，你的操作没有生效。请刷新后查看最新情况。' } } satisfies ApiError,
      409,
    );
  if (isDatabaseUnavailable(err)) {
    logError(`[db] unavailable during ${c.req.method} ${c.req.path}`, err);
    return databaseUnavailable(c);
  }
  logError(`[error] ${c.req.method} ${c.req.path}`, err);
  return c.json({ error: { code: 'internal', message: '服务器出了点问题，我们会尽快修复。请稍后再试。' } } satisfies ApiError, 500);
};

/** JSON 404 for unknown API routes. */
export const apiNotFound: NotFoundHandler = (c: Context) =>
  c.json({ error: { code: 'not_found', message: '没有这个接口，请检查地址。' } } satisfies ApiError, 404);

/** Seconds a client is asked to wait when the database is down or too slow. */
export const DB_RETRY_AFTER_SECONDS = 10;

/** 503 with Retry-After: the database is down, too slow, or cannot be written; nothing was changed. */
export const databaseUnavailable = (c: Context) =>
  c.json(
    {
      error: {
        code: 'database_unavailable',
        message: '系统暂时无法读写数据，你的操作没有生效，请稍后再试。预警信息请以预警页面、广播电视和 12379 短信为准。',
      },
    } satisfies ApiError,
    503,
    { 'retry-after': String(DB_RETRY_AFTER_SECONDS) },
  );
