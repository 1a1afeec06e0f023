// Every park with its stations as tiles, coloured by state, with live values and their age.
import { fill, h } from './dom.js';
import { formatAgo, formatNumber } from './format.js';
import { t } from './i18n.js';
import { stateLabel, unitText } from './levels.js';
import { nowLine, openAlertsLine } from './now.js';

export class Overview {
  #store;
  #tiles = new Map();
  #root = h('section.overview', { 'aria-labelledby': 'overview-title' });

  constructor(store) {
    this.#store = store;
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
  }

  render() {
    this.#tiles.clear();
    const parks = [...this.#store.parks].map(([park, ids]) => h('section.park', { 'aria-labelledby': `park-${park}`, dataset: { park } },
      h('h3.park-title', { id: `park-${park}` }, this.#store.parkName(park), h('span.park-count', {}, ` · ${ids.length}`)),
      h('ul.tiles', { role: 'list' }, ids.map((id) => {
        const item = h('li', { dataset: { station: id } });
        this.#tiles.set(id, item);
        this.#fillTile(id);
        return item;
      }))));
    fill(this.#root, h('h2.visually-hidden', { id: 'overview-title' }, t('nav.overview')), parks);
  }

  /** Redraws the tiles of these stations only. */
  update(ids) {
    for (const id of ids) if (this.#tiles.has(id)) this.#fillTile(id);
  }

  /** An alert changed: its station's tile says so (its open alerts); a new snapshot redraws them all. */
  onAlerts({ alert }) {
    this.update(alert ? [alert.station] : [...this.#tiles.keys()]);
  }

  /** Every second: ages and stale marks move on even when nothing arrives. */
  tick() {
    for (const [id, item] of this.#tiles) {
      const entry = this.#store.stations.get(id);
      const tile = item.firstElementChild;
      if (String(this.#store.isStale(entry)) !== tile.dataset.stale) this.#fillTile(id);
      else for (const time of item.querySelectorAll('time.ago')) time.textContent = formatAgo(this.#store.ageMs(time.dateTime || null));
    }
  }

  #fillTile(id) {
    const entry = this.#store.stations.get(id);
    const live = entry.live;
    const state = live?.state ?? 'nodata';
    const stale = this.#store.isStale(entry);
    const age = this.#store.ageMs(live?.lastMeasuredAt);
    const ago = formatAgo(age);
    const values = Object.entries(live?.values ?? {});
    const label = stateLabel(live ?? { state }, stale);
    const tile = h(`a.tile.state-${state}.sev-${live?.severity ?? 'none'}`, {
      href: `#/station/${encodeURIComponent(id)}`,
      class: stale ? 'is-stale' : '',
      dataset: { state, stale: String(stale), severity: live?.severity ?? 'none' },
    },
    h('div.tile-head', {}, h('span.tile-id', {}, id), h('span.tile-state', {}, label)),
    h('div.tile-name', {}, entry.meta.unregistered ? h('span.tag', {}, t('station.unregistered')) : this.#store.stationName(id) ?? ''),
    entry.meta.facility ? h('div.tile-facility', {}, entry.meta.facility) : null,
    nowLine(live),
    values.length ? h('dl.tile-values', {}, values.map(([param, value]) => {
      const valueStale = stale || this.#store.isValueStale(entry, value);
      return h(`div.value.level-${value.level ?? 'normal'}`, { class: valueStale ? 'is-stale' : '', dataset: { param, status: String(value.status ?? 0) } },
        h('dt', {}, param),
        h('dd', {}, h('span.num', {}, formatNumber(value.value)), ' ', h('span.unit', {}, unitText(value.unit))));
    })) : null,
    openAlertsLine(this.#store, id),
    h('div.tile-foot', {},
      h('span', {}, h('span.visually-hidden', {}, `${t('last.reading')}: `), h('time.ago', { datetime: live?.lastMeasuredAt ?? undefined }, ago)),
      stale ? h('span.stale-badge', {}, t('stale')) : null));
    const item = this.#tiles.get(id);
    const focused = item.contains(document.activeElement);
    fill(item, tile);
    if (focused) tile.focus();
  }
}
