import { z } from 'zod';
import { AUDIENCES, TYPE_CODES } from './question-kinds.ts';

/** A knowledge question as written in content/questions/<guide>.yaml. */
export const questionSchema = z
  .object({
    /** `<guide>-NNN`, unique across the bank. */
    id: z.string().regex(/^[a-z0-9-]+-\d{3}$/, '应为 指南标识-三位编号，例如 rainstorm-001'),
    /** single (单选), multiple (多选) or truefalse (判断). */
    type: z.enum(TYPE_CODES),
    /** The question. */
    stem: z.string().min(4).max(120),
    /** Options in written order; truefalse is exactly [正确, 错误]. */
    options: z.array(z.string().min(1).max(40)).min(2).max(5),
    /** 0-based indexes of the correct options. */
    answer: z.array(z.number().int().min(0)).min(1),
    /** Why the answer is right, in plain words. */
    explanation: z.string().min(8),
    /** 1 easy, 2 medium, 3 hard. */
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Who it suits. */
    audience: z.array(z.enum(AUDIENCES)).min(1),
    /** Contest-only: never published in 练一练, so a contest drawn from these cannot be answered by looking them up. */
    reserved: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    if (q.answer.some((i) => i >= q.options.length)) ctx.addIssue({ code: 'custom', path: ['answer'], message: '答案序号超出选项范围' });
    if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: '答案序号重复' });
    if (q.type === 'single' && q.answer.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '单选题只能有一个正确答案' });
    if (q.type === 'multiple' && q.answer.length < 2)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '多选题至少有两个正确答案' });
    if (q.type === 'truefalse' && (q.options.join('|') !== '正确|错误' || q.answer.length !== 1))
      ctx.addIssue({ code: 'custom', path: ['options'], message: '判断题的选项应为 [正确, 错误]，且只有一个答案' });
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: '选项重复' });
  });

/** A question as written. */
export type QuestionInput = z.output<typeof questionSchema>;

/** A question in the bank, with the guide that teaches it. */
export type Question = QuestionInput & { guide: string };
