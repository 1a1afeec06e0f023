// The SignalR hub /hubs/live (docs/live.md): subscribe to the province, apply coalesced station
// updates and alert transitions, read the station list again when the server says it changed, and
// after every reconnect subscribe again and replace the state with the fresh snapshot. Reconnects
// go on forever; the indicator shows where it stands.
import { api } from './api.js';

// The browser build of @microsoft/signalr, loaded by index.html as a classic script.
const { signalR } = window;
if (!signalR) throw new Error('SignalR did not load from /vendor/signalr/signalr.min.js (is node_modules installed? run npm ci in dashboards/web)');

const scope = 'province';
// 0, 1, 2, 4, 8 s, then every 10 s: forever (never null, which would end reconnecting).
const retryDelay = ({ previousRetryCount }) => Math.min(10000, previousRetryCount === 0 ? 0 : 1000 * 2 ** (previousRetryCount - 1));

export class LiveFeed {
  #store;
  #connection;
  #stopped = false;
  #restartTimer = 0;

  constructor(store) {
    this.#store = store;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: retryDelay })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    // The server sends a heartbeat every 5 s; a dead link is noticed within 15 s.
    this.#connection.serverTimeoutInMilliseconds = 15000;
    this.#connection.on('stations', (lives) => store.applyLive(lives));
    this.#connection.on('alert', (alert) => store.upsertAlert(alert, true));
    this.#connection.on('heartbeat', (serverTime) => store.serverTime(serverTime));
    this.#connection.on('health', (health) => store.setHealth(health));
    // Stations were added, changed or removed on the server (no restart): read the list again.
    this.#connection.on('stationsChanged', () => this.#reloadStations());
    this.#connection.onreconnecting(() => store.setConnection('reconnecting'));
    this.#connection.onreconnected(() => this.#subscribe());
    // Only when the first connection failed or the policy gave up: start again on our own.
    this.#connection.onclose(() => this.#scheduleStart());
  }

  async start() {
    this.#stopped = false;
    this.#store.setConnection(this.#store.snapshots ? 'reconnecting' : 'connecting');
    try {
      await this.#connection.start();
    } catch (error) {
      console.warn('live hub: could not connect, retrying', error);
      this.#store.setConnection('disconnected');
      this.#scheduleStart();
      return;
    }
    await this.#subscribe();
  }

  async stop() {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    await this.#connection.stop();
  }

  async #subscribe() {
    try {
      const snapshot = await this.#connection.invoke('Subscribe', scope);
      this.#store.replaceSnapshot(snapshot);
      this.#store.setConnection('connected');
    } catch (error) {
      console.error('live hub: subscribe failed', error);
      this.#store.setConnection('disconnected');
      // A connection without a subscription shows nothing live: drop it and start over.
      await this.#connection.stop();
    }
  }

  /** GET /api/stations holds each station's live state too, so the new list replaces the old one whole. */
  async #reloadStations() {
    try {
      this.#store.setRegistry(await api.stations());
    } catch (error) {
      console.warn('live hub: could not reload the stations after a change', error);
    }
  }

  #scheduleStart() {
    if (this.#stopped) return;
    this.#store.setConnection(this.#store.snapshots ? 'reconnecting' : 'disconnected');
    clearTimeout(this.#restartTimer);
    this.#restartTimer = setTimeout(async () => {
      // A sign-in lost on the server (401) ends here: api.me() sends the user to the sign-in page.
      try {
        await api.me();
      } catch (error) {
        if (error.status === 401) return;
      }
      if (this.#connection.state === signalR.HubConnectionState.Disconnected) await this.start();
    }, 2000);
  }
}
