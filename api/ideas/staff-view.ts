import { areaName } from '../domain/areas.ts';
import type { IdeaRow } from '../db/schema.ts';
import type { StaffIdea } from './contract.ts';

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

/** Column heads of an idea's own text in the staff CSV exports. */
export const IDEA_TEXT_COLUMNS = ['标题', '简介', '正文', '主题', '县（市、区）', '署名'];

/** The cells under {@link IDEA_TEXT_COLUMNS}. */
export function ideaTextCells(i: Pick<IdeaRow, 'title' | 'summary' | 'body' | 'theme' | 'district' | 'displayName'>): string[] {
  return [i.title, i.summary, i.body, i.theme, areaName(i.district), i.displayName ?? '匿名'];
}
