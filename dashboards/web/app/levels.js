// What states and severities mean, in one place: order, colours (CSS classes) and labels.
import { t } from './i18n.js';

export const severities = ['none', 'approaching', 'warning', 'from1point1', 'from1point5', 'from2', 'from3', 'from5', 'from10'];
export const severityRank = (severity) => Math.max(0, severities.indexOf(severity));
export const severityLabel = (severity) => t(`severity.${severity}`);
export const isOperator = (me) => (me?.roles ?? []).some((role) => role === 'operator' || role === 'admin');

export const stationStates = ['normal', 'approaching', 'exceeding', 'calibrating', 'fault', 'offline', 'nodata'];

/** The label of a station's state; an exceeding station also names its tier. */
export function stateLabel(live) {
  const state = live?.state ?? 'nodata';
  const label = t(`state.${state}`);
  return state === 'exceeding' && severityRank(live.severity) >= severityRank('warning')
    ? `${label} · ${severityLabel(live.severity)}` : label;
}

// Rules that compare a value with its limit; the others (fault, offline, silent, flat line, rate
// of change) have a severity but no "multiple of the limit" to name.
const exceedanceRules = new Set(['instantaneous', 'sustained', 'hourlyMean', 'dailyMean', 'localDayMean']);

/** The severity an alert is shown with: its current one, or its peak once it has calmed down. */
export const alertSeverity = (alert) => (alert.severity && alert.severity !== 'none' ? alert.severity : alert.peak ?? 'none');

export function alertBadge(alert) {
  const severity = alertSeverity(alert);
  return exceedanceRules.has(alert.rule) || severity === 'approaching' ? severityLabel(severity) : t('severity.alarm');
}

/** Units worth printing: pH's "-" is not one. */
export const unitText = (unit) => (!unit || unit === '-' || unit === '–' ? '' : unit);
