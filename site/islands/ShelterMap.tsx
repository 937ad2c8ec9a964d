import 'leaflet/dist/leaflet.css';
import '../components/shelters/shelters.css';
import './ShelterMap.css';
import type * as Leaflet from 'leaflet';
import type { L as LeafletLite } from './leaflet-lite.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAP_CITY_VIEW, MAP_TILES } from '../config.ts';
import type { MapPoint } from '../lib/shelters.ts';

/** Same name as in ShelterFilters.tsx: the list was filtered, show the same shelters. */
const FILTERED_EVENT = 'yzready:shelters-filtered';

type Problem = '' | 'tiles' | 'map';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A marker's icon: the class as shape and numeral, its full name as text for screen readers. */
function pinIcon(L: typeof LeafletLite, s: MapPoint, focus: boolean): Leaflet.DivIcon {
  const size = focus ? 52 : 44;
  return L.divIcon({
    className: `shelter-pin pin-${s.shape}${focus ? ' is-focus' : ''}`,
    html: `<span class="pin-shape" aria-hidden="true">${s.class}</span><span class="visually-hidden">${escapeHtml(`${focus ? '本页：' : ''}${s.classLabel}避难场所 ${s.name}`)}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
  });
}

function popupHtml(s: MapPoint): string {
  return `<p class="pin-popup"><strong>${escapeHtml(s.name)}</strong><br>${s.classLabel} · ${escapeHtml(s.district)}<br><a href="${s.url}">查看详情和导航</a></p>`;
}

/** The ids of the list cards the filter has left visible, or null when the page has no list. */
function visibleIds(): Set<string> | null {
  const cards = document.querySelectorAll<HTMLElement>('[data-shelter]');
  if (cards.length === 0) return null;
  return new Set([...cards].filter((c) => !c.hidden).map((c) => c.dataset['shelter'] ?? ''));
}

/** Props: the shelters to mark, and optionally the one this page is about. */
interface Props {
  shelters: MapPoint[];
  focus?: string;
}

/** Leaflet map of shelters; without tiles the markers still show on a plain background, and the list carries on. */
export default function ShelterMap({ shelters, focus }: Props) {
  const canvas = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<Problem>('');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let map: Leaflet.Map | undefined;
    let onFilter: (() => void) | undefined;
    let cancelled = false;
    // Leaflet touches `window` when imported, so it is loaded only here, in the browser.
    import('./leaflet-lite.ts')
      .then(({ L }) => {
        const el = canvas.current;
        if (cancelled || !el) return;
        const here = shelters.find((s) => s.id === focus);
        map = L.map(el, {
          center: here ? [here.lat, here.lng] : [MAP_CITY_VIEW.lat, MAP_CITY_VIEW.lng],
          zoom: here ? 14 : MAP_CITY_VIEW.zoom,
          zoomControl: false,
          zoomSnap: 0.5,
          scrollWheelZoom: false,
          // On phones one finger scrolls the page, two fingers zoom the map: the page never gets stuck.
          dragging: !L.Browser.mobile,
        });
        L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
        L.control.scale({ imperial: false }).addTo(map);
        map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
        const tiles = L.tileLayer(MAP_TILES.url, { attribution: MAP_TILES.attribution, maxZoom: MAP_TILES.maxZoom });
        tiles.once('tileerror', () => setProblem('tiles'));
        tiles.addTo(map);
        map.on('popupopen', (e) => e.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', '关闭'));

        const layer = L.layerGroup().addTo(map);
        const markers = shelters.map((s) => ({
          id: s.id,
          // Not in the tab order: at city scale the markers overlap, and every shelter is a link in the text list.
          marker: L.marker([s.lat, s.lng], {
            icon: pinIcon(L, s, s.id === focus),
            title: `${s.classLabel} ${s.name}`,
            keyboard: false,
            riseOnHover: true,
          }).bindPopup(popupHtml(s)),
        }));
        const show = () => {
          const ids = visibleIds();
          layer.clearLayers();
          const on = markers.filter((m) => !ids || ids.has(m.id));
          for (const m of on) layer.addLayer(m.marker);
          if (on.length === 0) return;
          map?.fitBounds(L.latLngBounds(on.map((m) => m.marker.getLatLng())), { padding: [36, 36], maxZoom: 15 });
          // A shelter's own page shows its neighbours too, unless that would zoom out past the streets.
          if (here && (map?.getZoom() ?? 0) < 12) map?.setView([here.lat, here.lng], 13);
        };
        show();
        onFilter = show;
        window.addEventListener(FILTERED_EVENT, onFilter);
        setLoaded(true);
      })
      .catch(() => setProblem('map'));
    return () => {
      cancelled = true;
      if (onFilter) window.removeEventListener(FILTERED_EVENT, onFilter);
      map?.remove();
    };
  }, [shelters, focus]);

  const order = ['Ⅰ', 'Ⅱ', 'Ⅲ'];
  const legend = [...new Map(shelters.map((s) => [s.class, s])).values()].sort((a, b) => order.indexOf(a.class) - order.indexOf(b.class));

  return (
    <div class={`shelter-map${problem === 'tiles' ? ' tiles-failed' : ''}`}>
      <p role="status" class={problem ? 'notice map-notice' : 'map-notice'}>
        {problem === 'tiles'
          ? '地图底图暂时无法加载（可能是网络较弱或已离线）。图上仍标出了避难场所的位置，具体地址请看文字列表。'
          : problem === 'map'
            ? '地图暂时无法显示（可能是网络较弱或已离线）。请使用文字列表，内容完全相同。'
            : ''}
      </p>
      <div class="map-frame">
        <div ref={canvas} class="map-canvas" />
        {!loaded && problem !== 'map' && (
          <p class="map-placeholder">
            <span class="needs-js">地图加载中……</span>
            <span class="nojs-only">地图需要浏览器开启 JavaScript。避难场所的名称、地址和设施都在文字列表中。</span>
          </p>
        )}
      </div>
      <p class="map-hint">点按图上的标记，可以看到场所名称和详情链接。所有场所的名称、地址和设施也都在文字列表中。</p>
      <ul class="map-legend" aria-label="图例">
        {legend.map((s) => (
          <li key={s.class}>
            <span class={`legend-shape pin-${s.shape}`} aria-hidden="true">
              <span class="pin-shape">{s.class}</span>
            </span>
            {s.classLabel}：{s.classNote}
          </li>
        ))}
      </ul>
    </div>
  );
}
