import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

/** `GET /api/map`: the shelter map's base layer as configured at run time, or `tiles: null` when none is. */
export const mapConfig = new Hono<AppEnv>().get('/', (c) => {
  const t = c.var.env.mapTiles;
  return c.json({
    tiles: t ? { url: t.url, labelUrl: t.labelUrl, subdomains: t.subdomains, attribution: t.attribution, maxZoom: t.maxZoom } : null,
  });
});
