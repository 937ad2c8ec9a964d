import type { Hono } from 'hono';
import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '#api/errors.ts';

/** An API error as the islands see it: status, stable code and a message to show. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Where the login page sends the user back to. */
export function loginUrl(next = location.pathname + location.search): string {
  return `/admin/login/?next=${encodeURIComponent(next)}`;
}

/**
 * Hono's typed client for one route group, e.g. `apiClient<typeof adminWarnings>('/api/admin/warnings')`
 * (import the group with `import type`): same-origin credentials and the `X-Requested-With` header the
 * server's forgery check requires. One client per group keeps type checking fast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hc's own bound: any environment, any schema
export function apiClient<T extends Hono<any, any, any>>(base: string) {
  return hc<T>(base, { headers: { 'x-requested-with': 'fetch' }, init: { credentials: 'same-origin' } });
}

/** The body of the successful answers a client call can give (errors are thrown, never returned). */
export type Success<R> = R extends ClientResponse<infer B, infer S, 'json'> ? (S extends SuccessStatusCode ? B : never) : never;

/** The success body of a client method, e.g. `BodyOf<typeof api.feeds.$get>`: a name for what a route answers. */
export type BodyOf<F extends (...args: never[]) => Promise<unknown>> = Success<Awaited<ReturnType<F>>>;

/** Options of {@link call}. */
export interface CallOptions {
  /** A 401 sends the user to the login page and back here afterwards (admin pages); false on residents' pages. */
  redirectOn401?: boolean;
}

/**
 * Awaits a typed client call and returns its success body, typed from the route; any other answer
 * becomes an {@link ApiRequestError} with the API's code, Chinese message and per-field messages.
 */
export async function call<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
  { redirectOn401 = true }: CallOptions = {},
): Promise<Success<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiRequestError(0, 'network', '网络连接失败，请检查网络后重试。');
  }
  if (res.status === 401 && redirectOn401) {
    location.assign(loginUrl());
    throw new ApiRequestError(401, 'unauthorized', '请先登录。');
  }
  const body = (await (res as Response).json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as Partial<ApiError> | null)?.error;
    throw new ApiRequestError(
      res.status,
      err?.code ?? 'error',
      err?.message ?? `请求失败（${res.status}），请稍后再试。`,
      err?.fields ?? {},
    );
  }
  return body as Success<R>;
}
