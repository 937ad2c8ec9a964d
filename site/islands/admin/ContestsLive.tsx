import { useEffect, useState } from 'preact/hooks';
import { loadLive, type Participation } from '../contest/admin-api.ts';
import { formatTime } from '../../lib/dates.ts';

/** Participation by team, polled every 10 s while the contest runs. */
export default function ContestsLive({ id, live }: { id: number; live: boolean }) {
  const [data, setData] = useState<{ participation: Participation; finished: number; now: number } | null>(null);
  useEffect(() => {
    const load = () =>
      void loadLive(id)
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
      <table class="admin-table" tabIndex={0}>
        <caption class="visually-hidden">各队参与情况</caption>
        <thead>
          <tr>
            <th scope="col">队伍</th>
            <th scope="col">已加入</th>
            <th scope="col">已交卷</th>
          </tr>
        </thead>
        <tbody>
          {data.participation.map((p) => (
            <tr key={p.team}>
              <td>{p.team}</td>
              <td>{p.joined}</td>
              <td>{p.finished}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
