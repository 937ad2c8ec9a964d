import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { openDataRecord, sortShelters } from '#site/lib/shelters.ts';

/** /data/shelters.geojson: every shelter as an RFC 7946 FeatureCollection, WGS-84, [lng, lat]. */
export const GET: APIRoute = async ({ site }) => {
  const shelters = sortShelters((await getCollection('shelters')).map((e) => e.data));
  const collection = {
    type: 'FeatureCollection',
    features: shelters.map((s) => ({
      type: 'Feature',
      id: s.id,
      // RFC 7946 §3.1.1: longitude first; §4: WGS-84 is the only coordinate reference system.
      geometry: { type: 'Point', coordinates: [s.location.lng, s.location.lat] },
      properties: openDataRecord(s, site),
    })),
  };
  return new Response(`${JSON.stringify(collection, null, 1)}\n`, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } });
};
