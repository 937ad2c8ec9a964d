import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { capTrustedSenders } from '../db/schema-cap.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { isConstraintError } from '../errors.ts';
import { notifyDelivery } from '../push/worker-signal.ts';
import { needsApproval } from '../warnings/approval.ts';
import { findWarning, publishDraft } from '../warnings/store.ts';

/** Account id recorded as publisher of what a trusted source published by itself (no account has id 0). */
export const FEED_PUBLISHER = 0;

/** What became of a draft from a feed: published, left for publishers, or waiting for a second publisher. */
export type AutoOutcome = { published: true } | { published: false; why: string };

/**
 * Publishes a draft that came from a feed when its sender is trusted, with the rules of a
 * hand-published message: a red or whole-city message waits for a publisher's approval (四眼原则)
 * unless the admin exempted this sender; an update or cancel needs its message still live.
 */
export async function publishIfTrusted(database: Database, draft: WarningRow, now: number): Promise<AutoOutcome> {
  const trusted = await database.db.query.capTrustedSenders.findFirst({ where: eq(capTrustedSenders.sender, draft.sender) });
  if (!trusted) return { published: false, why: '发布单位不在自动发布名单中，等待发布员审核。' };
  const grave = await needsApproval(database, draft);
  if (grave && !trusted.exemptTwoPerson)
    return { published: false, why: '这是红色或发往全市的预警，须由一位发布员审核后发布（四眼原则）。' };
  if (draft.replaces) {
    const previous = await findWarning(database, draft.replaces);
    if (!previous || previous.state !== 'published' || previous.supersededBy !== null || previous.expires <= now)
      return { published: false, why: '它要更新或解除的预警已不再有效，等待发布员处理。' };
  }
  const action = draft.msgType === 'Alert' ? 'warning.publish' : draft.msgType === 'Update' ? 'warning.update' : 'warning.cancel';
  const audits = (identifier: string) => [
    {
      at: now,
      actorId: null,
      actorName: 'cap-feed',
      action,
      detail: {
        identifier,
        level: draft.level,
        status: draft.status,
        trustedSender: draft.sender,
        ...(grave ? { twoPersonRule: 'exempted' } : {}),
        ...(draft.replaces ? { replaces: draft.replaces } : {}),
      },
    },
  ];
  const published = await publishDraft(database, draft, FEED_PUBLISHER, now, audits).catch((err: unknown) => {
    if (isConstraintError(err)) return null;
    throw err;
  });
  if (!published) return { published: false, why: '另一条更新或解除已先发布，等待发布员处理。' };
  notifyDelivery();
  return { published: true };
}
