import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { ideaCampaigns, type IdeaCampaignRow } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import type { Campaign } from './campaign-contract.ts';
import type { Phase } from './labels.ts';

/** The phase at `now`: announcing is explicit; the others follow the dates. */
function phaseAt(row: Pick<IdeaCampaignRow, 'announcedAt' | 'collectStartsAt' | 'collectEndsAt'>, now: number): Phase {
  if (row.announcedAt !== null) return 'announced';
  if (now < row.collectStartsAt) return 'upcoming';
  if (now < row.collectEndsAt) return 'collecting';
  return 'judging';
}

/** A stored row as a campaign (the JSON columns were validated when written). */
function toCampaign(row: IdeaCampaignRow, now: number): Campaign {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    themes: row.themes,
    phase: phaseAt(row, now),
    collectStartsAt: row.collectStartsAt,
    collectEndsAt: row.collectEndsAt,
    judgingEndsAt: row.judgingEndsAt,
    announcedAt: row.announcedAt,
    awards: row.awards,
    criteria: row.criteria,
    contactRetentionDays: row.contactRetentionDays,
  };
}

/** Every campaign, newest first. */
export async function listCampaigns(database: Database, now: number): Promise<Campaign[]> {
  const rows = await database.db.select().from(ideaCampaigns).orderBy(desc(ideaCampaigns.collectStartsAt), desc(ideaCampaigns.id));
  return rows.map((r) => toCampaign(r, now));
}

/** One campaign, or a 404 a resident understands. */
export async function campaignOr404(database: Database, id: number, now: number): Promise<Campaign> {
  const row = await database.db.query.ideaCampaigns.findFirst({ where: eq(ideaCampaigns.id, id) });
  if (!row) throw apiError(404, 'campaign_not_found', '没有找到这个征集活动。');
  return toCampaign(row, now);
}

/** Refuses unless the campaign is in `phase`, with a message saying what phase it is in. */
export function requirePhase(campaign: Campaign, phase: Phase, doing: string): void {
  if (campaign.phase === phase) return;
  const why: Record<Phase, string> = {
    upcoming: '征集还没有开始',
    collecting: '活动还在征集阶段',
    judging: '征集已经结束，正在评审',
    announced: '评选结果已经公布',
  };
  throw apiError(409, `phase_${campaign.phase}`, `${why[campaign.phase]}，现在不能${doing}。`);
}

/** Name of the award with `code` in `campaign`, or null. */
export function awardName(campaign: Campaign, code: string | null): string | null {
  return code ? (campaign.awards.find((a) => a.code === code)?.name ?? null) : null;
}
