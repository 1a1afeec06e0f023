// What states and severities mean, in one place: order, colours (CSS classes) and labels.
import { t } from './i18n.js';

export const severities = ['none', 'approaching', 'warning', 'from1point1', 'from1point5', 'from2', 'from3', 'from5', 'from10'];
export const severityRank = (severity) => Math.max(0, severities.indexOf(severity));
export const severityLabel = (severity) => t(`severity.${severity}`);
export const isOperator = (me) => (me?.roles ?? []).some((role) => role === 'operator' || role === 'admin');

// Worst first, as the server judges a station now (docs/live.md, StationLive.state).
export const stationStates = ['nodata', 'offline', 'exceeding', 'fault', 'silent', 'flatLine', 'calibrating', 'approaching', 'normal'];

/**
 * The words of a station's state now. A stale station (no reading for 3 intervals) is never called
 * normal: nothing says it still is. Which parameters and how far is the now line's (now.js).
 */
export function stateLabel(live, stale = false) {
  const state = live?.state ?? 'nodata';
  return stale && (state === 'normal' || state === 'approaching') ? t('state.noNewData') : t(`state.${state}`);
}

// Rules that compare a value with its limit; the others (fault, offline, silent, flat line, rate
// of change) have a severity but no "multiple of the limit" to name.
const exceedanceRules = new Set(['instantaneous', 'sustained', 'hourlyMean', 'dailyMean', 'localDayMean']);

/** The severity an alert is shown with: its current one, or its peak once it has calmed down. */
export const alertSeverity = (alert) => (alert.severity && alert.severity !== 'none' ? alert.severity : alert.peak ?? 'none');

// A range limit (pH) has no multiple: its level is the band of the value (Decree 45/2022), not "n times".
const isRange = (alert) => alert.limitMin !== null && alert.limitMin !== undefined && alert.limitMax !== null && alert.limitMax !== undefined;

export function alertBadge(alert) {
  const severity = alertSeverity(alert);
  if (!exceedanceRules.has(alert.rule) && severity !== 'approaching') return t('severity.alarm');
  if (isRange(alert) && severityRank(severity) >= severityRank('warning')) {
    return alert.band ? t('severity.band', { band: alert.band }) : t('severity.outOfRange');
  }
  return severityLabel(severity);
}

/** Rules whose alerts judge a value against its limit (their value and how far it is are worth showing). */
export const judgesValue = (alert) => exceedanceRules.has(alert.rule);

/** Units worth printing: pH's "-" is not one. */
export const unitText = (unit) => (!unit || unit === '-' || unit === '–' ? '' : unit);
