import { useEffect, useState } from 'preact/hooks';
import type { DeliveryProgress as Delivery } from '#api/warnings/contract.ts';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { warningId, warningsApi } from './warnings-client.ts';

/** How often progress is asked for while the job runs. */
const POLL_MS = 2000;

/** Push delivery progress of one published message, polled every two seconds until the job is done. */
export default function WarningsDelivery({ id, title }: { id: number; title: string }) {
  const [d, setD] = useState<Delivery | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call(warningsApi[':id'].delivery.$get(warningId(id)));
        if (stopped) return;
        setD(next);
        setError('');
        if (next.state === 'done') return;
      } catch (err) {
        if (stopped) return;
        setError(err instanceof ApiRequestError ? err.message : '暂时无法读取推送进度。');
        if (err instanceof ApiRequestError && err.status === 404) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);

  const finished = d ? d.matched - d.pending : 0;
  return (
    <section class="card delivery" aria-labelledby={`delivery-${id}`}>
      <h3 id={`delivery-${id}`}>推送进度：{title}</h3>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {d && (
        <>
          <p role="status">
            {d.state === 'done'
              ? d.matched === 0
                ? '推送完成：没有订阅者符合这条预警的区县、灾种和级别。'
                : `推送完成：共 ${d.matched} 个订阅。`
              : `正在推送：${finished} / ${d.matched}`}
          </p>
          {d.matched > 0 && (
            <progress max={d.matched} value={finished} aria-label="推送进度">
              {finished} / {d.matched}
            </progress>
          )}
          <dl class="delivery-counts">
            <dt>符合条件</dt>
            <dd>{d.matched}</dd>
            <dt>已送达推送服务</dt>
            <dd>{d.sent}</dd>
            <dt>失败</dt>
            <dd>{d.failed}</dd>
            <dt>订阅已失效（已删除）</dt>
            <dd>{d.removed}</dd>
            <dt>等待中</dt>
            <dd>{d.pending}</dd>
            {d.approval && (
              <>
                <dt>审核人（四眼原则）</dt>
                <dd>
                  {d.approval.approvedBy}，{d.approval.approvedAt.slice(0, 16).replace('T', ' ')}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      {!d && !error && <p>正在读取推送进度……</p>}
    </section>
  );
}
