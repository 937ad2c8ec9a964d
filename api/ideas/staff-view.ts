import { areaName } from '../domain/areas.ts';
import type { IdeaRow } from '../db/schema.ts';
import type { IdeaStatus } from './labels.ts';

/** An idea as moderators and admins see it: with the contact, never the hashes or the receipt. */
export interface StaffIdea {
  id: number;
  campaignId: number;
  title: string;
  summary: string;
  body: string;
  theme: string;
  district: string;
  districtName: string;
  displayName: string | null;
  /** Null once erased (see `contactErasedAt`). */
  contact: string | null;
  contactErasedAt: number | null;
  status: IdeaStatus;
  flagged: boolean;
  flagReasons: string[];
  hiddenByReports: boolean;
  moderationNote: string | null;
  panelFeedback: string | null;
  duplicateOfId: number | null;
  /** 支持数 as the public sees it (capped per address). */
  supportCount: number;
  /** Every device's support, uncapped. */
  supportRaw: number;
  /** Distinct client addresses among the supports. */
  supportAddresses: number;
  shortlisted: boolean;
  award: string | null;
  hasPhoto: boolean;
  createdAt: number;
  publishedAt: number | null;
  /** Residents' reports not yet dealt with. */
  openReports: string[];
}

/** The staff view of `row` with its open reports' reasons. */
export function toStaffIdea(row: IdeaRow, openReports: string[] = []): StaffIdea {
  return {
    id: row.id,
    campaignId: row.campaignId,
    title: row.title,
    summary: row.summary,
    body: row.body,
    theme: row.theme,
    district: row.district,
    districtName: areaName(row.district),
    displayName: row.displayName,
    contact: row.contact,
    contactErasedAt: row.contactErasedAt,
    status: row.status,
    flagged: row.flagged,
    flagReasons: row.flagReasons ?? [],
    hiddenByReports: row.hiddenByReports,
    moderationNote: row.moderationNote,
    panelFeedback: row.panelFeedback,
    duplicateOfId: row.duplicateOfId,
    supportCount: row.supportCount,
    supportRaw: row.supportRaw,
    supportAddresses: row.supportAddresses,
    shortlisted: row.shortlisted,
    award: row.award,
    hasPhoto: row.hasPhoto,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    openReports,
  };
}
