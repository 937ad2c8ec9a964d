import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { queryOf } from '../validate.ts';
import type { Campaign } from './campaign-contract.ts';
import { listCampaigns } from './campaign.ts';
import { loadRanking } from './panel-ranking.ts';
import { campaignQuerySchema, type ResultLevel } from './contract.ts';
import { toPublicIdea } from './public-view.ts';

/** `/api/ideas/results`: the awards of an announced campaign (the latest one unless asked). */
export const ideaResults = new Hono<AppEnv>().get('/results', queryOf(campaignQuerySchema), async (c) => {
  const { campaign: wanted } = c.req.valid('query');
  const announced = (await listCampaigns(c.var.database, c.var.now)).filter((x) => x.phase === 'announced');
  announced.sort((a, b) => (b.announcedAt ?? 0) - (a.announcedAt ?? 0));
  const campaign: Campaign | undefined = wanted ? announced.find((x) => x.id === wanted) : announced[0];
  const campaigns = announced.map((x) => ({ id: x.id, title: x.title, announcedAt: x.announcedAt }));
  if (!campaign) return c.json({ campaigns, campaign: null, levels: [] as ResultLevel[] }, 200);
  const ranking = (await loadRanking(c.var.database, campaign)).filter((r) => r.idea.award);
  const levels: ResultLevel[] = campaign.awards.map((a) => ({
    code: a.code,
    name: a.name,
    ideas: ranking.filter((r) => r.idea.award === a.code).map((r) => ({ ...toPublicIdea(r.idea, campaign), score: r.score })),
  }));
  return c.json({ campaigns, campaign, levels: levels.filter((l) => l.ideas.length > 0) }, 200);
});
