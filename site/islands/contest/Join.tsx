import { joinSchema, type ContestPublic } from '#api/contests/contract.ts';
import { LOBBY_MS } from '#api/contests/labels.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { CodeForm, useCodeLookup } from './CodeForm.tsx';
import ContestFacts from './ContestFacts.tsx';
import { checked, codeParam, contestApi, resident } from './contest-api.ts';
import './contest.css';
import JoinForm from './JoinForm.tsx';
import { deviceToken, keepAttempt, keepPerson, readPerson, savedAttempt, type Person } from './storage.ts';

/** Whether the contest is about to start, so participants may join and wait. */
const inLobby = (c: ContestPublic) => c.status === 'scheduled' && c.opensAt - c.now <= LOBBY_MS;

const lookupContest = async (typed: string) => {
  const { contest } = await call(contestApi.join[':code'].$get({ param: codeParam(typed) }), resident);
  history.replaceState(null, '', `?code=${contest.code}`);
  return contest;
};

/** /contest/join/: type the join code (or arrive from the QR code with ?code=), then name and team, then start. */
export default function Join() {
  const lookup = useCodeLookup(lookupContest, '出了点问题，请稍后再试。');
  const { found: contest, busy, setBusy, setError } = lookup;

  const start = async (person: Person) => {
    if (!contest) return;
    setBusy(true);
    setError('');
    try {
      // The API's own rules first: a name too long is said at once, offline too.
      const json = checked(joinSchema, { ...person, deviceToken: deviceToken() });
      const { attempt } = await call(contestApi.join[':code'].$post({ param: codeParam(contest.code), json }), resident);
      keepAttempt(contest.code, attempt.token);
      keepPerson(person);
      location.assign(`/contest/play/?code=${contest.code}`);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : '出了点问题，请稍后再试。');
      setBusy(false);
    }
  };

  const resumable = contest && savedAttempt(contest.code);
  const lobby = !!contest && inLobby(contest);
  return (
    <div class="contest-join">
      <CodeForm lookup={lookup} id="join-code" label="竞赛码（6 位字母和数字，海报上或老师给的）" button="查找竞赛" maxLength={8} />
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
