import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { ideas, ideaScores, type IdeaRow } from '../db/schema.ts';
import type { Campaign } from './campaign-contract.ts';
import { rankIdeas, suggestAwards, type RankRow } from './ranking.ts';

/** A ranked shortlisted idea with its row and the award the ranking suggests. */
export interface RankedIdea extends RankRow {
  idea: IdeaRow;
  suggestedAward: string | null;
}

/** Shortlisted, published ideas of `campaign`. */
export function shortlistedIdeas(database: Database, campaignId: number): Promise<IdeaRow[]> {
  return database.db
    .select()
    .from(ideas)
    .where(and(eq(ideas.campaignId, campaignId), eq(ideas.shortlisted, true), eq(ideas.status, 'published')));
}

/** The panel's ranking of `campaign`'s shortlist, from the submitted scores. */
export async function loadRanking(database: Database, campaign: Campaign): Promise<RankedIdea[]> {
  const list = await shortlistedIdeas(database, campaign.id);
  const scores = await database.db
    .select({ ideaId: ideaScores.ideaId, weighted: ideaScores.weighted })
    .from(ideaScores)
    .where(eq(ideaScores.campaignId, campaign.id));
  const means = new Map<number, number[]>();
  for (const s of scores) means.set(s.ideaId, [...(means.get(s.ideaId) ?? []), s.weighted]);
  const ranking = rankIdeas(list.map((i) => ({ ideaId: i.id, supportCount: i.supportCount, judgeMeans: means.get(i.id) ?? [] })));
  const suggested = suggestAwards(ranking, campaign.awards);
  const byId = new Map(list.map((i) => [i.id, i]));
  return ranking.map((r) => ({ ...r, idea: byId.get(r.ideaId) as IdeaRow, suggestedAward: suggested.get(r.ideaId) ?? null }));
}
