// Every time shown is in the province's zone, whatever the browser's own zone is, and reads the same
// in every browser whatever its locale: dates dd/MM/yyyy, times 24 h (HH:mm:ss), put together here
// from the zone's numeric parts — never the browser's or a locale's own date pattern (vi-VN's short
// date is "06-12"). Numbers use the page language's explicit locale (vi-VN: 67,5 and 1.200).
import { h } from './dom.js';
import { lang, locale, t } from './i18n.js';

export const timeZone = 'Asia/Ho_Chi_Minh';
const cache = new Map();

function formatter(kind, options) {
  const key = `${locale()}|${kind}`;
  if (!cache.has(key)) cache.set(key, kind.startsWith('number') ? new Intl.NumberFormat(locale(), options)
    : new Intl.RelativeTimeFormat(locale(), options));
  return cache.get(key);
}

// The province's calendar and clock of a moment as two-digit strings (no locale pattern involved).
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function parts(value) {
  const date = value instanceof Date ? value : new Date(value);
  const out = {};
  for (const { type, value: text } of partsFormat.formatToParts(date)) out[type] = text;
  if (out.hour === '24') out.hour = '00';
  return out;
}

const dayMonth = (p) => `${p.day}/${p.month}`;
const clock = (p) => `${p.hour}:${p.minute}:${p.second}`;

/** "14:05:09" */
export const formatClock = (date) => clock(parts(date));

/** "06/12/2026 01:07:40", in both languages. */
export const formatDateTime = (value) => {
  if (!value) return '—';
  const p = parts(value);
  return `${dayMonth(p)}/${p.year} ${clock(p)}`;
};

/** "06/12/2026" of a YYYY-MM-DD date (the form the API and the views keep). */
export const formatDay = (day) => (/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '');

/**
 * The YYYY-MM-DD date a person typed as dd/MM/yyyy ("6/12/2026" and "06.12.2026" too), or null when
 * it is not a date of the calendar (31/02/2026).
 */
export function parseDay(text) {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text ?? '');
  if (!match) return null;
  const [day, month, year] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The HH:mm a person typed ("8:05", "08.05" too) as "08:05", or null when it is no time of day. */
export function parseClock(text) {
  const match = /^\s*(\d{1,2})[:.h](\d{2})\s*$/.exec(text ?? '');
  if (!match) return null;
  const [hours, minutes] = match.slice(1).map(Number);
  return hours < 24 && minutes < 60 ? `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` : null;
}

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
  const p = parts(value);
  const time = `${p.hour}:${p.minute}`;
  return dayMonth(p) === dayMonth(parts(new Date())) ? time : `${dayMonth(p)} ${time}`;
}

/** Chart axis ticks (seconds): times of day (with seconds when ticks are closer than a minute), the date (dd/MM) at local midnight. */
export function formatTicks(ticks) {
  const withSeconds = ticks.length > 1 && ticks[1] - ticks[0] < 60;
  return ticks.map((seconds) => {
    const p = parts(new Date(seconds * 1000));
    if (withSeconds) return clock(p);
    return p.hour === '00' && p.minute === '00' ? dayMonth(p) : `${p.hour}:${p.minute}`;
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
export const localDate = (date) => {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
};

/** The local date after a YYYY-MM-DD date. */
export const nextDate = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10);

/** Local midnight starting a YYYY-MM-DD date, RFC 3339 (the province has no daylight saving). */
export const midnight = (day) => `${day}T00:00:00+07:00`;

/** Clears the cached formatters; called when the language changes. */
export const resetFormats = () => cache.clear();

/**
 * What chose a coefficient, in the page's words, from the server's one dictionary of site inputs
 * (GET /api/stations' factor.words): "lưu lượng xả thải 1.200 m³/ngày đêm", "khu công nghiệp, đô thị loại V".
 */
function siteText(factor) {
  if (!factor.input) return t('basis.declared');
  const number = factor.quantity !== null && factor.quantity !== undefined ? formatNumber(factor.quantity) : '';
  const words = factor.words?.[lang()];
  return words ? words.replace('{0}', number) : `${factor.choice ?? factor.input} ${number}`.trim();
}

/**
 * Where a limit comes from, in the page's language and number format (GET /api/stations' terms):
 * "QCVN 40:2011/BTNMT cột A: 75 × Kq 0,9 (lưu lượng mùa kiệt của sông tiếp nhận 30 m³/s) × Kf 1 (…) = 67,5 mg/L",
 * "giấy phép 12/GPMT-UBND: 6–9". A unitless parameter (pH, "-") shows no unit.
 */
export function limitBasis({ terms, unit, max }) {
  const suffix = unit && unit !== '-' ? ` ${unit}` : '';
  const has = (v) => v !== null && v !== undefined;
  const range = has(terms.min) && has(terms.max) ? `${formatNumber(terms.min)}–${formatNumber(terms.max)}`
    : has(terms.min) ? `≥ ${formatNumber(terms.min)}` : has(terms.max) ? formatNumber(terms.max) : '—';
  if (terms.permit) return `${t('basis.permit', { reference: terms.permit })}: ${range}${suffix}`;
  const factors = (terms.factors ?? []).map((f) => ` × ${f.name} ${formatNumber(f.value)} (${siteText(f)})`).join('');
  return `${terms.regulation} ${t('basis.column', { column: terms.column })}: ${range}${factors}${factors && has(max) ? ` = ${formatNumber(max)}` : ''}${suffix}`;
}

/**
 * A date field showing and taking dd/MM/yyyy whatever the browser's locale (an <input type=date>
 * follows the browser's: 12/06/2026 in en-US); read it with parseDay, which says when it is no date.
 */
export const dayField = (id, name, day) => h('input', {
  // No required/pattern: the browser would refuse the form with its own words in its own language.
  type: 'text', id, name, value: formatDay(day), inputmode: 'numeric', autocomplete: 'off', placeholder: t('date.placeholder'), size: 10,
});
