import '../components/shelters/shelters.css';
import './ShelterMap.css';
import type * as Leaflet from 'leaflet';
import type { L as LeafletLite } from './leaflet-lite.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { mapConfig } from '#api/map-config.ts';
import { apiClient, call, type Success } from '../lib/api-client.ts';
import { MAP_CITY_VIEW } from '../config.ts';
import { OUTLINE_BOUNDS, OUTLINE_LABELS } from '../lib/city-outline-bounds.ts';
import type { MapPoint } from '../lib/shelters.ts';

/** Same name as in ShelterFilters.tsx: the list was filtered, show the same shelters. */
const FILTERED_EVENT = 'yzready:shelters-filtered';

/** What went wrong, if anything: no base map configured, one configured but not loading, or no map at all. */
type Problem = '' | 'unconfigured' | 'tiles' | 'map';

const mapApi = apiClient<typeof mapConfig>('/api/map');
/** What `GET /api/map` answers. */
type MapConfig = Success<Awaited<ReturnType<typeof mapApi.index.$get>>>;

/** The base map the server was configured with, or undefined when the server cannot be asked (offline). */
async function loadConfig(): Promise<MapConfig | undefined> {
  return call(mapApi.index.$get(undefined, { init: { cache: 'no-store' } }), { redirectOn401: false }).catch(() => undefined);
}

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

/** Leaflet map of shelters over the configured base map; without one, over a schematic of the city, and the list carries on. */
export default function ShelterMap({ shelters, focus }: Props) {
  const canvas = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<Problem>('');
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let map: Leaflet.Map | undefined;
    let onFilter: (() => void) | undefined;
    let cancelled = false;
    // Leaflet touches `window` when imported, so it is loaded only here, in the browser.
    Promise.all([import('./leaflet-lite.ts').then(async (m) => (await m.leafletStyles(), m)), loadConfig()])
      .then(([{ L }, config]) => {
        const el = canvas.current;
        if (cancelled || !el) return;
        const here = shelters.find((s) => s.id === focus);
        map = L.map(el, {
          center: here ? [here.lat, here.lng] : [MAP_CITY_VIEW.lat, MAP_CITY_VIEW.lng],
          zoom: here ? 14 : MAP_CITY_VIEW.zoom,
          zoomControl: false,
          zoomSnap: 0.5,
          // Without a base map, street level is as close as the schematic and the markers mean anything.
          maxZoom: config?.tiles?.maxZoom ?? 17,
          scrollWheelZoom: false,
          // On phones one finger scrolls the page, two fingers zoom the map: the page never gets stuck.
          dragging: !L.Browser.mobile,
        });
        L.control.zoom({ zoomInTitle: '放大', zoomOutTitle: '缩小' }).addTo(map);
        L.control.scale({ imperial: false }).addTo(map);
        map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
        // Without a base map the city is still recognisable: a schematic of the Yangtze, the canal and the district seats' names.
        let outlined = false;
        const outline = () => {
          if (outlined || !map) return;
          outlined = true;
          const b = OUTLINE_BOUNDS;
          L.imageOverlay('/maps/yangzhou-schematic.svg', L.latLngBounds([b.south, b.west], [b.north, b.east]), {
            attribution: '长江、运河为示意位置',
            className: 'map-schematic',
          })
            .addTo(map)
            .bringToBack();
          for (const p of OUTLINE_LABELS) {
            const icon = L.divIcon({
              className: `map-place${p.water ? ' is-water' : ''}`,
              html: `<span>${p.name}</span>`,
              iconSize: [0, 0],
            });
            L.marker([p.lat, p.lng], { icon, interactive: false, keyboard: false }).addTo(map);
          }
        };
        const t = config?.tiles;
        if (!t) {
          setProblem(config ? 'unconfigured' : 'tiles');
          outline();
        } else {
          const options = { attribution: t.attribution, maxZoom: t.maxZoom, subdomains: t.subdomains };
          const tiles = L.tileLayer(t.url, options);
          tiles.once('tileerror', () => {
            setProblem('tiles');
            outline();
          });
          tiles.addTo(map);
          if (t.labelUrl) L.tileLayer(t.labelUrl, options).addTo(map);
        }
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
    <div class={`shelter-map${problem === 'tiles' || problem === 'unconfigured' ? ' tiles-failed' : ''}`}>
      <p role="status" class={problem ? 'notice map-notice' : 'map-notice'}>
        {problem === 'unconfigured'
          ? '未配置底图：本站还没有接入地图服务，所以图上没有街道。避难场所的位置是准确的；长江、京杭运河和各区县驻地只是示意（位置为近似，未画区县边界）。具体地址请看文字列表。'
          : problem === 'tiles'
            ? '底图暂时无法加载（可能是网络较弱、已离线，或地图服务暂时故障）。避难场所的位置是准确的；长江、京杭运河和各区县驻地只是示意（位置为近似，未画区县边界）。具体地址请看文字列表。'
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
