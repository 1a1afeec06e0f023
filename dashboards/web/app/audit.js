// Audit log (admin): GET /api/audit with filters — who did what, when, from where (docs/security.md).
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { dayField, formatDateTime, localDate, midnight, nextDate, parseDay } from './format.js';
import { keysOf, t } from './i18n.js';
import { RelayPanel } from './relay.js';

/** What the server records (Audit/AuditAction.cs), as the dictionary names them: the filter offers each. */
const actionKey = 'audit.action.';
const actions = keysOf('vi').filter((key) => key.startsWith(actionKey)).map((key) => key.slice(actionKey.length));

/** The role that may use this page (the server's admin policy). */
export const canAudit = (me) => (me?.roles ?? []).includes('admin');

export class AuditView {
  #store;
  #root = h('section.audit');
  #result = h('div.audit-result');
  #relay = new RelayPanel();
  #choice;

  constructor(store) {
    this.#store = store;
    const today = localDate(new Date(store.now()));
    this.#choice = { from: today, to: today, action: '', user: '', station: '' };
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
    this.#show();
    this.#relay.show();
  }

  destroy() {}

  update() {}

  tick() {}

  render() {
    fill(this.#root, h('h2.inspect-title', {}, t('audit.title')), this.#createForm(), this.#result, this.#relay.element);
  }

  #createForm() {
    const choice = this.#choice;
    const field = (label, control) => h('label.filter', {}, label, control);
    const form = h('form.inspect-form', { 'aria-label': t('audit.title') },
      field(t('inspect.from'), dayField('audit-from', 'from', choice.from)),
      field(t('inspect.to'), dayField('audit-to', 'to', choice.to)),
      field(t('audit.action'), h('select', { id: 'audit-action', name: 'action' },
        h('option', { value: '' }, t('audit.anyAction')),
        actions.map((a) => h('option', { value: a, selected: a === choice.action }, t(`audit.action.${a}`))))),
      field(t('audit.user'), h('input', { type: 'text', id: 'audit-user', name: 'user', value: choice.user, maxlength: 64 })),
      field(t('inspect.station'), h('select', { id: 'audit-station', name: 'station' },
        h('option', { value: '' }, t('audit.anyStation')),
        [...this.#store.stations.keys()].map((id) => h('option', { value: id, selected: id === choice.station }, this.#store.stationLabel(id))))),
      h('div.form-buttons', {}, h('button.primary', { type: 'submit', id: 'audit-show' }, t('inspect.show'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const choice = Object.fromEntries(['from', 'to', 'action', 'user', 'station'].map((name) => [name, String(data.get(name) ?? '').trim()]));
      const wrong = [choice.from, choice.to].find((day) => !parseDay(day));
      if (wrong !== undefined) {
        fill(this.#result, h('p.form-error', { role: 'alert' }, t('date.invalid', { text: wrong })));
        return;
      }
      this.#choice = { ...choice, from: parseDay(choice.from), to: parseDay(choice.to) };
      if (this.#choice.to < this.#choice.from) {
        fill(this.#result, h('p.form-error', { role: 'alert' }, t('inspect.badPeriod')));
        return;
      }
      this.#show();
    });
    return form;
  }

  async #show() {
    const { from, to, action, user, station } = this.#choice;
    const status = h('p.chart-status', { role: 'status' }, t('station.loading'));
    fill(this.#result, status);
    let entries;
    try {
      entries = await api.audit({ from: midnight(from), to: midnight(nextDate(to)), action, user, station, limit: 1000 });
    } catch (error) {
      status.textContent = t('station.loadFailed', { detail: explain(error, t) });
      return;
    }
    status.textContent = entries.length ? t('inspect.rows', { n: entries.length }) : t('audit.empty');
    const head = ['audit.time', 'audit.action', 'audit.user', 'audit.source', 'inspect.station', 'audit.subject', 'audit.detail'];
    this.#result.append(h('div.inspect-table-wrap', {}, h('table.inspect-table', { id: 'audit-table' },
      h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', {}, entries.map((e) => h('tr', { dataset: { action: e.action } },
        h('td', {}, formatDateTime(new Date(e.at))),
        h('td', {}, t(`audit.action.${e.action}`)),
        h('td', {}, e.user),
        h('td', {}, e.source ?? ''),
        h('td', {}, e.station ? this.#store.stationLabel(e.station) : ''),
        h('td.audit-subject', {}, e.subject ?? ''),
        h('td', {}, e.detail ?? '')))))));
  }
}
