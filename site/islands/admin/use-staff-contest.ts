import { useEffect, useState } from 'preact/hooks';
import type { ContestDetail } from '#api/contests/contract.ts';
import { call } from '#site/lib/api-client.ts';
import { adminContestApi } from '../contest/contest-api.ts';
import { useActionStatus } from './action-status.tsx';
import { can, useAccount } from './session.ts';

/**
 * The contest of `?id=` as its organiser sees it (detail page, poster, projector): the signed-in
 * account, the contest once loaded, the load error in the API's words, and `reload`.
 */
export function useStaffContest(id: number) {
  const me = useAccount();
  const { run, error } = useActionStatus();
  const [contest, setContest] = useState<ContestDetail | null>(null);
  const reload = () =>
    run(
      async () => setContest((await call(adminContestApi[':id'].$get({ param: { id: String(id) } }))).contest),
      '',
      undefined,
      '载入失败，请刷新重试。',
    );
  useEffect(() => {
    if (can(me, 'organizer')) void reload();
  }, [me]);
  return { me, contest, error, reload };
}
