// What a station is doing now, and which of its alerts are still open apart from that — one
// projection for the overview's tiles and the station page's header (docs/dashboard.md).
import { h } from './dom.js';
import { formatAgo, formatMeasure, formatSince } from './format.js';
import { t } from './i18n.js';
import { alertSeverity, judgesValue, severityRank, stationStates } from './levels.js';

const quiet = new Set(['normal', 'approaching']);
// The now-state an active alert of this rule stands for: shown once, on the now line.
const stateOfRule = { deviceFault: 'fault', parameterSilent: 'silent', flatLine: 'flatLine', instantaneous: 'exceeding', sustained: 'exceeding' };

/** The limit a value is judged against: the bound the server named. */
const limitOf = (value) => (value.bound === 'lower' ? value.limitMin : value.bound === 'upper' ? value.limitMax : null);

/** "COD 2,3×", "pH 4,5 < 6", or for a data problem "NH4 · Probe silent". */
function valueText(parameter, value) {
  return value.state === 'exceeding'
    ? formatMeasure({ parameter, value: value.value, unit: value.unit, multiple: value.multiple, bound: value.bound, limit: limitOf(value) })
    : `${parameter} · ${t(`state.${value.state}`)}`;
}

/** A sentence with a live age in it ("… {ago} …"): the age is a <time class="ago"> the views refresh every second. */
function withAgo(key, at, age) {
  const [before, after = ''] = t(key).split('{ago}');
  return [before, h('time.ago', { datetime: at }, formatAgo(age)), after];
}

/** The now line: each parameter that is not fine, worst first, with since when; offline says since when. */
export function nowLine(live) {
  const state = live?.state ?? 'nodata';
  if (state === 'offline') {
    return h('p.now', { dataset: { state } }, t('now.offline', { time: formatSince(live.since) }));
  }
  const items = Object.entries(live?.values ?? {})
    .filter(([, value]) => value.state && !quiet.has(value.state))
    .sort(([, a], [, b]) => stationStates.indexOf(a.state) - stationStates.indexOf(b.state) || severityRank(b.severity) - severityRank(a.severity));
  if (!items.length) return null;
  return h('ul.now', { 'aria-label': t('now.title') }, items.map(([parameter, value]) =>
    h(`li.now-item.now-${value.state}`, { dataset: { param: parameter, state: value.state } },
      h('span.now-what', {}, valueText(parameter, value)), ' · ', h('span.now-since', {}, t('now.since', { time: formatSince(value.since) })))));
}

/**
 * The station's unresolved alerts that the now line does not already say: an exceedance whose
 * values are back ("COD 2,3× · back to normal 6 min ago, awaiting closing"), a mean still over its
 * limit, a cleared data problem nobody has closed.
 */
export function openAlertsLine(store, id) {
  const live = store.stations.get(id)?.live;
  const alerts = [...store.alerts.values()]
    .filter((alert) => alert.station === id && !alert.resolvedAt)
    .filter((alert) => !(alert.active && stateOfRule[alert.rule] && live?.values?.[alert.parameter]?.state === stateOfRule[alert.rule]))
    // An approaching alert of a value still approaching is what the tile's state already says.
    .filter((alert) => !(alert.active && alert.severity === 'approaching' && live?.values?.[alert.parameter]?.state === 'approaching'))
    .filter((alert) => !(alert.active && alert.rule === 'stationOffline' && live?.state === 'offline'))
    .sort((a, b) => severityRank(alertSeverity(b)) - severityRank(alertSeverity(a)));
  if (!alerts.length) return null;
  return h('div.open-alerts', {},
    h('span.open-title', {}, `${t('open.title')}: `),
    h('ul', {}, alerts.map((alert) => h('li.open-alert', { dataset: { alertId: alert.id, active: String(alert.active) } },
      h('span.open-what', {}, whatOf(alert)), ' · ', statusOf(store, alert, live)))));
}

function whatOf(alert) {
  return judgesValue(alert)
    ? formatMeasure({ parameter: alert.parameter, value: alert.peakValue ?? alert.value, unit: alert.unit,
      multiple: alert.peakMultiple, bound: alert.peakBound, limit: alert.peakLimit })
    : [alert.parameter, t(`rule.${alert.rule}`)].filter(Boolean).join(' · ');
}

function statusOf(store, alert, live) {
  if (!alert.active) return withAgo('open.back', alert.measuredAt, store.ageMs(alert.measuredAt));
  // The instantaneous value is back although the alert waits out its clear time.
  const value = live?.values?.[alert.parameter];
  if (stateOfRule[alert.rule] === 'exceeding' && value && quiet.has(value.state)) {
    return withAgo(value.state === 'normal' ? 'open.back' : 'open.backUnder', value.since, store.ageMs(value.since));
  }
  return t('open.active');
}
