import type { adminCampaigns } from '#api/ideas/admin-campaigns.ts';
import type { adminIdeas } from '#api/ideas/admin-ideas.ts';
import { apiClient } from '#site/lib/api-client.ts';

/** `/api/admin/ideas` through Hono's typed client: moderation, the word list and feedback. */
export const adminIdeasClient = apiClient<typeof adminIdeas>('/api/admin/ideas');

/** `/api/admin/campaigns` through Hono's typed client: campaigns, the panel, scores and awards. */
export const campaignsClient = apiClient<typeof adminCampaigns>('/api/admin/campaigns');

/** One campaign's routes (`/api/admin/campaigns/:id`). */
export const campaignClient = campaignsClient[':id{[0-9]+}'];
