// The province map (#/map): every registered station with a position as a marker in its state's
// colour, live like the tiles, a ring when it has open alerts, a link to the station; the stations
// without a position listed beside it (docs/dashboard.md, "Map"). Leaflet is the classic script
// /vendor/leaflet/leaflet.js (window.L). The tiles are the server's setting (GET /api/map); the
// markers never depend on them: without a network or with tiles off they stand on a plain background.
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';
import { stateLabel, stationStates } from './levels.js';

// Thái Nguyên, for a map where no station has a position yet.
const province = { center: [21.59, 105.83], zoom: 10 };
const closest = 13;
// A sign as well as the colour for each state, so that colour is never the only cue.
const signs = { nodata: '?', offline: '×', exceeding: '!', fault: '⚠', silent: '…', flatLine: '=', calibrating: '⚙', approaching: '↑', normal: '✓' };
const markerSize = 28;
/** GET /api/map, asked once per page load (again after a failure). */
let settings = null;

const hasPosition = (meta) => Number.isFinite(meta.latitude) && Number.isFinite(meta.longitude);
const stationHref = (id) => `#/station/${encodeURIComponent(id)}`;

export class ProvinceMap {
  #store;
  #map = null;
  /** station id → its marker's link (on the map) or its list item (no position). */
  #markers = new Map();
  #unplaced = new Map();
  #note = h('p.map-note', { role: 'status', id: 'map-note' });
  #root = h('section.map-page', { 'aria-labelledby': 'map-title' });

  constructor(store) {
    this.#store = store;
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
  }

  destroy() {
    this.#map?.remove();
    this.#map = null;
  }

  render() {
    this.destroy();
    this.#markers.clear();
    this.#unplaced.clear();
    const canvas = h('div.map-canvas', { id: 'map-canvas', role: 'region', 'aria-label': t('map.label') });
    const unplaced = h('ul.map-unplaced', { id: 'map-unplaced', 'aria-labelledby': 'map-unplaced-title' });
    fill(this.#root,
      h('h2.map-title', { id: 'map-title' }, t('map.title')),
      h('div.map-layout', {}, canvas,
        h('div.map-side', {},
          h('h3', { id: 'map-unplaced-title' }, t('map.unplaced')), unplaced,
          h('h3', { id: 'map-legend-title' }, t('map.legend')), this.#legend())),
      this.#note);
    this.#say('', '');
    const { L } = window;
    if (!L) {
      this.#say('error', t('map.noLeaflet'));
      return;
    }
    const map = L.map(canvas, { zoomControl: false, attributionControl: false });
    L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
    const positions = [];
    for (const ids of this.#store.parks.values()) {
      for (const id of ids) {
        const meta = this.#store.stations.get(id).meta;
        if (hasPosition(meta)) {
          const link = h('a.map-marker', { href: stationHref(id), dataset: { station: id } });
          const icon = L.divIcon({ html: link, className: 'map-pin', iconSize: [markerSize, markerSize] });
          // The link inside is the marker's interactive part: Tab reaches it, Enter and a click open the station.
          L.marker([meta.latitude, meta.longitude], { icon, keyboard: false, interactive: false }).addTo(map);
          this.#markers.set(id, link);
          positions.push([meta.latitude, meta.longitude]);
        } else {
          const item = h('li', { dataset: { station: id } });
          unplaced.append(item);
          this.#unplaced.set(id, item);
        }
        this.#fill(id);
      }
    }
    if (!this.#unplaced.size) unplaced.append(h('li.map-none', {}, t('map.unplacedNone')));
    if (positions.length) map.fitBounds(positions, { padding: [markerSize, markerSize], maxZoom: closest });
    else map.setView(province.center, province.zoom);
    this.#map = map;
    this.#addTiles(map);
  }

  /** Recolours the markers of these stations. */
  update(ids) {
    for (const id of ids) this.#fill(id);
  }

  onAlerts({ alert }) {
    this.update(alert ? [alert.station] : [...this.#store.stations.keys()]);
  }

  /** Every second: a station turning stale changes its marker even when nothing arrives. */
  tick() {
    for (const [id, link] of [...this.#markers, ...this.#unplaced]) {
      if (String(this.#store.isStale(this.#store.stations.get(id))) !== link.dataset.stale) this.#fill(id);
    }
  }

  async #addTiles(map) {
    let tiles;
    try {
      settings ??= api.map();
      tiles = await settings;
    } catch (error) {
      settings = null;
      if (this.#map === map) this.#say('error', t('map.settingsFailed', { detail: explain(error, t) }));
      return;
    }
    const { L } = window;
    if (this.#map !== map) return;
    if (!tiles.tiles) {
      this.#say('off', t('map.tilesOff'));
      return;
    }
    // The page sends no referrer anywhere (docs/security.md); tile servers such as OpenStreetMap's
    // ask for one, so their images get the site's origin, never a path.
    const layer = L.tileLayer(tiles.tiles, { maxZoom: 18, referrerPolicy: 'strict-origin' });
    this.#say('loading', '');
    layer.on('load', () => this.#root.dataset.tiles !== 'failed' && this.#say('loaded', ''));
    layer.once('tileerror', () => this.#say('failed', t('map.tilesFailed')));
    layer.addTo(map);
    if (tiles.attribution) {
      // Plain text in an element of our own (Leaflet's attribution control would take it as HTML).
      const attribution = L.control({ position: 'bottomright' });
      attribution.onAdd = () => h('div.leaflet-control-attribution.leaflet-control', {}, tiles.attribution);
      attribution.addTo(map);
    }
  }

  /** What became of the tiles (data-tiles: loading, loaded, failed, off, error), in words when it matters. */
  #say(state, words) {
    this.#root.dataset.tiles = state;
    this.#note.textContent = words;
    this.#note.hidden = !words;
  }

  #fill(id) {
    const entry = this.#store.stations.get(id);
    if (!entry) return;
    const live = entry.live;
    const state = live?.state ?? 'nodata';
    const stale = this.#store.isStale(entry);
    const open = [...this.#store.alerts.values()].filter((alert) => alert.station === id && !alert.resolvedAt).length;
    const name = entry.meta.name && entry.meta.name !== id ? entry.meta.name : null;
    const words = [id, name, stateLabel(live ?? { state }, stale), stale ? t('stale') : null, open ? t('map.openAlerts', { n: open }) : null]
      .filter(Boolean).join(' · ');
    const classes = `state-${state} sev-${live?.severity ?? 'none'}${stale ? ' is-stale' : ''}${open ? ' has-open-alert' : ''}`;
    const dataset = { state, stale: String(stale), openAlerts: String(open) };
    const link = this.#markers.get(id);
    if (link) {
      link.className = `map-marker ${classes}`;
      Object.assign(link.dataset, dataset);
      link.title = words;
      fill(link, h('span.map-sign', { 'aria-hidden': 'true' }, signs[state] ?? '?'), h('span.visually-hidden', {}, words));
    }
    const item = this.#unplaced.get(id);
    if (item) {
      Object.assign(item.dataset, dataset);
      fill(item, h('a.map-station', { href: stationHref(id) },
        h(`span.map-swatch.${classes.replaceAll(' ', '.')}`, { 'aria-hidden': 'true' }, signs[state] ?? '?'), words));
    }
  }

  #legend() {
    return h('ul.map-legend', { 'aria-labelledby': 'map-legend-title' },
      stationStates.map((state) => h('li', {}, h(`span.map-swatch.state-${state}`, { 'aria-hidden': 'true' }, signs[state]), t(`state.${state}`))),
      h('li', {}, h('span.map-swatch.state-normal.has-open-alert', { 'aria-hidden': 'true' }, signs.normal), t('map.openAlert')),
      h('li.map-legend-note', {}, t('map.tiers')));
  }
}
