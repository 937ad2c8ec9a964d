import type { APIRoute } from 'astro';

/** /build-origin.txt: the address this build was made for, so the server can put its own in (api/site-origin.ts). */
export const GET: APIRoute = ({ site }) =>
  new Response(`${site?.origin ?? ''}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
