import { z } from 'zod';

/** The base map the shelter pages draw, as configured at run time (MAP_TILE_* variables). */
export interface MapTiles {
  /** Leaflet template with `{z}`, `{x}`, `{y}` and optionally `{s}`; the key already filled in. */
  url: string;
  /** An optional second layer drawn on top (天地图's place names, `cva_w`), same form. */
  labelUrl: string | null;
  /** Values for `{s}`. */
  subdomains: string[];
  attribution: string;
  maxZoom: number;
  /** Every origin the tiles come from, for the CSP's img-src. */
  origins: string[];
}

/** The variables, validated with the rest of the environment (api/env.ts). */
export const mapTileEnvSchema = z.object({
  /** XYZ template (`…/{z}/{x}/{y}.png`) or a WMTS GetTile URL (KVP `TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`, or REST `{TileMatrix}/{TileRow}/{TileCol}`). */
  MAP_TILE_URL: z
    .string()
    .refine((v) => URL.canParse(fillForCheck(v)) && /^https?:/.test(v), '应为 http(s):// 开头的瓦片地址模板')
    .refine(
      (v) => ['{z}', '{x}', '{y}'].every((p) => normalise(v).includes(p)),
      '地址模板应含 {z}、{x}、{y}（WMTS 可写 {TileMatrix}、{TileCol}、{TileRow}）',
    )
    .optional(),
  /** Optional overlay with place names, same form as MAP_TILE_URL. */
  MAP_TILE_LABEL_URL: z
    .string()
    .refine((v) => URL.canParse(fillForCheck(v)) && /^https?:/.test(v), '应为 http(s):// 开头的瓦片地址模板')
    .optional(),
  /** Values of `{s}`, e.g. `0,1,2,3,4,5,6,7` for t0–t7.tianditu.gov.cn. */
  MAP_TILE_SUBDOMAINS: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/i, '应为逗号分隔的子域名，例如 0,1,2,3')
    .optional(),
  /** Copyright line the map service requires, shown on the map. */
  MAP_TILE_ATTRIBUTION: z.string().min(2).max(200).optional(),
  /** Highest zoom level the service offers. */
  MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
  /** The service's key, put where the template says `{key}` (天地图: `tk={key}`). */
  MAP_TILE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, '密钥只能含字母、数字、- 和 _')
    .optional(),
});

/** WMTS REST names → Leaflet's. */
function normalise(template: string): string {
  return template
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileRow\}/gi, '{y}')
    .replace(/\{TileCol\}/gi, '{x}');
}

function fillForCheck(template: string): string {
  return normalise(template).replace(/\{[a-z]+\}/gi, '0');
}

/** The configured base map, or null when none is configured. */
export function parseMapTiles(e: z.output<typeof mapTileEnvSchema>): MapTiles | null {
  if (!e.MAP_TILE_URL) return null;
  const subdomains = e.MAP_TILE_SUBDOMAINS?.split(',') ?? [];
  const fill = (t: string) => {
    const n = normalise(t);
    if (n.includes('{key}') && !e.MAP_TILE_KEY) throw new Error('地址模板含 {key}，请设置 MAP_TILE_KEY');
    if (n.includes('{s}') && subdomains.length === 0) throw new Error('地址模板含 {s}，请设置 MAP_TILE_SUBDOMAINS');
    return n.replaceAll('{key}', e.MAP_TILE_KEY ?? '');
  };
  const url = fill(e.MAP_TILE_URL);
  const labelUrl = e.MAP_TILE_LABEL_URL ? fill(e.MAP_TILE_LABEL_URL) : null;
  const origins = new Set<string>();
  for (const t of [url, labelUrl]) {
    if (!t) continue;
    for (const s of t.includes('{s}') ? subdomains : ['']) {
      origins.add(new URL(t.replaceAll('{s}', s).replace(/\{[a-z]+\}/gi, '0')).origin);
    }
  }
  return {
    url,
    labelUrl,
    subdomains,
    attribution: e.MAP_TILE_ATTRIBUTION ?? '',
    maxZoom: e.MAP_TILE_MAX_ZOOM,
    origins: [...origins],
  };
}
