// Inspect (inspector, admin): one station's history over local days — GET /api/history drawn as
// uPlot charts (with the permit limit) and a table; the same query as CSV, the compliance report
// (HTML) and an evidence export job with its progress (docs/inspectors.md).
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { api, explain, query } from './api.js';
import { fill, h } from './dom.js';
import { dayField, formatDateTime, formatNumber, formatTicks, localDate, midnight, nextDate, parseDay, timeZone } from './format.js';
import { lang, t } from './i18n.js';
import { unitText } from './levels.js';

const windows = ['raw', '1m', '15m', '1h', '1d'];
const functions = ['mean', 'min', 'max', 'count'];
const chartHeight = 220;
const pollMs = 1000;

/** The roles that may use this page (the server's inspector policy). */
export const canInspect = (me) => (me?.roles ?? []).some((role) => role === 'inspector' || role === 'admin');

export class Inspect {
  #store;
  #root = h('section.inspect');
  #form = null;
  #result = h('div.inspect-result');
  #plots = [];
  #resize = new ResizeObserver(() => this.#fit());
  #choice;
  #poll = null;

  constructor(store) {
    this.#store = store;
    const today = localDate(new Date(store.now()));
    this.#choice = { station: store.stations.keys().next().value ?? '', params: null, from: today, to: today, window: 'raw', fn: 'mean' };
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
  }

  destroy() {
    this.#resize.disconnect();
    for (const plot of this.#plots) plot.destroy();
    this.#plots = [];
    clearTimeout(this.#poll);
    this.#poll = null;
  }

  /** Redraws the form (language change, new registry); the last result goes until the next query. */
  render() {
    this.destroy();
    this.#form = this.#createForm();
    this.#result.replaceChildren();
    fill(this.#root, h('h2.inspect-title', {}, t('inspect.title')), this.#form, this.#result);
  }

  update() {}

  tick() {}

  #parameters(station) {
    const entry = this.#store.stations.get(station);
    if (!entry) return [];
    const names = (entry.meta.limits ?? []).map((limit) => limit.parameter);
    for (const name of Object.keys(entry.live?.values ?? {})) if (!names.includes(name)) names.push(name);
    return names;
  }

  #createForm() {
    const choice = this.#choice;
    const stationSelect = h('select', { id: 'inspect-station', name: 'station', required: true },
      [...this.#store.stations.keys()].map((id) =>
        h('option', { value: id, selected: id === choice.station }, this.#store.stationLabel(id))));
    const params = h('fieldset.inspect-params', {}, h('legend', {}, t('inspect.parameters')));
    const fillParams = () => {
      const names = this.#parameters(stationSelect.value);
      const chosen = choice.params?.filter((name) => names.includes(name));
      const checked = chosen?.length ? chosen : names.slice(0, 1);
      fill(params, h('legend', {}, t('inspect.parameters')), names.map((name) =>
        h('label.inspect-param', {}, h('input', { type: 'checkbox', name: 'param', value: name, checked: checked.includes(name) }), ` ${name}`)));
    };
    stationSelect.addEventListener('change', fillParams);
    fillParams();
    const field = (label, control) => h('label.filter', {}, label, control);
    const form = h('form.inspect-form', { 'aria-label': t('inspect.title') },
      field(t('inspect.station'), stationSelect),
      params,
      field(t('inspect.from'), dayField('inspect-from', 'from', choice.from)),
      field(t('inspect.to'), dayField('inspect-to', 'to', choice.to)),
      field(t('inspect.window'), h('select', { id: 'inspect-window', name: 'window' },
        windows.map((w) => h('option', { value: w, selected: w === choice.window }, t(`inspect.window.${w}`))))),
      field(t('inspect.function'), h('select', { id: 'inspect-fn', name: 'fn' },
        functions.map((f) => h('option', { value: f, selected: f === choice.fn }, t(`inspect.fn.${f}`))))),
      h('div.form-buttons', {}, h('button.primary', { type: 'submit', id: 'inspect-show' }, t('inspect.show'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#read(form);
      this.#show();
    });
    return form;
  }

  #read(form) {
    const data = new FormData(form);
    this.#choice = {
      station: data.get('station'),
      params: data.getAll('param'),
      // Kept as typed when it is not a date: #show says so.
      from: parseDay(data.get('from')) ?? String(data.get('from')),
      to: parseDay(data.get('to')) ?? String(data.get('to')),
      window: data.get('window'),
      fn: data.get('fn'),
    };
  }

  /** The history query of the current choice; `to` is the day after the last day chosen (exclusive). */
  #historyQuery(format) {
    const { station, params, from, to, window, fn } = this.#choice;
    return { station, param: params.join(','), from: midnight(from), to: midnight(nextDate(to)), window, fn: window === 'raw' ? undefined : fn, format };
  }

  async #show() {
    this.destroy();
    const { station, params, from, to } = this.#choice;
    if (!params.length) {
      fill(this.#result, h('p.form-error', { role: 'alert' }, t('inspect.noParameter')));
      return;
    }
    const wrong = [from, to].find((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day));
    if (wrong !== undefined) {
      fill(this.#result, h('p.form-error', { role: 'alert' }, t('date.invalid', { text: wrong.trim() })));
      return;
    }
    if (to < from) {
      fill(this.#result, h('p.form-error', { role: 'alert' }, t('inspect.badPeriod')));
      return;
    }
    const status = h('p.chart-status', { role: 'status' }, t('station.loading'));
    fill(this.#result, this.#actions(station, params, from, to), status);
    let history;
    try {
      history = await api.history(this.#historyQuery());
    } catch (error) {
      status.textContent = t('station.loadFailed', { detail: explain(error, t) });
      return;
    }
    status.textContent = history.points.length ? '' : t('inspect.empty');
    const charts = h('div.charts');
    this.#result.append(charts, this.#table(history));
    for (const parameter of history.parameters) charts.append(this.#chart(history, parameter));
    this.#resize.observe(charts);
  }

  #actions(station, params, from, to) {
    const csv = `/api/history?${query(this.#historyQuery('csv'))}`;
    const report = `/api/reports/compliance?${query({ station, from, to: nextDate(to), format: 'html', lang: lang() })}`;
    const pdf = `/api/reports/compliance?${query({ station, from, to: nextDate(to), format: 'pdf', lang: lang() })}`;
    const progress = h('span.inspect-export', { id: 'inspect-export', role: 'status' });
    const button = h('button', { type: 'button', id: 'inspect-export-start' }, t('inspect.export'));
    button.addEventListener('click', () => this.#export(button, progress, { station, from: midnight(from), to: midnight(nextDate(to)), params: params.join(',') }));
    return h('div.inspect-actions', {},
      h('a.button', { href: csv, id: 'inspect-csv', download: '' }, t('inspect.csv')),
      h('a.button', { href: report, id: 'inspect-report', target: '_blank', rel: 'noopener' }, t('inspect.report')),
      h('a.button', { href: pdf, id: 'inspect-report-pdf', download: '' }, t('inspect.reportPdf')),
      button, progress);
  }

  async #export(button, progress, body) {
    button.disabled = true;
    progress.textContent = t('inspect.exportStarting');
    try {
      let job = await api.startExport(body);
      while (job.state === 'running') {
        progress.textContent = t('inspect.exportProgress', { percent: Math.round(job.percent ?? 0) });
        await new Promise((resolve) => { this.#poll = setTimeout(resolve, pollMs); });
        if (!progress.isConnected) return;
        job = await api.exportJob(job.id);
      }
      if (job.state !== 'completed') throw new Error(job.error ?? job.state);
      fill(progress, h('a.button', { href: `/api/exports/${encodeURIComponent(job.id)}/file`, id: 'inspect-export-file', download: '' }, t('inspect.exportReady')));
    } catch (error) {
      progress.textContent = t('inspect.exportFailed', { detail: explain(error, t) });
    } finally {
      button.disabled = false;
    }
  }

  #valueOf(point, code, aggregated) {
    const cell = point[code];
    if (!cell) return null;
    return aggregated ? cell[this.#choice.fn] ?? null : cell.value ?? null;
  }

  #table(history) {
    const aggregated = history.window !== 'raw';
    const codes = history.parameters.map((p) => p.code);
    const heading = (p) => {
      const unit = unitText(p.unit);
      const name = aggregated ? `${p.code} ${t(`inspect.fn.${this.#choice.fn}`)}` : p.code;
      return unit && this.#choice.fn !== 'count' ? `${name} (${unit})` : name;
    };
    return h('div.inspect-table-wrap', {},
      h('table.inspect-table', { id: 'inspect-table', dataset: { rows: String(history.points.length) } },
        h('caption', {}, t('inspect.rows', { n: history.points.length })),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(aggregated ? 'inspect.start' : 'chart.time')),
          history.parameters.map((p) => h('th', { scope: 'col' }, heading(p))),
          aggregated ? null : h('th', { scope: 'col' }, t('inspect.status')))),
        h('tbody', {}, history.points.map((point) => {
          const at = aggregated ? point.start : point.time;
          const statuses = aggregated ? null : codes.map((code) => point[code]?.status).filter((s) => s !== undefined && s !== 0);
          return h('tr', {}, h('td', {}, h('time', { datetime: at }, formatDateTime(at))),
            codes.map((code) => h('td.num', { dataset: { param: code } }, formatNumber(this.#valueOf(point, code, aggregated)))),
            aggregated ? null : h('td', {}, statuses.length ? statuses.map((s) => (s === 1 || s === 2 ? t(`inspect.deviceStatus.${s}`) : t('inspect.deviceStatus.other', { status: s }))).join(', ') : '—'));
        }))));
  }

  #chart(history, parameter) {
    const aggregated = history.window !== 'raw';
    const entry = this.#store.stations.get(history.station);
    const limit = (entry?.meta.limits ?? []).find((l) => l.parameter === parameter.code) ?? null;
    // Limits apply to values, not to counts.
    const bounds = this.#choice.fn === 'count' && aggregated ? []
      : [[limit?.max ?? null, 'station.limit'], [limit?.min ?? null, 'station.limitMin']].filter(([b]) => b !== null);
    const xs = history.points.map((p) => Date.parse(aggregated ? p.start : p.time) / 1000);
    const ys = history.points.map((p) => this.#valueOf(p, parameter.code, aggregated));
    const unit = unitText(parameter.unit);
    const plotArea = h('div.plot');
    const figure = h('figure.chart', { dataset: { param: parameter.code, points: String(xs.length) } },
      h('figcaption', {}, h('span.chart-param', {}, parameter.code),
        bounds.length ? h('span.chart-limit', {}, `${t('station.limit')}: ${[
          limit.min !== null && limit.min !== undefined ? `≥ ${formatNumber(limit.min)}` : null,
          limit.max !== null && limit.max !== undefined ? `≤ ${formatNumber(limit.max)}` : null,
        ].filter(Boolean).join(' · ')} ${unit}`.trim()) : null),
      plotArea);
    const options = {
      width: 480,
      height: chartHeight,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { x: { time: true } },
      series: [
        { label: t('chart.time'), value: (u, v) => (v === null ? '—' : formatDateTime(v * 1000)) },
        { label: unit ? `${parameter.code} (${unit})` : parameter.code, stroke: '#0d47a1', width: 1.5, spanGaps: false, value: (u, v) => formatNumber(v) },
        ...bounds.map(([, label]) => ({ label: t(label), stroke: '#b71c1c', width: 1.5, dash: [8, 5], points: { show: false }, value: (u, v) => formatNumber(v) })),
      ],
      axes: [{ values: (u, ticks) => formatTicks(ticks) }, { size: 60, values: (u, ticks) => ticks.map(formatNumber) }],
    };
    // uPlot needs the figure in the page to measure it: draw on the next frame.
    requestAnimationFrame(() => {
      if (!figure.isConnected) return;
      options.width = this.#width(figure);
      const plot = new uPlot(options, [xs, ys, ...bounds.map(([b]) => xs.map(() => b))], plotArea);
      plot.figure = figure;
      this.#plots.push(plot);
    });
    return figure;
  }

  #width(figure) {
    return Math.max(280, Math.floor(figure.clientWidth - 16));
  }

  #fit() {
    for (const plot of this.#plots) plot.setSize({ width: this.#width(plot.figure), height: chartHeight });
  }
}
