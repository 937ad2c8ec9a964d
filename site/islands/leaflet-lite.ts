/**
 * The part of Leaflet 1.9 the shelter map uses, imported from Leaflet's own ES module sources so the
 * bundle leaves out vectors, GeoJSON, most overlays and the layers control: about 29 KB gzipped instead of 43 KB.
 */
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
