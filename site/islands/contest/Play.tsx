import { useEffect, useState } from 'preact/hooks';
import type { Attempt, AttemptFinished, AttemptRunning, AttemptWaiting } from '#api/contests/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import Answering from './Answering.tsx';
import { codeFromUrl, codeParam, contestApi, resident } from './contest-api.ts';
import './contest.css';
import './contest-play.css';
import Result from './Result.tsx';
import { deviceToken, keepAttempt, readPerson, savedAttempt } from './storage.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'waiting'; attempt: AttemptWaiting }
  | { kind: 'running'; attempt: AttemptRunning; loadedAt: number }
  | { kind: 'submitting' }
  | { kind: 'finished'; attempt: AttemptFinished };

const loadAttempt = (token: string) => call(contestApi.attempts[':token'].$get({ param: { token } }), resident);

const focusResult = () => requestAnimationFrame(() => document.getElementById('result')?.focus());

/** /contest/play/?code=…: the attempt kept in this browser — answering it, or its result. */
export default function Play() {
  const code = codeFromUrl();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const show = (attempt: Attempt, loadedAt: number) =>
    setState(
      attempt.state === 'waiting'
        ? { kind: 'waiting', attempt }
        : attempt.state === 'running'
          ? { kind: 'running', attempt, loadedAt }
          : { kind: 'finished', attempt },
    );
  // In the lobby: ask again every few seconds (spread, so a hall does not ask at once) and at the opening time.
  useEffect(() => {
    if (state.kind !== 'waiting') return;
    const wait = Math.min(state.attempt.startsInMs + 200, 3000 + Math.random() * 2000);
    const t = window.setTimeout(() => void load(), wait);
    return () => window.clearTimeout(t);
  }, [state]);

  const load = async () => {
    const token = savedAttempt(code);
    if (!token) return setState({ kind: 'none' });
    const sentAt = performance.now();
    try {
      show((await loadAttempt(token)).attempt, sentAt);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) {
        keepAttempt(code, null);
        return setState({ kind: 'none' });
      }
      setState({ kind: 'error', message: err instanceof ApiRequestError ? err.message : '加载失败，请检查网络后重试。' });
    }
  };
  useEffect(() => void load(), []);

  const refresh = async (): Promise<AttemptRunning | null> => {
    const token = savedAttempt(code);
    if (!token) return null;
    const { attempt } = await loadAttempt(token);
    if (attempt.state === 'running') return attempt;
    if (attempt.state === 'finished') setState({ kind: 'finished', attempt });
    return null;
  };

  const submit = async () => {
    const token = savedAttempt(code);
    if (!token) return;
    setState({ kind: 'submitting' });
    for (;;) {
      try {
        setState({
          kind: 'finished',
          attempt: (await call(contestApi.attempts[':token'].submit.$post({ param: { token } }), resident)).attempt,
        });
        return focusResult();
      } catch (err) {
        // The server closes the attempt at its deadline anyway; keep trying until it answers.
        if (err instanceof ApiRequestError && err.status !== 0 && err.status < 500) return load();
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  };

  const retry = async () => {
    const person = readPerson();
    if (!person) return location.assign(`/contest/join/?code=${code}`);
    try {
      const sentAt = performance.now();
      const { attempt } = await call(
        contestApi.join[':code'].$post({ param: codeParam(code), json: { ...person, deviceToken: deviceToken() } }),
        resident,
      );
      keepAttempt(code, attempt.token);
      show(attempt, sentAt);
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiRequestError ? err.message : '出了点问题，请稍后再试。' });
    }
  };

  if (state.kind === 'loading') return <p aria-live="polite">正在载入……</p>;
  if (state.kind === 'submitting') return <p aria-live="polite">正在交卷……如果网络断了，恢复后会自动继续。</p>;
  if (state.kind === 'none')
    return (
      <p class="notice">
        这台设备上没有这个竞赛的答题记录。<a href={`/contest/join/${code ? `?code=${code}` : ''}`}>输入竞赛码加入</a>
      </p>
    );
  if (state.kind === 'error')
    return (
      <div role="alert">
        <p class="form-error">{state.message}</p>
        <button type="button" onClick={() => void load()}>
          重试
        </button>
      </div>
    );
  const contest = state.attempt.contest;
  if (state.kind === 'waiting')
    return (
      <div class="play">
        <section class="card waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title">已加入，等待竞赛开始</h2>
          <p>
            <strong>{contest.title}</strong>
            <br />
            {state.attempt.participant.name}
            {state.attempt.participant.team && `（${state.attempt.participant.team}）`}
          </p>
          <p aria-live="polite">
            组织者宣布开始后，第一题会自动出现在这里，不用刷新。答题限时 {contest.timeLimitMs / 60_000} 分钟，从开始时算起。
          </p>
        </section>
      </div>
    );
  return (
    <div class="play">
      <p class="play-title no-print">
        <strong>{contest.title}</strong>
        <br />
        {state.attempt.participant.name}
        {state.attempt.participant.team && `（${state.attempt.participant.team}）`}
      </p>
      {state.kind === 'running' ? (
        <Answering
          key={state.attempt.token}
          attempt={state.attempt}
          loadedAt={state.loadedAt}
          onRefresh={refresh}
          onSubmit={() => void submit()}
        />
      ) : (
        <Result r={state.attempt} onRetry={() => void retry()} />
      )}
    </div>
  );
}
