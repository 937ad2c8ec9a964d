/** Site-wide settings a city changes when it deploys, kept out of the pages that use them. */

/** Where the map opens when it shows the whole city: roughly the centre of Yangzhou's six districts. */
export const MAP_CITY_VIEW = { lat: 32.6, lng: 119.4, zoom: 9 } as const;

/** Baidu asks every caller of its URI API to name itself as `webapp.<company>.<app>`. */
export const BAIDU_URI_SRC = 'webapp.yangzhou-ready.shelters';
