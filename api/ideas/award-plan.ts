import { apiError } from '../errors.ts';
import type { AwardAssignment, Campaign } from './campaign-contract.ts';
import type { RankedIdea } from './panel-ranking.ts';

/** One award decision, checked against the ranking. */
interface AwardDecision {
  ideaId: number;
  award: string | null;
  /** What the ranking suggests. */
  suggested: string | null;
  /** Differs from the ranking: needs (and has) a reason. */
  departs: boolean;
  reason: string | null;
}

/** Shortest reason accepted for departing from the ranking. */
const MIN_REASON = 4;

/**
 * Checks `assignments` (ideas not listed get no award) against the campaign's award levels and the
 * ranking: only shortlisted ideas, no more winners than places, and a written reason wherever the
 * decision differs from what the ranking suggests. Returns the decisions that change something.
 */
export function planAwards(campaign: Campaign, ranking: readonly RankedIdea[], assignments: readonly AwardAssignment[]): AwardDecision[] {
  const byIdea = new Map(assignments.map((a) => [a.ideaId, a]));
  const ranked = new Set(ranking.map((r) => r.ideaId));
  const stray = assignments.find((a) => !ranked.has(a.ideaId));
  if (stray) throw apiError(400, 'not_shortlisted', `金点子 #${stray.ideaId} 不在入围名单中，不能评奖。`);
  const codes = new Map(campaign.awards.map((a) => [a.code, a]));
  for (const level of campaign.awards) {
    const given = assignments.filter((a) => a.award === level.code).length;
    if (given > level.count) throw apiError(400, 'too_many_awards', `${level.name}最多 ${level.count} 个，现在评了 ${given} 个。`);
  }
  const unknown = assignments.find((a) => a.award !== null && !codes.has(a.award));
  if (unknown) throw apiError(400, 'invalid_award', `没有“${unknown.award}”这个奖项。`);
  const decisions = ranking.map((r): AwardDecision => {
    const a = byIdea.get(r.ideaId);
    const award = a?.award ?? null;
    const departs = award !== r.suggestedAward;
    return { ideaId: r.ideaId, award, suggested: r.suggestedAward, departs, reason: departs ? (a?.reason ?? '') : null };
  });
  const unexplained = decisions.filter((d) => d.departs && (d.reason ?? '').length < MIN_REASON);
  if (unexplained.length) {
    const titles = unexplained.map((d) => `#${d.ideaId}`).join('、');
    throw apiError(
      400,
      'departure_needs_reason',
      `${titles} 的奖项与评审排名不一致，请写明理由（至少 ${MIN_REASON} 个字）。`,
      Object.fromEntries(unexplained.map((d) => [`reason.${d.ideaId}`, '请写明偏离排名的理由'])),
    );
  }
  return decisions.filter((d) => d.award !== null || d.departs);
}
