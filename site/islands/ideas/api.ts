import type { ClientResponse } from 'hono/client';
import type { ideasApi } from '#api/ideas/index.ts';
import { apiClient, call } from '#site/lib/api-client.ts';

/** `/api/ideas` through Hono's typed client: what residents do with 金点子. */
export const ideasClient = apiClient<typeof ideasApi>('/api/ideas');

/** One idea's routes (`/api/ideas/:id`). */
export const ideaClient = ideasClient[':id{[0-9]+}'];

/** A call from a resident's page: no account, so a 401 never sends anyone to the sign-in page. */
export const ask = <R extends ClientResponse<unknown, number, string>>(request: Promise<R>) => call(request, { redirectOn401: false });
