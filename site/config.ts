/** Site-wide settings a city changes when it deploys, kept out of the pages that use them. */

/**
 * Map tiles (WGS-84 / Web Mercator, `{z}/{x}/{y}`). Same-origin by default so the page loads nothing
 * from another origin and the CSP (`img-src 'self'`) holds: the city serves or proxies its tiles here.
 */
export const MAP_TILES = {
  url: '/tiles/{z}/{x}/{y}.png',
  attribution: '底图 © 扬州市地图服务（示例配置）',
  maxZoom: 18,
} as const;

/** Where the map opens when it shows the whole city: roughly the centre of Yangzhou's six districts. */
export const MAP_CITY_VIEW = { lat: 32.6, lng: 119.4, zoom: 9 } as const;

/** Baidu asks every caller of its URI API to name itself as `webapp.<company>.<app>`. */
export const BAIDU_URI_SRC = 'webapp.yangzhou-ready.shelters';
