import { useEffect, useState } from 'preact/hooks';
import { call, type Success } from '#site/lib/api-client.ts';
import { formatTime } from '#site/lib/dates.ts';
import { adminContestApi } from '../contest/contest-api.ts';
import { ParticipationTable } from '../contest/Table.tsx';

const liveOf = (id: number) => adminContestApi[':id'].live.$get({ param: { id: String(id) } });

/** Participation by team, polled every 10 s while the contest runs. */
export default function ContestsLive({ id, live }: { id: number; live: boolean }) {
  const [data, setData] = useState<Success<Awaited<ReturnType<typeof liveOf>>> | null>(null);
  useEffect(() => {
    const load = () =>
      void call(liveOf(id))
        .then(setData)
        .catch(() => undefined);
    load();
    if (!live) return;
    const timer = window.setInterval(load, 10_000);
    return () => window.clearInterval(timer);
  }, [id, live]);
  if (!data) return null;
  const joined = data.participation.reduce((s, p) => s + p.joined, 0);
  return (
    <section aria-labelledby="live-title">
      <h2 id="live-title">参与情况</h2>
      <p>
        已加入 {joined} 人，已交卷 {data.finished} 人。{live && `每 10 秒自动更新（${formatTime(new Date(data.now))}）。`}
      </p>
      <ParticipationTable rows={data.participation} staff />
    </section>
  );
}
