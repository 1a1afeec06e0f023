// Boot: sign-in check, the shell (header, overview, map or station detail, alert feed), the live hub.
import { AdminView, canAdminister } from './admin.js';
import { AlertFeed } from './alerts.js';
import { api, explain, onSignedOut } from './api.js';
import { AuditView, canAudit } from './audit.js';
import { h } from './dom.js';
import { formatClock, resetFormats } from './format.js';
import { canInspect, Inspect } from './inspect.js';
import { lang, onLangChange, setLang, t, translateStatic } from './i18n.js';
import { LiveFeed } from './live.js';
import { openPasswordDialog } from './mypassword.js';
import { renderLogin } from './login.js';
import { ProvinceMap } from './map.js';
import { Overview } from './overview.js';
import { setSoundEnabled, soundEnabled, unlockAudio } from './sound.js';
import { StationDetail } from './station.js';
import { Store } from './store.js';

const $ = (id) => document.getElementById(id);
const main = $('main');
let store = null;
let live = null;
let view = null;
let feed = null;
// A phone (docs/dashboard.md, "Phones"): the overview's alerts come before its tiles.
const phone = window.matchMedia('(max-width: 700px)');

// Name, roles and, for a user bound to some parks, those parks (the server shows them nothing else).
function userLabel(me) {
  const roles = me.roles.map((role) => t(`role.${role}`)).join(', ');
  return `${me.displayName ?? me.name} (${roles})${me.parks?.length ? ` · ${me.parks.map((park) => store?.parkName(park) ?? park).join(', ')}` : ''}`;
}

function showSignedIn(signedIn) {
  for (const id of ['nav', 'connection', 'sound', 'user', 'my-password', 'logout']) $(id).hidden = !signedIn;
  if (!signedIn) $('paused').hidden = true;
  if (!signedIn) $('health').hidden = true;
  // Only inspectors and admins may read history, reports and exports (the server answers others 403).
  $('nav-inspect').hidden = !signedIn || !canInspect(store?.me);
  $('nav-audit').hidden = !signedIn || !canAudit(store?.me);
  $('nav-admin').hidden = !signedIn || !canAdminister(store?.me);
}

async function signIn() {
  let me;
  try {
    me = await api.me();
  } catch (error) {
    if (error.status !== 401) throw error;
    showSignedIn(false);
    renderLogin(main, signIn);
    return;
  }
  await start(me);
}

async function start(me) {
  store = new Store();
  store.me = me;
  store.setRegistry(await api.stations());
  $('user').textContent = userLabel(me);
  $('user').dataset.roles = me.roles.join(' ');
  showSignedIn(true);

  const viewArea = h('div.view', { id: 'view' });
  const feedArea = h('aside.feed-area', { id: 'feed', 'aria-label': t('alerts.title') });
  main.replaceChildren(h('div.layout', {}, viewArea, feedArea));
  feed = new AlertFeed(store);
  feed.mount(feedArea);
  route();

  store.addEventListener('stations', (event) => view?.update(event.detail.ids));
  store.addEventListener('registry', () => {
    view?.render();
    feed.render();
  });
  store.addEventListener('alerts', (event) => {
    feed.onAlerts(event.detail);
    view?.onAlerts?.(event.detail);
  });
  store.addEventListener('connection', (event) => showConnection(event.detail.state));
  store.addEventListener('health', showHealth);
  live = new LiveFeed(store);
  showConnection(store.connection);
  await live.start();
}

function route() {
  // Only "#/…" is a route; "#main" is the skip link, which the browser handles.
  if (!store || (view && location.hash && !location.hash.startsWith('#/'))) return;
  view?.destroy?.();
  const match = /^#\/station\/(.+)$/.exec(location.hash);
  const inspect = location.hash === '#/inspect' && canInspect(store.me);
  const audit = location.hash === '#/audit' && canAudit(store.me);
  const administer = location.hash === '#/admin' && canAdminister(store.me);
  const map = location.hash === '#/map';
  view = match ? new StationDetail(store, decodeURIComponent(match[1]))
    : inspect ? new Inspect(store) : audit ? new AuditView(store) : administer ? new AdminView(store) : map ? new ProvinceMap(store) : new Overview(store);
  view.mount($('view'));
  document.title = match ? `${decodeURIComponent(match[1])} · EnvMonitoring`
    : `${inspect ? t('inspect.title') : audit ? t('audit.title') : administer ? t('admin.title') : map ? t('map.title') : t('app.title')} · EnvMonitoring`;
  for (const link of $('nav').querySelectorAll('a')) {
    if (link.getAttribute('href') === (location.hash || '#/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  placeFeed();
  // A new page opens at its top, not at the previous page's scroll position.
  window.scrollTo(0, 0);
}

/** On a phone the overview's alert feed comes first, in the page as on the screen (reading and Tab order); elsewhere it is beside or after the view. */
function placeFeed() {
  const layout = main.querySelector('.layout');
  if (!layout) return;
  const first = phone.matches && view instanceof Overview;
  layout.classList.toggle('alerts-first', first);
  if (first && layout.firstElementChild !== $('feed')) layout.prepend($('feed'));
  if (!first && layout.lastElementChild !== $('feed')) layout.append($('feed'));
}

function showConnection(state) {
  const indicator = $('connection');
  indicator.dataset.state = state;
  indicator.dataset.snapshots = String(store?.snapshots ?? 0);
  indicator.querySelector('.connection-label').textContent = t(`conn.${state}`);
  // Without the live feed the figures on screen are not current: say so over the whole page.
  const paused = state !== 'connected';
  $('paused').hidden = !paused;
  document.body.classList.toggle('live-paused', paused);
}

/**
 * The system's own state in the header, in plain words: the server's health (storage, broker,
 * alert events not stored; the hub's "health") and the stations gone silent, counted here.
 */
function showHealth() {
  const health = store?.health;
  if (!health) return;
  const silent = [...store.stations.values()].filter((entry) => !entry.meta.unregistered && store.isStale(entry)).length;
  const problems = [
    health.storageUp ? null : ['storage', t('health.storage')],
    health.brokerUp ? null : ['broker', t('health.broker')],
    health.alertEventsNotStored > 0 ? ['events', t('health.events', { n: health.alertEventsNotStored })] : null,
    silent > 0 ? ['offline', t('health.offline', { n: silent })] : null,
  ].filter(Boolean);
  const list = $('health');
  const text = problems.map(([, words]) => words).join('\n');
  if (list.dataset.text === text) return;
  list.dataset.text = text;
  list.replaceChildren(...problems.map(([kind, words]) => h('span.health-problem', { dataset: { problem: kind } }, words)));
  list.hidden = problems.length === 0;
}

function showSound() {
  const button = $('sound');
  button.textContent = t(soundEnabled() ? 'sound.on' : 'sound.off');
  button.setAttribute('aria-pressed', String(soundEnabled()));
}

async function signOut() {
  await live?.stop();
  live = null;
  store = null;
  view = null;
  showSignedIn(false);
  renderLogin(main, signIn);
}

function tick() {
  $('clock').textContent = formatClock(new Date(store?.now() ?? Date.now()));
  showHealth();
  view?.tick();
}

translateStatic();
showSound();
for (const button of document.querySelectorAll('[data-lang]')) button.addEventListener('click', () => setLang(button.dataset.lang));
onLangChange(() => {
  resetFormats();
  showSound();
  tick();
  if (!store) {
    renderLogin(main, signIn);
    return;
  }
  $('user').textContent = userLabel(store.me);
  $('feed').setAttribute('aria-label', t('alerts.title'));
  $('health').dataset.text = '';
  showConnection(store.connection);
  view?.render();
  feed?.render();
});
$('sound').addEventListener('click', () => {
  setSoundEnabled(!soundEnabled());
  showSound();
});
$('my-password').addEventListener('click', openPasswordDialog);
$('logout').addEventListener('click', async () => {
  await api.logout();
  await signOut();
});
onSignedOut(() => {
  if (store) signOut();
});
// Audio may only start after a gesture; any click or key press unlocks it.
for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, unlockAudio, { capture: true });
window.addEventListener('hashchange', route);
phone.addEventListener('change', placeFeed);
setInterval(tick, 1000);
tick();
signIn().catch((error) => {
  main.replaceChildren(h('p.form-error', { role: 'alert' }, t('error.generic', { detail: explain(error, t) })));
});
