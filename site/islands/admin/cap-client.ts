import type { adminCap } from '#api/cap/routes.ts';
import { apiClient, type BodyOf } from '#site/lib/api-client.ts';

/** `/api/admin/cap`: CAP import (publishers), source feeds and trusted senders (admins). */
export const capApi = apiClient<typeof adminCap>('/api/admin/cap');

/** `GET /api/admin/cap/feeds`: the feeds with their state, what they delivered lately, the trusted senders. */
export type CapFeedsState = BodyOf<typeof capApi.feeds.$get>;

/** A document a source feed delivered. */
export type FeedItem = CapFeedsState['items'][number];
