// The station form of the administration page: every key of a station definition (docs/rules.md
// §10), its choices from GET /api/admin/regulations and /api/admin/catalog, and the limits it would
// get, asked of POST /api/admin/stations/preview while the admin types and explained as the
// station page explains them (limitBasis).
import { admin } from './api.js';
import { checkbox, field, group, number, select, showErrors, text } from './adminform.js';
import { fill, h } from './dom.js';
import { limitBasis } from './format.js';
import { lang, t } from './i18n.js';

/** How long typing pauses before the limits are asked again. */
const previewDelayMs = 300;

/** The rule settings a station may override that are durations (hh:mm:ss). */
const ruleTimes = ['clearTime', 'deadManClearTime', 'flapWindow', 'sustainedFor', 'flatLineAfter', 'silentAfter', 'offlineAfter', 'lateAfter'];

const present = (value) => value !== null && value !== undefined && value !== '';
const keep = (object) => Object.fromEntries(Object.entries(object ?? {}).filter(([, value]) => present(value)));

/** A site key's words in the page's language, the number's place shown as "…"; the key itself when there are none. */
const words = (choice) => (choice.words ? (lang() === 'vi' ? choice.words.vi : choice.words.en).replace('{0}', '…') : choice.key);

export class StationForm {
  element = h('div.station-form');
  #d;
  #choices;
  #parks;
  #editing;
  #preview = h('ul.preview-limits', { id: 'admin-preview' });
  #previewStatus = h('p.chart-status', { role: 'status', id: 'admin-preview-status' });
  #timer = null;
  #asked = 0;
  #problem = null;

  /** A new station's definition: water, every 5 minutes, permit limits only until a regulation is chosen. */
  static empty(park) {
    return {
      park, station: '', name: null, facility: null, permitNumber: null, latitude: null, longitude: null, medium: 'water', expectedInterval: '00:05:00',
      parameters: [], regulation: null, column: null, site: {}, siteChoices: {}, factors: {}, permit: [], rules: { rateOfChangePerHour: {}, disabled: [] },
    };
  }

  /** The definition as the API takes it: site keys, coefficients and rule settings left empty are left out. */
  static body(d) {
    return { ...d, site: keep(d.site), siteChoices: keep(d.siteChoices), factors: keep(d.factors), rules: keep(d.rules) };
  }

  constructor(draft, choices, parks, editing) {
    this.#d = draft;
    this.#d.medium = (draft.medium ?? 'water').toLowerCase();
    this.#d.rules ??= {};
    this.#d.rules.rateOfChangePerHour ??= {};
    this.#d.rules.disabled ??= [];
    this.#choices = choices;
    this.#parks = parks;
    this.#editing = editing;
    this.element.addEventListener('input', () => this.#schedule());
    this.element.addEventListener('change', () => this.#schedule());
    this.render();
    if (editing) this.#schedule(0);
  }

  destroy() {
    clearTimeout(this.#timer);
    this.#asked += 1;
  }

  get #regulation() {
    return this.#choices.regulations.find((r) => r.id === this.#d.regulation) ?? null;
  }

  /** Rebuilds the fields (a choice changed which fields there are), keeping the focus where it was. */
  render() {
    const focused = document.activeElement && this.element.contains(document.activeElement) ? document.activeElement.id : null;
    fill(this.element, this.#fields(), h('section.preview', { 'aria-labelledby': 'admin-preview-title' },
      h('h4', { id: 'admin-preview-title' }, t('admin.preview.title')), this.#previewStatus, this.#preview));
    if (this.#problem) showErrors(this.element.closest('form') ?? this.element, this.#problem, false);
    if (focused) document.getElementById(focused)?.focus();
  }

  #fields() {
    const d = this.#d;
    const f = 'admin';
    const set = (key) => (value) => { d[key] = value; };
    const medium = d.medium;
    const parameters = this.#choices.parameters.filter((p) => p.medium === medium);
    const parameterOptions = parameters.map((p) => [p.code, `${p.code} — ${p.name}`]);
    const regulation = this.#regulation;
    return [
      h('div.field-row', {},
        field(f, 'park', t('admin.station.park'), select(d.park, this.#parks, set('park'))),
        field(f, 'station', t('admin.station.station'), text(d.station, (v) => { d.station = v ?? ''; }, { readonly: this.#editing, autocomplete: 'off' }), t('admin.idHint')),
        field(f, 'name', t('admin.station.name'), text(d.name, set('name')))),
      h('div.field-row', {},
        field(f, 'facility', t('admin.station.facility'), text(d.facility, set('facility'))),
        field(f, 'permitNumber', t('admin.station.permitNumber'), text(d.permitNumber, set('permitNumber')))),
      h('div.field-row', {},
        field(f, 'latitude', t('admin.latitude'), number(d.latitude, set('latitude'))),
        field(f, 'longitude', t('admin.longitude'), number(d.longitude, set('longitude'))),
        field(f, 'medium', t('admin.station.medium'), select(medium, [['water', t('admin.medium.water')], ['air', t('admin.medium.air')]], (v) => {
          d.medium = v;
          d.parameters = [];
          d.permit = [];
          this.#setRegulation(null);
        }, { required: true })),
        field(f, 'expectedInterval', t('admin.station.expectedInterval'), text(d.expectedInterval, set('expectedInterval'), { inputmode: 'numeric', size: 8 }), t('admin.station.intervalHint'))),
      group(f, 'parameters', t('admin.station.parameters'), parameters.map((p) => checkbox(`admin-param-${p.code}`, `${p.code} (${p.unit})`, d.parameters.includes(p.code),
        (on) => { d.parameters = on ? [...d.parameters, p.code] : d.parameters.filter((c) => c !== p.code); }, { title: p.name })), t('admin.station.parametersHint')),
      h('div.field-row', {},
        field(f, 'regulation', t('admin.station.regulation'), select(d.regulation, [[null, t('admin.station.permitOnly')],
          ...this.#choices.regulations.filter((r) => r.medium === medium).map((r) => [r.id, r.id])], (v) => this.#setRegulation(v))),
        regulation ? field(f, 'column', t('admin.station.column'), select(d.column, [[null, '—'], ...regulation.columns.map((c) => [c.code, `${c.code} — ${c.description}`])],
          set('column'))) : null),
      regulation ? this.#site(regulation) : null,
      this.#permit(parameterOptions),
      this.#rules(),
    ];
  }

  #setRegulation(id) {
    const d = this.#d;
    d.regulation = id;
    d.column = this.#regulation?.columns.length === 1 ? this.#regulation.columns[0].code : null;
    d.site = {};
    d.siteChoices = {};
    d.factors = {};
    this.render();
  }

  /** The site inputs the regulation's tables read, and the coefficients a permit may fix. */
  #site(regulation) {
    const d = this.#d;
    const f = 'admin';
    if (!regulation.site.length && !regulation.siteChoices.length && !regulation.factors.length) return null;
    return h('fieldset.field-group', { dataset: { field: 'site' } }, h('legend', {}, t('admin.station.site')),
      h('p.field-hint', {}, t('admin.station.siteHint')),
      h('div.field-row', {},
        regulation.site.map((q) => field(f, `site.${q.key}`, `${words(q)} (${q.key})`, number(d.site[q.key], (v) => { d.site[q.key] = v; }, { min: 0 }))),
        regulation.siteChoices.map((c) => field(f, `siteChoices.${c.key}`, c.key, select(d.siteChoices[c.key],
          [[null, '—'], ...c.codes.map((code) => [code.key, words(code)])], (v) => { d.siteChoices[c.key] = v; }))),
        regulation.factors.map((name) => field(f, `factors.${name}`, t('admin.station.factor', { name }),
          number(d.factors[name], (v) => { d.factors[name] = v; }, { min: 0 }), t('admin.station.factorHint')))),
      h('p.field-error', {}));
  }

  /** The permit's own limits, one row each. */
  #permit(parameterOptions) {
    const d = this.#d;
    const f = 'admin';
    return h('fieldset.field-group', { dataset: { field: 'permit' } }, h('legend', {}, t('admin.station.permit')),
      d.permit.map((limit, i) => h('div.permit-row', { dataset: { field: `permit[${i}]` } },
        field(f, `permit[${i}].parameter`, t('admin.station.parameter'), select(limit.parameter, [[null, '—'], ...parameterOptions], (v) => { limit.parameter = v ?? ''; })),
        field(f, `permit[${i}].min`, t('admin.station.min'), number(limit.min, (v) => { limit.min = v; })),
        field(f, `permit[${i}].max`, t('admin.station.max'), number(limit.max, (v) => { limit.max = v; })),
        field(f, `permit[${i}].reference`, t('admin.station.reference'), text(limit.reference, (v) => { limit.reference = v; })),
        h('button', { type: 'button', 'aria-label': t('admin.station.removeLimit', { n: i + 1 }), onclick: () => { d.permit.splice(i, 1); this.render(); this.#schedule(); } }, '✕'),
        h('p.field-error', {}))),
      h('button', { type: 'button', id: 'admin-add-limit', onclick: () => { d.permit.push({ parameter: '', min: null, max: null, reference: null }); this.render(); } },
        t('admin.station.addLimit')),
      h('p.field-error', {}));
  }

  /** Overrides of the platform's rule settings, folded away: most stations need none. */
  #rules() {
    const rules = this.#d.rules;
    const f = 'admin';
    const rates = Object.entries(rules.rateOfChangePerHour ?? {}).map(([code, rate]) => `${code}=${rate}`).join(', ');
    return h('details.rules', { open: Object.keys(keep(rules)).some((key) => key !== 'rateOfChangePerHour' && key !== 'disabled') || rates || rules.disabled.length ? true : undefined },
      h('summary', {}, t('admin.station.rules')),
      h('p.field-hint', {}, t('admin.station.rulesHint')),
      h('div.field-row', { dataset: { field: 'rules' } },
        field(f, 'rules.minimumCompleteness', 'minimumCompleteness', number(rules.minimumCompleteness, (v) => { rules.minimumCompleteness = v; }, { min: 0, max: 1 })),
        field(f, 'rules.approachRatio', 'approachRatio', number(rules.approachRatio, (v) => { rules.approachRatio = v; }, { min: 0, max: 1 })),
        ruleTimes.map((name) => field(f, `rules.${name}`, name, text(rules[name], (v) => { rules[name] = v; }, { placeholder: 'hh:mm:ss', size: 8 })))),
      field(f, 'rules.rateOfChangePerHour', 'rateOfChangePerHour', text(rates, (v) => {
        rules.rateOfChangePerHour = Object.fromEntries((v ?? '').split(/[,;]/).map((pair) => pair.split('=').map((s) => s.trim())).filter(([code]) => code)
          .map(([code, rate]) => [code, Number((rate ?? '').replace(',', '.'))]));
      }, { placeholder: 'COD=50, TSS=20' }), t('admin.station.rateHint')),
      group(f, 'rules.disabled', t('admin.station.disabledRules'), this.#choices.ruleKinds.map((kind) => checkbox(`admin-rule-${kind}`, kind, rules.disabled.includes(kind),
        (on) => { rules.disabled = on ? [...rules.disabled, kind] : rules.disabled.filter((k) => k !== kind); }))));
  }

  #schedule(delay = previewDelayMs) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#ask(), delay);
  }

  /** Asks the limits of the definition as it is now; an older answer arriving late is dropped. */
  async #ask() {
    const asked = ++this.#asked;
    this.#previewStatus.textContent = t('admin.preview.asking');
    const form = this.element.closest('form') ?? this.element;
    try {
      const { limits } = await admin.preview(StationForm.body(this.#d));
      if (asked !== this.#asked) return;
      this.#problem = null;
      showErrors(form, null, false);
      this.#previewStatus.textContent = limits.length ? t('admin.preview.count', { n: limits.length }) : t('admin.preview.none');
      fill(this.#preview, limits.map((limit) => h('li', { dataset: { param: limit.parameter } },
        h('strong', {}, limit.parameter), ': ', h('span.preview-basis', {}, limit.terms ? limitBasis(limit) : limit.source),
        limit.toVerify ? h('span.preview-verify', {}, ` (${t('admin.preview.toVerify')})`) : null)));
    } catch (error) {
      if (asked !== this.#asked) return;
      fill(this.#preview);
      if (error.status === 400 && error.problem?.errors) {
        this.#problem = error.problem;
        showErrors(form, error.problem, false);
        this.#previewStatus.textContent = t('admin.preview.invalid');
      } else {
        this.#previewStatus.textContent = t('admin.preview.failed');
      }
    }
  }
}
