import { useEffect, useState } from 'preact/hooks';
import { call } from '#site/lib/api-client.ts';
import { shortTime } from '../warnings/format.ts';
import { capApi, type FeedItem } from './cap-client.ts';

const OUTCOMES: Record<FeedItem['outcome'], string> = {
  draft: '已生成草稿，等待发布员审核',
  published: '已自动发布（可信发布单位）',
  duplicate: '已有，未重复导入',
  refused: '未导入',
  review: '需要核对后才能生成草稿',
};
/** How often the console asks for new messages from the feeds. */
const POLL_MS = 20_000;
/** How far back the notice looks. */
const RECENT_MS = 24 * 3600_000;

/**
 * The notice publishers see at once when a source feed delivers: new drafts to review, messages that
 * need a decision (opened in the importer), and what was published automatically.
 */
export default function CapInbox({ onReview, admin }: { onReview: (item: FeedItem) => void; admin: boolean }) {
  const [items, setItems] = useState<FeedItem[]>([]);
  const [feeds, setFeeds] = useState(0);
  useEffect(() => {
    let seen = '';
    const load = () =>
      call(capApi.feeds.$get())
        .then((r) => {
          setFeeds(r.feeds.length);
          const recent = r.items.filter((i) => i.outcome !== 'duplicate' && Date.now() - i.at < RECENT_MS);
          const key = recent.map((i) => `${i.id}:${i.outcome}`).join(',');
          // A draft from a feed appears in the warnings list below as well.
          if (seen && key !== seen) dispatchEvent(new Event('yz:warnings-changed'));
          seen = key;
          setItems(recent);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  if (feeds === 0)
    return admin ? (
      <p class="muted">
        尚未设置订阅源。<a href="/admin/cap-feeds/">设置预警订阅源</a>
      </p>
    ) : null;
  const open = items.filter((i) => i.outcome === 'draft' || i.outcome === 'review');
  return (
    <div class="cap-inbox" role="status">
      <p>
        <strong>{open.length ? `订阅源有 ${open.length} 条新消息等待处理` : '订阅源暂无待处理的新消息'}</strong>
        {admin && (
          <>
            {' '}
            · <a href="/admin/cap-feeds/">订阅源设置与状态</a>
          </>
        )}
      </p>
      {items.length > 0 && (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              {shortTime(i.at)} {OUTCOMES[i.outcome]}
              {i.detail ? `：${i.detail}` : ''}
              {i.outcome === 'review' && i.xml && (
                <>
                  {' '}
                  <button type="button" class="secondary" onClick={() => onReview(i)}>
                    核对并导入
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
