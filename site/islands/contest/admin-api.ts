// The organiser's side of the contest API, for the admin islands.
import type {
  Certificate,
  ContestDetail,
  ContestInput,
  ContestPatch,
  ContestSummary,
  QuestionStat,
  RankedTeam,
  ResultRow,
} from '../../../api/contests/contract.ts';
import { apiFetch } from '../../lib/api-client.ts';
import { formatDate, formatTime } from '../../lib/dates.ts';

const base = '/api/admin/contests';

/** Participation per team. */
export type Participation = Array<{ team: string; joined: number; finished: number }>;

/** A bank question as the organiser's picker lists it. */
export interface BankEntry {
  id: string;
  stem: string;
  type: 'single' | 'multiple' | 'truefalse';
  difficulty: number;
  category: string;
  audience: string[];
  guideTitle: string;
  /** Contest-only: not shown in 练一练. */
  reserved: boolean;
}

export const listContests = () => apiFetch<{ contests: ContestSummary[] }>(base);
export const loadBank = (audience: string) => apiFetch<{ questions: BankEntry[] }>(`${base}/bank?audience=${encodeURIComponent(audience)}`);
export const createContest = (input: ContestInput) => apiFetch<{ contest: ContestDetail }>(base, { method: 'POST', json: input });
export const loadContest = (id: number) => apiFetch<{ contest: ContestDetail }>(`${base}/${id}`);
export const patchContest = (id: number, patch: ContestPatch) =>
  apiFetch<{ contest: ContestDetail }>(`${base}/${id}`, { method: 'PATCH', json: patch });
export const archiveContest = (id: number, archived: boolean) =>
  apiFetch<{ archived: boolean }>(`${base}/${id}/archive`, { method: 'POST', json: { archived } });
export const deleteContest = (id: number) => apiFetch<{ deleted: boolean }>(`${base}/${id}`, { method: 'DELETE' });
export const closeContest = (id: number) => apiFetch<{ closesAt: number }>(`${base}/${id}/close`, { method: 'POST', json: {} });
export const extendContest = (id: number, closesAt: number) =>
  apiFetch<{ closesAt: number }>(`${base}/${id}/extend`, { method: 'POST', json: { closesAt } });
export const grantExtraTime = (id: number, body: { name: string; team: string; minutes: number }) =>
  apiFetch<{ runningAttempts: number }>(`${base}/${id}/extra-time`, { method: 'POST', json: body });
export const loadLive = (id: number) =>
  apiFetch<{ status: string; participation: Participation; teams: RankedTeam[]; finished: number; now: number }>(`${base}/${id}/live`);
export const loadResults = (id: number) =>
  apiFetch<{ rows: ResultRow[]; questions: QuestionStat[]; teams: RankedTeam[]; participation: Participation; total: number }>(
    `${base}/${id}/results`,
  );
export const loadCertificates = (id: number) => apiFetch<{ certificates: Certificate[]; final: boolean }>(`${base}/${id}/certificates`);

/** Links to the files the browser downloads or shows directly. */
export const csvUrl = (id: number) => `${base}/${id}/results.csv`;
export const qrUrl = (id: number) => `${base}/${id}/qr.svg`;

/** `?id=` of the page, or NaN. */
export const idFromUrl = (): number => (typeof location === 'undefined' ? NaN : Number(new URLSearchParams(location.search).get('id')));

/** `2027年5月12日 周三 09:00`. */
export const when = (ms: number) => `${formatDate(new Date(ms))} ${formatTime(new Date(ms))}`;

/** Status in words. */
export const STATUS_NAMES: Record<string, string> = { scheduled: '未开始', open: '进行中', closed: '已结束' };

/** `YYYY-MM-DDTHH:mm` in Yangzhou time, for a datetime-local input. */
export function toLocalInput(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as Yangzhou time (UTC+8, no daylight saving), in unix ms. */
export function fromLocalInput(value: string): number {
  return Date.parse(`${value}:00+08:00`);
}
