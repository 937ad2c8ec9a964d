import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { openDataRecord, sortShelters } from '#site/lib/shelters.ts';

/** RFC 4180 §2: quote a field holding a comma, quote or line break, doubling its quotes. */
function field(v: string | number | boolean): string {
  const s = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** /data/shelters.csv: every shelter, UTF-8 with a BOM so Excel detects the encoding, CRLF line ends. */
export const GET: APIRoute = async ({ site }) => {
  const shelters = sortShelters((await getCollection('shelters')).map((e) => e.data));
  const rows = shelters.map((s) => {
    const { 编号, 名称, ...rest } = openDataRecord(s, site);
    return { 编号, 名称, 经度_WGS84: s.location.lng, 纬度_WGS84: s.location.lat, ...rest };
  });
  const header = Object.keys(rows[0] ?? {});
  const lines = [header, ...rows.map((r) => Object.values(r))].map((cells) => cells.map(field).join(','));
  return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
