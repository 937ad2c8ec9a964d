import { areaName } from '../domain/areas.ts';
import type { IdeaRow } from '../db/schema.ts';
import { awardName, type Campaign } from './campaign.ts';

/**
 * An idea as anyone may see it. Built field by field from the row, so nothing personal (contact,
 * address or device hashes, receipt) can slip into a public response by accident.
 */
export interface PublicIdea {
  id: number;
  campaignId: number;
  title: string;
  summary: string;
  theme: string;
  district: string;
  districtName: string;
  /** Null for 匿名. */
  displayName: string | null;
  supportCount: number;
  hasPhoto: boolean;
  shortlisted: boolean;
  /** Award name, only once the campaign is announced. */
  award: string | null;
  publishedAt: number | null;
}

/** A published idea's page. */
export interface PublicIdeaDetail extends PublicIdea {
  body: string;
  panelFeedback: string | null;
  campaign: { id: number; title: string; phase: Campaign['phase'] };
}

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
