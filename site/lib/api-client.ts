import type { ApiError } from '../../api/errors.ts';

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
 * The site's one way to call its API: JSON in and out, same-origin credentials, and the
 * `X-Requested-With` header the server's forgery check requires. A 401 on an admin page sends the
 * user to the login page and back here afterwards.
 */
export async function apiFetch<T>(
  path: string,
  init: { method?: string; json?: unknown; redirectOn401?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const { method = 'GET', json, redirectOn401 = true, headers = {} } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...headers, 'x-requested-with': 'fetch', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch {
    throw new ApiRequestError(0, 'network', '网络连接失败，请检查网络后重试。');
  }
  if (res.status === 401 && redirectOn401) {
    location.assign(loginUrl());
    throw new ApiRequestError(401, 'unauthorized', '请先登录。');
  }
  const body = (await res.json().catch(() => null)) as (T & Partial<ApiError>) | null;
  if (!res.ok) {
    const err = body?.error;
    throw new ApiRequestError(
      res.status,
      err?.code ?? 'error',
      err?.message ?? `请求失败（${res.status}），请稍后再试。`,
      err?.fields ?? {},
    );
  }
  return body as T;
}
