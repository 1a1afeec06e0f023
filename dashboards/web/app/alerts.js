// The alert feed: newest first, filtered by park, minimum severity and state. A new alert comes
// in with a chime and a highlight; operators acknowledge and resolve with a note, viewers only read.
// The shift log (state "log") lists the alerts resolved on one local day, with who resolved them and
// why, read from the server's stored events (GET /api/alerts?from=&to=).
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { formatBound, formatDateTime, formatDay, formatNumber, localDate, midnight, nextDate, parseDay } from './format.js';
import { t } from './i18n.js';
import { alertBadge, alertSeverity, isOperator, judgesValue, severities, severityLabel, severityRank, unitText } from './levels.js';
import { chime, chimeCount } from './sound.js';

const highlightMs = 10000;
const version = (alert) => `${alert.updatedAt}|${alert.lastEvent}|${alert.severity}|${alert.active}|${alert.acknowledgedAt}|${alert.resolvedAt}|${alert.overdueAt}`;

export class AlertFeed {
  #store;
  #filters = { park: '', severity: '', state: 'open', day: '' };
  /** The shift log of #filters.day: alert id → AlertView, resolved that day. */
  #log = new Map();
  #items = new Map();
  #highlighted = new Map();
  #root = h('section.feed', { 'aria-labelledby': 'feed-title' });
  #list = h('ol.alerts', { id: 'alert-list' });
  #count = h('span.feed-count', { 'aria-live': 'off' });
  #empty = h('p.feed-empty');
  #announcer = h('p.visually-hidden', { 'aria-live': 'assertive', id: 'alert-announcer' });
  #filterBar = h('form.filters');

  constructor(store) {
    this.#store = store;
    this.#filters.day = localDate(new Date(store.now()));
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
  }

  /** Rebuilds the filter controls and every item (after a language change or a new registry). */
  render() {
    this.#renderFilters();
    fill(this.#root,
      h('div.feed-head', {}, h('h2', { id: 'feed-title' }, t('alerts.title')), this.#count),
      this.#filterBar, this.#announcer, this.#list, this.#empty);
    this.#items.clear();
    this.#list.replaceChildren();
    this.refresh();
  }

  /** Store event: one alert changed (maybe new and live), or the whole set was replaced. */
  onAlerts({ alert, fresh, isNew }) {
    const logging = this.#filters.state === 'log';
    // New, worse, or still unacknowledged after the server's time (overdue): worth a chime.
    if (alert && fresh && (isNew || alert.lastEvent === 'escalated' || alert.lastEvent === 'overdue') && !logging && this.#matches(alert)) this.#cue(alert);
    // An alert resolved now belongs to today's shift log.
    if (logging && alert?.resolvedAt && localDate(new Date(alert.resolvedAt)) === this.#filters.day) this.#log.set(alert.id, alert);
    this.refresh();
    if (this.#filters.state === 'all' && !alert) this.#load();
  }

  refresh() {
    const logging = this.#filters.state === 'log';
    const shown = [...(logging ? this.#log : this.#store.alerts).values()].filter((alert) => this.#matches(alert))
      .sort(logging ? (a, b) => Date.parse(b.resolvedAt) - Date.parse(a.resolvedAt)
        : (a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || severityRank(alertSeverity(b)) - severityRank(alertSeverity(a)));
    const keep = new Set(shown.map((alert) => alert.id));
    for (const [id, item] of this.#items) {
      if (!keep.has(id)) {
        item.li.remove();
        this.#items.delete(id);
      }
    }
    let previous = null;
    for (const alert of shown) {
      const item = this.#items.get(alert.id) ?? this.#create(alert);
      const highlighted = this.#highlighted.has(alert.id);
      if (item.version !== version(alert) || item.highlighted !== highlighted) this.#fillItem(item, alert, highlighted);
      const expected = previous ? previous.nextSibling : this.#list.firstChild;
      if (expected !== item.li) this.#list.insertBefore(item.li, expected);
      previous = item.li;
    }
    this.#count.textContent = t('alerts.count', { n: shown.length });
    this.#empty.textContent = shown.length ? '' : t(logging ? 'alerts.logEmpty' : 'alerts.empty');
    this.#empty.hidden = shown.length > 0;
    this.#list.dataset.chimes = String(chimeCount());
  }

  #matches(alert) {
    const { park, severity, state } = this.#filters;
    if (park && alert.park !== park) return false;
    // As the server's filter (docs/live.md): the minimum applies to the alert's peak severity.
    if (severity && severityRank(alert.peak ?? alert.severity) < severityRank(severity)) return false;
    if (state === 'open') return !alert.resolvedAt;
    if (state === 'active') return alert.active === true;
    if (state === 'log') return Boolean(alert.resolvedAt);
    return true;
  }

  #cue(alert) {
    chime(severityRank(alert.severity) >= severityRank('from2'));
    clearTimeout(this.#highlighted.get(alert.id));
    this.#highlighted.set(alert.id, setTimeout(() => {
      this.#highlighted.delete(alert.id);
      this.refresh();
    }, highlightMs));
    this.#announcer.textContent = t('alerts.new', { station: this.#store.stationLabel(alert.station), parameter: alert.parameter, severity: alertBadge(alert) });
  }

  // Resolved alerts are not in the hub's snapshot: "all" asks the server for them.
  async #load() {
    try {
      const { park, severity, state } = this.#filters;
      this.#store.mergeAlerts(await api.alerts({ park, severity, state }));
    } catch (error) {
      this.#announcer.textContent = t('error.generic', { detail: explain(error, t) });
    }
  }

  // The shift log: every alert resolved on the chosen local day (park and severity are filtered here).
  async #loadLog() {
    const day = this.#filters.day;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    this.#log.clear();
    this.refresh();
    try {
      const list = await api.alerts({ from: midnight(day), to: midnight(nextDate(day)) });
      if (day !== this.#filters.day) return;
      for (const alert of list) this.#log.set(alert.id, alert);
      // Resolved a moment ago and seen live, but perhaps not stored yet: shown all the same.
      for (const alert of this.#store.alerts.values()) {
        if (alert.resolvedAt && localDate(new Date(alert.resolvedAt)) === day && !this.#log.has(alert.id)) this.#log.set(alert.id, alert);
      }
      this.refresh();
    } catch (error) {
      this.#announcer.textContent = t('error.generic', { detail: explain(error, t) });
    }
  }

  #renderFilters() {
    // A text field in dd/MM/yyyy, not <input type=date>: that one shows the browser's locale's format.
    const dayError = h('p.form-error', { id: 'filter-day-error', role: 'alert' });
    const day = h('div.filter', { hidden: this.#filters.state !== 'log' },
      h('label', { for: 'filter-day' }, t('filter.day')),
      h('input', {
        type: 'text', id: 'filter-day', name: 'day', value: formatDay(this.#filters.day), inputmode: 'numeric', autocomplete: 'off',
        placeholder: t('date.placeholder'), size: 10, 'aria-describedby': dayError.id, onchange: (event) => {
          const parsed = parseDay(event.target.value);
          dayError.textContent = parsed ? '' : t('date.invalid', { text: event.target.value.trim() });
          event.target.setAttribute('aria-invalid', String(!parsed));
          if (!parsed) return;
          event.target.value = formatDay(parsed);
          this.#filters.day = parsed;
          this.#loadLog();
        },
      }), dayError);
    const select = (key, label, options) => {
      const id = `filter-${key}`;
      const control = h('select', { id, name: key, onchange: (event) => {
        this.#filters[key] = event.target.value;
        const { state } = this.#filters;
        day.hidden = state !== 'log';
        this.refresh();
        if (key === 'state' && state === 'log') this.#loadLog();
        else if (state === 'all') this.#load();
      } }, options.map(([value, text]) => h('option', { value, selected: this.#filters[key] === value }, text)));
      return h('div.filter', {}, h('label', { for: id }, label), control);
    };
    fill(this.#filterBar,
      select('park', t('filter.park'), [['', t('filter.all')], ...[...this.#store.parks.keys()].map((park) => [park, this.#store.parkName(park)])]),
      select('severity', t('filter.severity'), [['', t('filter.all')], ...severities.slice(1).map((s) => [s, severityLabel(s)])]),
      select('state', t('filter.state'), [['open', t('filter.open')], ['active', t('filter.active')], ['all', t('filter.all')], ['log', t('filter.log')]]),
      day);
    this.#filterBar.setAttribute('aria-label', t('alerts.filters'));
    this.#filterBar.onsubmit = (event) => event.preventDefault();
  }

  #create(alert) {
    const item = { id: alert.id, li: h('li.alert', { dataset: { alertId: alert.id } }), body: h('div.alert-body'), form: null, version: '' };
    item.li.append(item.body);
    // Viewers get no form at all, not a hidden one.
    if (isOperator(this.#store.me)) {
      item.note = h('textarea', { id: `note-${alert.id}`, rows: 2, maxlength: 500 });
      item.error = h('p.form-error', { role: 'alert' });
      item.submit = h('button.primary', { type: 'submit' });
      item.form = h('form.alert-form', { hidden: true },
        h('label', { for: item.note.id }, t('alert.note')), item.note,
        h('div.form-buttons', {}, item.submit, h('button', { type: 'button', onclick: () => this.#closeForm(item) }, t('alert.cancel'))), item.error);
      item.form.addEventListener('submit', (event) => {
        event.preventDefault();
        this.#send(item);
      });
      item.form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.#closeForm(item);
      });
      item.li.append(item.form);
    }
    this.#items.set(alert.id, item);
    return item;
  }

  #fillItem(item, alert, highlighted) {
    item.version = version(alert);
    item.highlighted = highlighted;
    const resolved = Boolean(alert.resolvedAt);
    const acknowledged = Boolean(alert.acknowledgedAt);
    const severity = alertSeverity(alert);
    item.li.className = `alert sev-${severity}${highlighted ? ' is-new' : ''}${alert.active ? ' is-active' : ' is-cleared'}${acknowledged ? ' is-acknowledged' : ''}${resolved ? ' is-resolved' : ''}`;
    Object.assign(item.li.dataset, { severity: alert.severity, active: String(alert.active), acknowledged: String(acknowledged), resolved: String(resolved), park: alert.park });
    const canAct = isOperator(this.#store.me) && !resolved;
    fill(item.body,
      h('div.alert-head', {},
        h(`span.badge.sev-${severity}`, {}, alertBadge(alert)),
        h('a.alert-station', { href: `#/station/${encodeURIComponent(alert.station)}` }, alert.station),
        h('span.alert-param', {}, alert.parameter ?? ''),
        h('span.alert-rule', {}, t(`rule.${alert.rule}`))),
      h('div.alert-place', {}, [this.#store.facility(alert.station) ?? this.#store.stationName(alert.station), this.#store.parkName(alert.park)].filter(Boolean).join(' · ')),
      this.#valueLine(alert),
      h('div.alert-meta', {},
        h('time', { datetime: alert.openedAt }, `${t('alert.opened')} ${formatDateTime(alert.openedAt)}`), ' · ',
        h('span.alert-status', {}, alert.active ? t('alert.active') : t('alert.cleared')),
        alert.late ? h('span.tag', {}, t('alert.late')) : null,
        alert.overdueAt && !acknowledged && !resolved ? h('span.tag.tag-overdue', {}, t('alert.overdue', { time: formatDateTime(alert.overdueAt) })) : null),
      acknowledged ? h('div.alert-ack', {}, t('alert.acknowledgedBy', { user: alert.acknowledgedBy, time: formatDateTime(alert.acknowledgedAt) }),
        alert.acknowledgeNote ? h('q', {}, alert.acknowledgeNote) : null) : null,
      resolved ? h('div.alert-resolved', {}, t('alert.resolvedBy', { user: alert.resolvedBy, time: formatDateTime(alert.resolvedAt) }),
        alert.resolveNote ? h('q', {}, alert.resolveNote) : null) : null,
      canAct ? h('div.alert-actions', {},
        acknowledged ? null : h('button.act-acknowledge', { type: 'button', onclick: () => this.#openForm(item, 'acknowledge') }, t('alert.acknowledge')),
        h('button.act-resolve', { type: 'button', onclick: () => this.#openForm(item, 'resolve') }, t('alert.resolve'))) : null);
    if (!canAct) this.#closeForm(item);
  }

  /**
   * The value against its limit: "218,7 mg/L · giới hạn 100 mg/L · 2,19 lần giới hạn" for a one-sided
   * limit; for a range (pH) the bound broken, "4,5 < 6 · giới hạn dưới 6", never a multiple. A
   * device fault's number is not a reading, and silence or an offline station has none.
   */
  #valueLine(alert) {
    if (alert.value === null || alert.value === undefined || !(judgesValue(alert) || alert.rule === 'flatLine' || alert.rule === 'rateOfChange')) return null;
    const unit = unitText(alert.unit);
    const value = h('strong', {}, `${formatNumber(alert.value)} ${unit}`.trim());
    const limit = alert.limit ?? alert.limitMax ?? alert.limitMin;
    if (alert.rule === 'flatLine' || limit === null || limit === undefined) return h('div.alert-value', {}, value);
    if (alert.multiple === null || alert.multiple === undefined) {
      const against = formatBound(alert.value, alert.bound, alert.limit);
      // An alert stored before bounds were recorded says the whole range it is judged against.
      const bounds = [alert.limitMin, alert.limitMax].filter((b) => b !== null && b !== undefined).map(formatNumber).join('–');
      return h('div.alert-value', {}, value, against ? ` ${against}` : '',
        ` · ${alert.bound ? t(`alert.bound.${alert.bound}`, { limit: `${formatNumber(alert.limit)} ${unit}`.trim() }) : t('alert.limit', { limit: `${bounds} ${unit}`.trim() })}`);
    }
    return h('div.alert-value', {}, value,
      ` · ${t('alert.limit', { limit: `${formatNumber(limit)} ${unit}`.trim() })}`,
      ` · ${t('alert.multiple', { m: formatNumber(alert.multiple) })}`);
  }

  #openForm(item, kind) {
    item.kind = kind;
    item.form.hidden = false;
    item.form.dataset.kind = kind;
    item.submit.textContent = t(kind === 'resolve' ? 'alert.submitResolve' : 'alert.submitAcknowledge');
    item.note.required = kind === 'resolve';
    item.error.textContent = '';
    item.note.focus();
  }

  #closeForm(item) {
    if (!item.form) return;
    item.form.hidden = true;
    item.note.value = '';
    item.error.textContent = '';
  }

  async #send(item) {
    const note = item.note.value.trim();
    if (item.kind === 'resolve' && !note) {
      item.error.textContent = t('alert.noteRequired');
      return;
    }
    item.submit.disabled = true;
    try {
      const view = await (item.kind === 'resolve' ? api.resolve(item.id, note) : api.acknowledge(item.id, note));
      this.#closeForm(item);
      this.#store.upsertAlert(view);
    } catch (error) {
      // A reason the server names is said in the user's language; anything else shows the server's detail.
      item.error.textContent = error.reason === 'causeActive' ? t('alert.causeActive') : t('alert.failed', { detail: explain(error, t) });
    } finally {
      item.submit.disabled = false;
    }
  }
}
