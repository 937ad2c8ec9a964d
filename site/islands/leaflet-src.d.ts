// Types for the Leaflet 1.9 source modules that leaflet-lite.ts imports, borrowed from @types/leaflet.
declare module 'leaflet/src/map/Map.js' {
  import type { map } from 'leaflet';
  export const createMap: typeof map;
}
declare module 'leaflet/src/layer/tile/TileLayer.js' {
  export { tileLayer } from 'leaflet';
}
declare module 'leaflet/src/layer/ImageOverlay.js' {
  export { imageOverlay } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/Marker.js' {
  export { marker } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/DivIcon.js' {
  export { divIcon } from 'leaflet';
}
declare module 'leaflet/src/layer/LayerGroup.js' {
  export { layerGroup } from 'leaflet';
}
declare module 'leaflet/src/control/Control.Zoom.js' {
  import type { control } from 'leaflet';
  export const zoom: typeof control.zoom;
}
declare module 'leaflet/src/control/Control.Scale.js' {
  import type { control } from 'leaflet';
  export const scale: typeof control.scale;
}
declare module 'leaflet/src/geo/LatLngBounds.js' {
  export { latLngBounds as toLatLngBounds } from 'leaflet';
}
declare module 'leaflet/src/core/Browser.js' {
  import type { Browser } from 'leaflet';
  const browser: typeof Browser;
  export default browser;
}
// Modules imported only for what they add to Map and Layer (handlers, popups, attribution).
declare module 'leaflet/src/*';
