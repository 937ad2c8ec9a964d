import { areaName } from '../domain/areas.ts';
import type { IdeaRow } from '../db/schema.ts';
import type { Campaign } from './campaign-contract.ts';
import { awardName } from './campaign.ts';
import type { PublicIdea, PublicIdeaDetail } from './contract.ts';

/** The public summary of `row` (its campaign decides whether the award is visible yet). */
export function toPublicIdea(row: IdeaRow, campaign: Campaign | undefined): PublicIdea {
  return {
    id: row.id,
    campaignId: row.campaignId,
    title: row.title,
    summary: row.summary,
    theme: row.theme,
    district: row.district,
    districtName: areaName(row.district),
    displayName: row.displayName,
    supportCount: row.supportCount,
    hasPhoto: row.hasPhoto,
    shortlisted: row.shortlisted,
    award: campaign?.phase === 'announced' ? awardName(campaign, row.award) : null,
    publishedAt: row.publishedAt,
  };
}

/** The public page of `row`. */
export function toPublicDetail(row: IdeaRow, campaign: Campaign): PublicIdeaDetail {
  return {
    ...toPublicIdea(row, campaign),
    body: row.body,
    panelFeedback: row.panelFeedback,
    campaign: { id: campaign.id, title: campaign.title, phase: campaign.phase },
  };
}
