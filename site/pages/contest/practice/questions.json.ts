import type { APIRoute } from 'astro';
import { contestBank } from '#api/contests/bank.ts';
import type { PracticeItem, practiceBankSchema } from '#api/contests/contract.ts';
import type { z } from 'zod';

/**
 * /contest/practice/questions.json: the open part of the bank with answers, for 练一练 (practice is
 * not a contest). Reserved questions stay on the server: contests drawn from them cannot be looked up.
 */
export const GET: APIRoute = () => {
  const questions = contestBank()
    .filter((q) => !q.reserved)
    .map((q): PracticeItem => ({
      id: q.id,
      type: q.type,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
      difficulty: q.difficulty,
      audience: q.audience,
      category: q.category,
      guide: q.guide,
      guideTitle: q.guideTitle,
    }));
  const body: z.output<typeof practiceBankSchema> = { questions };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
