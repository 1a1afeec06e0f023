// Station detail: one uPlot chart per parameter, the last 24 h from GET /api/readings plus the
// live tail from the hub, with the limit drawn as a dashed line.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { AnnotationPanel } from './annotations.js';
import { api, explain } from './api.js';
import { CalibrationPanel } from './calibration.js';
import { fill, h } from './dom.js';
import { formatAgo, formatDateTime, formatNumber, formatTicks, limitBasis, timeZone } from './format.js';
import { t } from './i18n.js';
import { IntegrityPanel } from './integrity.js';
import { stateLabel, unitText } from './levels.js';
import { nowLine, openAlertsLine } from './now.js';

const dayMs = 24 * 3600 * 1000;
const chartHeight = 190;

export class StationDetail {
  #store;
  #id;
  #charts = new Map();
  #root = h('section.station');
  #header = h('header.station-head');
  #resize = new ResizeObserver(() => this.#fit());
  #integrity;
  #calibration = null;

  constructor(store, id) {
    this.#store = store;
    this.#id = id;
    this.#integrity = IntegrityPanel.of(store, id);
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
  }

  destroy() {
    this.#resize.disconnect();
    for (const chart of this.#charts.values()) chart.plot?.destroy();
    this.#charts.clear();
  }

  render() {
    this.destroy();
    const entry = this.#store.stations.get(this.#id);
    if (!entry) {
      fill(this.#root, h('p', { role: 'alert' }, t('station.unknown', { station: this.#id })), h('a', { href: '#/' }, t('station.back')));
      return;
    }
    const charts = h('div.charts');
    // "To verify" is said once per regulation, under the charts, not after every limit.
    const unverified = [...new Set((entry.meta.limits ?? []).filter((l) => l.toVerify).map((l) => l.terms?.regulation ?? l.terms?.permit ?? l.source))];
    fill(this.#root, h('a.back', { href: '#/' }, t('station.back')), this.#header,
      this.#integrity?.render(),
      h('h3.charts-title', {}, t('station.charts')), charts,
      unverified.map((regulation) => h('p.to-verify', {}, t('station.toVerifyNote', { regulation }))),
      (this.#calibration = new CalibrationPanel(this.#store, this.#id, this.#parameters(entry))).element(),
      new AnnotationPanel(this.#store, this.#id, this.#parameters(entry)).element());
    this.#fillHeader();
    for (const parameter of this.#parameters(entry)) {
      const chart = this.#createChart(entry, parameter);
      charts.append(chart.figure);
      this.#charts.set(parameter, chart);
      this.#loadHistory(chart);
    }
    this.#resize.observe(charts);
  }

  update(ids) {
    if (!ids.includes(this.#id)) return;
    const entry = this.#store.stations.get(this.#id);
    this.#fillHeader();
    this.#calibration?.update();
    for (const [parameter, value] of Object.entries(entry?.live?.values ?? {})) {
      const chart = this.#charts.get(parameter);
      if (!chart) {
        this.render();
        return;
      }
      chart.current.textContent = `${formatNumber(value.value)} ${unitText(value.unit)}`.trim();
      chart.current.classList.toggle('is-stale', this.#store.isValueStale(entry, value));
      chart.calibrating.hidden = value.status !== 1;
      this.#append(chart, Date.parse(value.measuredAt) / 1000, value.value);
    }
  }

  tick() {
    this.#fillHeader();
  }

  onAlerts({ alert }) {
    if (!alert || alert.station === this.#id) this.#fillHeader();
  }

  #parameters(entry) {
    const names = (entry.meta.limits ?? []).map((limit) => limit.parameter);
    for (const name of Object.keys(entry.live?.values ?? {})) if (!names.includes(name)) names.push(name);
    return names;
  }

  #fillHeader() {
    const entry = this.#store.stations.get(this.#id);
    if (!entry) return;
    const live = entry.live;
    const state = live?.state ?? 'nodata';
    const stale = this.#store.isStale(entry);
    fill(this.#header,
      h('h2', {}, entry.meta.name && entry.meta.name !== this.#id ? `${this.#id} · ${entry.meta.name}` : this.#id),
      entry.meta.facility ? h('p.station-facility', {}, `${t('station.facility')}: `, h('strong', {}, entry.meta.facility),
        entry.meta.permit ? ` · ${entry.meta.permit}` : '') : null,
      h('p.station-meta', {}, h('span.station-park', {}, this.#store.parkName(entry.meta.park)), ' · ', t(`medium.${entry.meta.medium}`)),
      h(`div.station-state.state-${state}.sev-${live?.severity ?? 'none'}`, { class: stale ? 'is-stale' : '', dataset: { state, stale: String(stale) } },
        h('p.station-state-line', {},
          h('strong', {}, stateLabel(live ?? { state }, stale)), ' · ', t('last.reading'), ' ',
          h('time', { datetime: live?.lastMeasuredAt ?? undefined, title: formatDateTime(live?.lastMeasuredAt) }, formatAgo(this.#store.ageMs(live?.lastMeasuredAt))),
          stale ? h('span.stale-badge', {}, t('stale')) : null),
        nowLine(live),
        openAlertsLine(this.#store, this.#id)));
  }

  #createChart(entry, parameter) {
    const limit = (entry.meta.limits ?? []).find((l) => l.parameter === parameter) ?? null;
    const value = entry.live?.values?.[parameter];
    const unit = unitText(limit?.unit ?? value?.unit);
    const bounds = [[limit?.max ?? null, 'station.limit'], [limit?.min ?? null, 'station.limitMin']].filter(([b]) => b !== null);
    const limitText = !bounds.length ? t('station.noLimit')
      : [limit.min !== null && limit.min !== undefined ? `≥ ${formatNumber(limit.min)}` : null,
        limit.max !== null && limit.max !== undefined ? `≤ ${formatNumber(limit.max)}` : null].filter(Boolean).join(' · ') + (unit ? ` ${unit}` : '');
    const current = h('span.chart-current', {}, value ? `${formatNumber(value.value)} ${unit}`.trim() : '—');
    const status = h('p.chart-status', { role: 'status' }, t('station.loading'));
    // The node reports this parameter as calibrating (status 1): its readings count toward nothing.
    const calibrating = h('span.tag.chart-calibrating', { hidden: value?.status !== 1 }, t('station.calibrating'));
    const plotArea = h('div.plot');
    const figure = h('figure.chart', { dataset: { param: parameter } },
      h('figcaption', {},
        h('span.chart-param', {}, parameter), current, calibrating,
        h('span.chart-limit', { class: bounds.length ? '' : 'is-none' }, `${t('station.limit')}: ${limitText}`),
        limit?.source ? h('span.chart-source', {}, t('station.source', { source: limit.terms ? limitBasis(limit) : limit.source })) : null),
      plotArea, status);
    return { parameter, unit, bounds, figure, plotArea, status, current, calibrating, xs: [], ys: [], plot: null };
  }

  async #loadHistory(chart) {
    const to = new Date(this.#store.now());
    const from = new Date(to.getTime() - dayMs);
    try {
      const response = await api.readings(this.#id, chart.parameter, from.toISOString(), to.toISOString());
      const history = response.readings.map((r) => [Date.parse(r.ts) / 1000, r.value]);
      // Live points that arrived while the history was loading stay, after the history.
      const tail = chart.xs.map((x, i) => [x, chart.ys[i]]).filter(([x]) => !history.length || x > history[history.length - 1][0]);
      const points = [...history, ...tail];
      chart.xs = points.map((p) => p[0]);
      chart.ys = points.map((p) => p[1]);
      chart.status.textContent = '';
      chart.status.hidden = true;
      this.#draw(chart);
    } catch (error) {
      chart.status.textContent = t('station.loadFailed', { detail: explain(error, t) });
    }
  }

  #append(chart, x, y) {
    if (Number.isNaN(x) || (chart.xs.length && x <= chart.xs[chart.xs.length - 1])) return;
    chart.xs.push(x);
    chart.ys.push(y);
    const oldest = (this.#store.now() - dayMs) / 1000;
    while (chart.xs.length && chart.xs[0] < oldest) {
      chart.xs.shift();
      chart.ys.shift();
    }
    if (chart.plot) chart.plot.setData(this.#data(chart));
    chart.figure.dataset.points = String(chart.xs.length);
  }

  #data(chart) {
    const lines = chart.bounds.map(([b]) => chart.xs.map(() => b));
    return [chart.xs, chart.ys, ...lines];
  }

  #draw(chart) {
    const limitSeries = chart.bounds.map(([, label]) => ({
      label: t(label),
      stroke: '#b71c1c', width: 1.5, dash: [8, 5], points: { show: false }, value: (u, v) => formatNumber(v),
    }));
    const options = {
      width: this.#width(chart),
      height: chartHeight,
      // No hover on a phone: the legend names the lines (the caption has the current value) instead of empty value rows.
      legend: { live: false },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { x: { time: true } },
      series: [
        { label: t('chart.time'), value: (u, v) => (v === null ? '—' : formatDateTime(v * 1000)) },
        { label: chart.unit ? `${chart.parameter} (${chart.unit})` : chart.parameter, stroke: '#0d47a1', width: 1.5, value: (u, v) => formatNumber(v) },
        ...limitSeries,
      ],
      // Room for "14:05:15" between ticks, so labels of a fast station never run together.
      axes: [{ space: 80, values: (u, ticks) => formatTicks(ticks) }, { size: 60, values: (u, ticks) => ticks.map(formatNumber) }],
    };
    chart.plot = new uPlot(options, this.#data(chart), chart.plotArea);
    chart.figure.dataset.points = String(chart.xs.length);
  }

  #width(chart) {
    return Math.max(280, Math.floor(chart.figure.clientWidth - 16));
  }

  #fit() {
    for (const chart of this.#charts.values()) chart.plot?.setSize({ width: this.#width(chart), height: chartHeight });
  }
}
