import { sql, type SQL } from 'drizzle-orm';
import { IDEA_LIMITS } from './labels.ts';

/**
 * Supports counted per client address and idea. A school, office or flat behind one address can
 * still add this many; a script rotating device tokens from one address cannot add more. Every
 * support is kept (and shown to staff as the raw count), only the public count is capped.
 * Migration 0006 repeats the number in its backfill.
 */
export const SUPPORTS_PER_ADDRESS = IDEA_LIMITS.supportsPerAddress;

/**
 * The three support figures of idea `id`, recomputed from `idea_supports` in one UPDATE's SET:
 * 支持数 = Σ over distinct addresses of min(devices from that address, SUPPORTS_PER_ADDRESS).
 */
export function supportFigures(id: number | SQL): { supportCount: SQL<number>; supportRaw: SQL<number>; supportAddresses: SQL<number> } {
  return {
    supportCount: sql<number>`(SELECT coalesce(sum(min(n, ${SUPPORTS_PER_ADDRESS})), 0)
      FROM (SELECT count(*) AS n FROM idea_supports WHERE idea_id = ${id} GROUP BY ip_hash))`,
    supportRaw: sql<number>`(SELECT count(*) FROM idea_supports WHERE idea_id = ${id})`,
    supportAddresses: sql<number>`(SELECT count(DISTINCT ip_hash) FROM idea_supports WHERE idea_id = ${id})`,
  };
}
