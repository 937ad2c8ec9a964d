import type { APIRoute } from 'astro';
import { outlineSvg } from '#site/lib/city-outline.ts';

/** The schematic the shelter map shows when it has no base map (site/lib/city-outline.ts). */
export const GET: APIRoute = () => new Response(outlineSvg(), { headers: { 'content-type': 'image/svg+xml; charset=utf-8' } });
