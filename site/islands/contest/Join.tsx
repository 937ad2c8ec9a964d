import { useEffect, useState } from 'preact/hooks';
import type { ContestPublic } from '../../../api/contests/contract.ts';
import { ApiRequestError } from '../../lib/api-client.ts';
import { LOBBY_MS } from '../../../api/contests/labels.ts';
import ContestFacts from './ContestFacts.tsx';
import { codeFromUrl, joinContest, lookupContest } from './contest-api.ts';
import './contest.css';
import JoinForm from './JoinForm.tsx';
import { deviceToken, keepAttempt, keepPerson, readPerson, savedAttempt, type Person } from './storage.ts';

/** Whether the contest is about to start, so participants may join and wait. */
const inLobby = (c: ContestPublic) => c.status === 'scheduled' && c.opensAt - c.now <= LOBBY_MS;

const message = (err: unknown) => (err instanceof ApiRequestError ? err.message : '出了点问题，请稍后再试。');

/** /contest/join/: type the join code (or arrive from the QR code with ?code=), then name and team, then start. */
export default function Join() {
  const [code, setCode] = useState('');
  const [contest, setContest] = useState<ContestPublic | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const find = async (typed: string) => {
    setBusy(true);
    setError('');
    try {
      const { contest: found } = await lookupContest(typed);
      setContest(found);
      history.replaceState(null, '', `?code=${found.code}`);
    } catch (err) {
      setContest(null);
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  // Read after hydration: the page is built once, without a query string.
  useEffect(() => {
    const fromUrl = codeFromUrl();
    if (!fromUrl) return;
    setCode(fromUrl);
    void find(fromUrl);
  }, []);

  const start = async (person: Person) => {
    if (!contest) return;
    setBusy(true);
    setError('');
    try {
      const { attempt } = await joinContest(contest.code, { ...person, deviceToken: deviceToken() });
      keepAttempt(contest.code, attempt.token);
      keepPerson(person);
      location.assign(`/contest/play/?code=${contest.code}`);
    } catch (err) {
      setError(message(err));
      setBusy(false);
    }
  };

  const resumable = contest && savedAttempt(contest.code);
  const lobby = !!contest && inLobby(contest);
  return (
    <div class="contest-join">
      <form
        class="code-form"
        onSubmit={(e) => {
          e.preventDefault();
          // What is in the box, even if it was typed before the page finished loading.
          void find(String(new FormData(e.currentTarget).get('code') ?? code));
        }}
      >
        <label for="join-code">竞赛码（6 位字母和数字，海报上或老师给的）</label>
        <div class="inline-row">
          <input
            id="join-code"
            name="code"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={8}
            required
            class="code-input"
          />
          <button type="submit" disabled={busy}>
            查找竞赛
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {contest && <ContestFacts contest={contest} />}
      {contest && resumable && (
        <p class="notice">
          这台设备已经加入过本次竞赛。<a href={`/contest/play/?code=${contest.code}`}>继续答题或查看成绩</a>
        </p>
      )}
      {contest && (contest.status === 'open' || lobby) && (
        <JoinForm contest={contest} busy={busy} initial={readPerson()} onStart={(p) => void start(p)} />
      )}
      {contest?.status === 'scheduled' && lobby && <p class="notice">竞赛还没开始，可以先加入，等组织者宣布开始。</p>}
      {contest?.status === 'scheduled' && !lobby && <p class="notice">竞赛还没开始，开始前半小时可以先加入等候，请到时再来。</p>}
      {contest?.status === 'closed' && (
        <p class="notice">
          竞赛已经结束。<a href={`/contest/board/?code=${contest.code}`}>查看排行榜</a>
        </p>
      )}
    </div>
  );
}
