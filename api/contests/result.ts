import type { Database } from '../db/client.ts';
import type { AttemptRow, ContestRow } from '../db/schema.ts';
import { answersOf, attemptsOf, closeDue } from './attempts.ts';
import { guideTitle } from './bank.ts';
import { certificateOf } from './certificates.ts';
import type { AttemptFinished, ReviewItem } from './contract.ts';
import { placeOf } from './place.ts';
import { isCorrect, toShownChoice } from './scoring.ts';
import { questionsOf, statusOf } from './store.ts';
import { attemptHead, contestPublic, scoreLine } from './views.ts';

/** The participant's view of a finished attempt. */
export async function finishedView(
  database: Database,
  c: ContestRow,
  a: AttemptRow,
  now: number,
  secret: string,
): Promise<AttemptFinished> {
  const questions = await questionsOf(database, c.id);
  // Attempts past their deadline count in the ranks, so the server closes them first.
  await closeDue(database, c.id, now);
  const place = await placeOf(database, c.id, a.participantKey);
  const closed = statusOf(c, now) === 'closed';
  const showAnswers = c.revealAnswers === 'submit' || closed;
  let review: ReviewItem[] | null = null;
  if (showAnswers) {
    const answers = await answersOf(database, a.id);
    const order = a.questionOrder;
    const optionOrders = a.optionOrders;
    review = order.flatMap((position, n) => {
      const q = questions[position];
      if (!q) return [];
      const perm = optionOrders[n] ?? [];
      const given = answers.get(position)?.choice ?? [];
      return [
        {
          n,
          type: q.type,
          stem: q.stem,
          options: perm.map((i) => q.options[i] ?? ''),
          chosen: toShownChoice(given, perm),
          answer: toShownChoice(q.answer, perm),
          right: isCorrect(given, q.answer),
          explanation: q.explanation,
          guide: q.guide,
          guideTitle: guideTitle(q.guide),
        },
      ];
    });
  }
  const mine = await attemptsOf(database, c.id, a.participantKey);
  return {
    state: 'finished',
    ...attemptHead(contestPublic(c, questions.length, now), a, secret),
    finishedBy: a.finishedBy === 'deadline' ? 'deadline' : 'submit',
    ...scoreLine(a, questions.length),
    rank: place.rank,
    ranked: place.ranked,
    final: closed,
    review,
    reviewAt: showAnswers ? null : c.closesAt,
    certificate: certificateOf(c, a, place, now),
    canRetry: !closed && now >= c.opensAt && mine.length < c.attemptsAllowed,
  };
}
