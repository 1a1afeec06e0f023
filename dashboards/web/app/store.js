// The dashboard's state: the station registry with each station's live state, the alerts seen,
// the server's clock and health. Views listen for 'stations', 'alerts', 'registry', 'connection' and 'health'.
export class Store extends EventTarget {
  me = null;
  /** station id → { meta (GET /api/stations, without live), live (StationLive) } */
  stations = new Map();
  /** park → station ids, in registry order */
  parks = new Map();
  /**
   * park id → the name people read, with diacritics (GET /api/stations' parkName). Alerts and hub
   * messages carry only ids: every view says a park's or a station's name through parkName() and
   * stationLabel() here, never by widening each message.
   */
  #parkNames = new Map();
  /** alert id → AlertView */
  alerts = new Map();
  connection = 'connecting';
  /** The server's health (docs/live.md, HealthNow); null until the first snapshot. */
  health = null;
  snapshots = 0;
  #clockOffsetMs = 0;

  /** Now on the server's clock (ages are measured against it, not against a drifting PC clock). */
  now() {
    return Date.now() + this.#clockOffsetMs;
  }

  serverTime(iso) {
    const at = Date.parse(iso);
    if (!Number.isNaN(at)) this.#clockOffsetMs = at - Date.now();
  }

  setRegistry(list) {
    this.stations.clear();
    this.parks.clear();
    this.#parkNames.clear();
    for (const { live, ...meta } of list) {
      this.stations.set(meta.station, { meta, live: live ?? null });
      if (meta.parkName) this.#parkNames.set(meta.park, meta.parkName);
      if (!this.parks.has(meta.park)) this.parks.set(meta.park, []);
      this.parks.get(meta.park).push(meta.station);
    }
    this.#emit('registry');
  }

  /**
   * Applies StationLive updates. A station the registry does not hold (live.registered false: data
   * without a registration) gets a tile of its own, shown but not judged.
   */
  /** "Khu công nghiệp Yên Bình" for "YenBinh"; the id of a park the registry does not name. */
  parkName(park) {
    return this.#parkNames.get(park) ?? park ?? '';
  }

  /** The facility that discharges at a station, as its permit names it; null when not registered or not named. */
  facility(station) {
    return this.stations.get(station)?.meta.facility ?? null;
  }

  /** A station's display name, when it has one apart from its id. */
  stationName(station) {
    const name = this.stations.get(station)?.meta.name;
    return name && name !== station ? name : null;
  }

  /** "YB-TEXTILE-01 · Công ty TNHH Dệt may Phổ Yên": the id, then the facility (or else the station's name). */
  stationLabel(station) {
    const name = this.facility(station) ?? this.stationName(station);
    return name ? `${station} · ${name}` : station;
  }

  applyLive(lives) {
    const changed = [];
    let added = false;
    for (const live of lives) {
      let entry = this.stations.get(live.station);
      if (!entry) {
        entry = { meta: { park: live.park, station: live.station, name: '', expectedIntervalSeconds: null, limits: [], unregistered: true }, live: null };
        this.stations.set(live.station, entry);
        if (!this.parks.has(live.park)) this.parks.set(live.park, []);
        this.parks.get(live.park).push(live.station);
        added = true;
      }
      entry.live = live;
      changed.push(live.station);
    }
    if (added) this.#emit('registry');
    else if (changed.length) this.#emit('stations', { ids: changed });
  }

  /** After every (re)subscribe: the snapshot replaces what we had, it is not merged. */
  replaceSnapshot(snapshot) {
    this.serverTime(snapshot.serverTime);
    this.snapshots += 1;
    for (const entry of this.stations.values()) entry.live = null;
    this.applyLive(snapshot.stations ?? []);
    this.alerts.clear();
    for (const alert of snapshot.alerts ?? []) this.alerts.set(alert.id, alert);
    this.setHealth(snapshot.health ?? null);
    this.#emit('stations', { ids: [...this.stations.keys()] });
    this.#emit('alerts', { replaced: true });
  }

  /** One alert transition; fresh = pushed live now (not loaded), so it deserves a cue. */
  upsertAlert(alert, fresh = false) {
    const previous = this.alerts.get(alert.id);
    if (previous && Date.parse(previous.updatedAt) > Date.parse(alert.updatedAt)) return;
    this.alerts.set(alert.id, alert);
    this.#emit('alerts', { alert, fresh, isNew: fresh && !previous });
  }

  mergeAlerts(list) {
    for (const alert of list) {
      const previous = this.alerts.get(alert.id);
      if (!previous || Date.parse(previous.updatedAt) <= Date.parse(alert.updatedAt)) this.alerts.set(alert.id, alert);
    }
    this.#emit('alerts', {});
  }

  setHealth(health) {
    this.health = health;
    this.#emit('health', { health });
  }

  setConnection(state) {
    this.connection = state;
    this.#emit('connection', { state });
  }

  /** Stale: the server says so, or the last reading is older than 3 × the expected interval. */
  isStale(entry) {
    const live = entry?.live;
    if (!live?.lastMeasuredAt) return false;
    return live.stale === true || this.#older(live.lastMeasuredAt, entry.meta.expectedIntervalSeconds);
  }

  isValueStale(entry, value) {
    return !value?.measuredAt || this.#older(value.measuredAt, entry.meta.expectedIntervalSeconds);
  }

  ageMs(iso) {
    return iso ? Math.max(0, this.now() - Date.parse(iso)) : null;
  }

  #older(iso, intervalSeconds) {
    return this.now() - Date.parse(iso) > 3 * (intervalSeconds || 60) * 1000;
  }

  #emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
