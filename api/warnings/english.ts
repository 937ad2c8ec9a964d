import {
  AREA_NAMES_EN,
  HAZARD_NAMES_EN,
  OFFICE_NAMES_EN,
  RESPONSE_NAMES_EN,
  STATUS_NAMES_EN,
  levelNameEn,
  warningTitleEn,
} from '../domain/english.ts';
import type { WarningRow } from '../db/schema-warnings.ts';

/** A warning's English side: names made from its codes, and the publisher's English text when there is one. */
export function englishView(w: WarningRow) {
  const hazardName = HAZARD_NAMES_EN[w.hazard] ?? w.hazard;
  return {
    title: warningTitleEn(w),
    hazardName,
    levelName: levelNameEn(w.level),
    statusName: STATUS_NAMES_EN[w.status],
    senderName: OFFICE_NAMES_EN[w.senderName] ?? w.senderName,
    responseName: RESPONSE_NAMES_EN[w.responseType] ?? w.responseType,
    areas: w.areas.map((code) => AREA_NAMES_EN[code] ?? code),
    /** The publisher's English, or null when they left it empty (the page then says so). */
    headline: w.headlineEn,
    description: w.descriptionEn,
    instruction: w.instructionEn,
    url: `/en/warnings/${w.id}/`,
  };
}

/** The English side of a warning as the public API returns it. */
export type EnglishWarning = ReturnType<typeof englishView>;

/** English for a Cancel, when the message it ends had English: the reason stays in Chinese, marked as such. */
export function englishCancel(previous: WarningRow, allClear: boolean, reason: string) {
  if (!previous.headlineEn) return { headlineEn: null, descriptionEn: null, instructionEn: null };
  const hazard = HAZARD_NAMES_EN[previous.hazard] ?? previous.hazard;
  return {
    headlineEn: allClear ? 'the danger has passed' : 'the earlier warning was cancelled',
    descriptionEn: `${allClear ? `The ${hazard.toLowerCase()} warning has been lifted.` : `The earlier ${hazard.toLowerCase()} warning has been cancelled.`} The office's note (in Chinese): ${reason}`,
    instructionEn: allClear
      ? 'The danger has passed and you can go back to normal activities. Still watch out for standing water, fallen trees and other after-effects.'
      : 'The earlier warning no longer applies. Follow the latest information.',
  };
}
