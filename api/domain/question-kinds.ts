// The codes that classify guides and knowledge questions: plain data with no imports, so islands,
// the content schemas and the API share one list.
import { codesOf } from './label-table.ts';

/** The four classes of emergency (《突发事件应对法》), by code, with their names. */
export const CATEGORY_NAMES = {
  natural: '自然灾害',
  accident: '事故灾难',
  health: '公共卫生事件',
  social: '社会安全事件',
} as const;
/** A category code. */
export type CategoryCode = keyof typeof CATEGORY_NAMES;
/** The category codes, in order. */
export const CATEGORY_CODES = codesOf(CATEGORY_NAMES);

/** Question types: 单选, 多选, 判断. */
export const TYPE_CODES = ['single', 'multiple', 'truefalse'] as const;
/** A question type. */
export type TypeCode = (typeof TYPE_CODES)[number];

/** Audiences a question suits. */
export const AUDIENCES = ['小学', '中学', '成人'] as const;
/** An audience. */
export type AudienceCode = (typeof AUDIENCES)[number];
