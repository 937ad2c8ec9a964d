/**
 * The part of Leaflet 1.9 the shelter map uses, imported from Leaflet's own ES module sources so the
 * bundle leaves out vectors, GeoJSON, most overlays and the layers control: about 29 KB gzipped instead of 43 KB.
 */
// Leaflet's stylesheet as a URL, put in by the map when it is shown: imported as CSS, Astro would link it in
// every shelter page's <head>, where it blocked the first paint (Lighthouse: render-blocking, ~110 ms on slow 4G).
import leafletCssUrl from 'leaflet/dist/leaflet.css?url';
import Browser from 'leaflet/src/core/Browser.js';
import { createMap } from 'leaflet/src/map/Map.js';
import 'leaflet/src/map/handler/Map.BoxZoom.js';
import 'leaflet/src/map/handler/Map.DoubleClickZoom.js';
import 'leaflet/src/map/handler/Map.Drag.js';
import 'leaflet/src/map/handler/Map.Keyboard.js';
import 'leaflet/src/map/handler/Map.ScrollWheelZoom.js';
import 'leaflet/src/map/handler/Map.TapHold.js';
import 'leaflet/src/map/handler/Map.TouchZoom.js';
import { tileLayer } from 'leaflet/src/layer/tile/TileLayer.js';
import { imageOverlay } from 'leaflet/src/layer/ImageOverlay.js';
import { marker } from 'leaflet/src/layer/marker/Marker.js';
import { divIcon } from 'leaflet/src/layer/marker/DivIcon.js';
import { layerGroup } from 'leaflet/src/layer/LayerGroup.js';
import 'leaflet/src/layer/Popup.js';
import 'leaflet/src/control/Control.Attribution.js';
import { zoom } from 'leaflet/src/control/Control.Zoom.js';
import { scale } from 'leaflet/src/control/Control.Scale.js';
import { toLatLngBounds } from 'leaflet/src/geo/LatLngBounds.js';

/** The Leaflet calls ShelterMap.tsx makes, with the same names and types as the full `L`. */
export const L = {
  Browser,
  map: createMap,
  tileLayer,
  imageOverlay,
  marker,
  divIcon,
  layerGroup,
  latLngBounds: toLatLngBounds,
  control: { zoom, scale },
};

/** Leaflet's stylesheet, first in <head> (before the page's own map styles, as an import put it); resolves once it applies. */
export function leafletStyles(): Promise<void> {
  if (document.querySelector('link[data-leaflet]')) return Promise.resolve();
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: leafletCssUrl });
  link.dataset['leaflet'] = '';
  document.head.prepend(link);
  return new Promise((resolve) => {
    link.onload = link.onerror = () => resolve();
  });
}
