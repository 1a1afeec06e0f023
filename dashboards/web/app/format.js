// Every time shown is in the province's zone, whatever the browser's own zone is.
import { locale, t } from './i18n.js';

export const timeZone = 'Asia/Ho_Chi_Minh';
const cache = new Map();

function formatter(kind, options) {
  const key = `${locale()}|${kind}`;
  if (!cache.has(key)) cache.set(key, kind.startsWith('number') ? new Intl.NumberFormat(locale(), options)
    : kind === 'relative' ? new Intl.RelativeTimeFormat(locale(), options)
      : new Intl.DateTimeFormat(locale(), { timeZone, hourCycle: 'h23', ...options }));
  return cache.get(key);
}

export const formatClock = (date) => formatter('clock', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);

export const formatDateTime = (value) => (value ? formatter('datetime', {
  day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
}).format(new Date(value)) : '—');

// Significant enough for a glance: 58834 m³/h, 367.9 mg/Nm³, 45.25 mg/L.
const fractionDigits = (value) => (Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 100 ? 1 : 2);

// A value that rounds to zero is 0, never "-0" (a probe reading -0.001 during calibration).
const shown = (value) => (Math.abs(value) < 0.5 * 10 ** -fractionDigits(value) ? 0 : value);

export const formatNumber = (value) => (value === null || value === undefined || Number.isNaN(value) ? '—'
  : formatter(`number${fractionDigits(value)}`, { maximumFractionDigits: fractionDigits(value) }).format(shown(value)));

/** A value against the bound it is judged by: "< 6", "> 9"; within the limit "≥ 6", "≤ 9" (the server's BoundText). */
export function formatBound(value, bound, limit) {
  if (!bound || limit === null || limit === undefined) return '';
  const sign = bound === 'lower' ? (value < limit ? '<' : '≥') : (value > limit ? '>' : '≤');
  return `${sign} ${formatNumber(limit)}`;
}

/**
 * How far a parameter is beyond its limit, one way everywhere: "COD 2,3×" for a one-sided limit,
 * "pH 4,5 < 6" for a range (no multiple: the bound broken), else the value with its unit.
 */
export function formatMeasure({ parameter, value, unit, multiple, bound, limit }) {
  const name = parameter ?? '';
  if (multiple !== null && multiple !== undefined) return `${name} ${formatNumber(multiple)}×`.trim();
  const against = formatBound(value, bound, limit);
  if (against) return `${name} ${formatNumber(value)} ${against}`.trim();
  return `${name} ${formatNumber(value)} ${unit && unit !== '-' ? unit : ''}`.trim();
}

/** "14:05" today, "29/11 14:05" another day, in the province's time. */
export function formatSince(value) {
  if (!value) return '—';
  const date = new Date(value);
  const day = formatter('day', { day: '2-digit', month: '2-digit' });
  const time = formatter('tick', { hour: '2-digit', minute: '2-digit' }).format(date);
  return day.format(date) === day.format(new Date()) ? time : `${day.format(date)} ${time}`;
}

/** Chart axis ticks (seconds): times of day (with seconds when ticks are closer than a minute), the date at local midnight. */
export function formatTicks(ticks) {
  const withSeconds = ticks.length > 1 && ticks[1] - ticks[0] < 60;
  const time = withSeconds ? formatter('tickSeconds', { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : formatter('tick', { hour: '2-digit', minute: '2-digit' });
  return ticks.map((seconds) => {
    const date = new Date(seconds * 1000);
    const text = time.format(date);
    return text.startsWith('00:00') && !withSeconds ? formatter('day', { day: '2-digit', month: '2-digit' }).format(date) : text;
  });
}

/** "5 s ago" in the current language; the age is in milliseconds. */
export function formatAgo(ageMs) {
  if (ageMs === null) return t('never');
  const rtf = formatter('relative', { numeric: 'always', style: 'short' });
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86400), 'day');
}

/** YYYY-MM-DD of a moment, in the province's zone. */
export const localDate = (date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** The local date after a YYYY-MM-DD date. */
export const nextDate = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Local midnight starting a YYYY-MM-DD date, RFC 3339 (the province has no daylight saving). */
export const midnight = (day) => `${day}T00:00:00+07:00`;

/** Clears the cached formatters; called when the language changes. */
export const resetFormats = () => cache.clear();
