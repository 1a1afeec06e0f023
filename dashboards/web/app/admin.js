// Administration (admin of every park): parks, stations, gateways and users changed while the host
// runs, through /api/admin (docs/admin.md, docs/dashboard.md "Administration").
import { admin, api, explain } from './api.js';
import { checkbox, conflictPanel, field, group, number, secretPanel, select, showErrors, text } from './adminform.js';
import { fill, h } from './dom.js';
import { formatDateTime } from './format.js';
import { keysOf, t } from './i18n.js';
import { StationForm } from './adminstation.js';

/** The page is for admins of every park (the server's Admin policy refuses an admin bound to parks). */
export const canAdminister = (me) => (me?.roles ?? []).includes('admin') && !(me?.parks?.length);

const tabs = ['parks', 'stations', 'gateways', 'users'];

/** The roles a user may have, as the dictionary names them (role.*). */
const roles = keysOf('vi').filter((key) => key.startsWith('role.')).map((key) => key.slice('role.'.length));

const clone = (value) => JSON.parse(JSON.stringify(value));

let currentTab = 'parks';

export class AdminView {
  #store;
  #root = h('section.admin');
  #body = h('div.admin-body');
  #status = h('p.chart-status', { role: 'status', id: 'admin-status' });
  #lists = { parks: [], stations: [], gateways: [], users: [] };
  /** The form open: { kind, mode: create|edit, id, version, draft, problem, conflict }, or null. */
  #editing = null;
  #secret = null;
  #stationForm = null;
  #choices = null;

  constructor(store) {
    this.#store = store;
  }

  mount(container) {
    container.replaceChildren(this.#root);
    this.render();
    this.#load();
  }

  destroy() {
    this.#stationForm?.destroy();
  }

  update() {}

  tick() {}

  render() {
    const tablist = h('div.admin-tabs', { role: 'tablist', 'aria-label': t('admin.title') },
      tabs.map((tab) => h('button.tab', {
        type: 'button', role: 'tab', id: `admin-tab-${tab}`, 'aria-selected': String(tab === currentTab), 'aria-controls': 'admin-panel',
        onclick: () => this.#switch(tab),
      }, t(`admin.tab.${tab}`))));
    fill(this.#root, h('h2.inspect-title', {}, t('admin.title')), tablist,
      h('div.admin-panel', { role: 'tabpanel', id: 'admin-panel', 'aria-labelledby': `admin-tab-${currentTab}` }, this.#status, this.#body));
    this.#renderBody();
  }

  #switch(tab) {
    currentTab = tab;
    this.#close();
    this.#status.textContent = '';
    this.render();
    this.#load();
  }

  async #load() {
    const tab = currentTab;
    try {
      const kinds = tab === 'parks' ? ['parks'] : ['parks', tab];
      const lists = await Promise.all(kinds.map((kind) => admin.list(kind)));
      kinds.forEach((kind, i) => { this.#lists[kind] = lists[i]; });
      if (tab === 'stations') await this.#loadChoices();
    } catch (error) {
      this.#status.textContent = t('station.loadFailed', { detail: explain(error, t) });
      return;
    }
    if (tab === currentTab) this.#renderBody();
  }

  /** What a station may name (regulations, parameters, rule kinds): asked once, before the first station form. */
  async #loadChoices() {
    if (this.#choices) return;
    const [regulations, catalog] = await Promise.all([admin.regulations(), admin.catalog()]);
    this.#choices = { regulations, ...catalog };
  }

  #renderBody() {
    const list = this.#lists[currentTab];
    const parts = [];
    if (this.#secret) parts.push(secretPanel(this.#secret, () => { this.#secret = null; this.#renderBody(); }));
    if (!this.#editing) parts.push(h('div.form-buttons', {}, h('button.primary', { type: 'button', id: 'admin-new', onclick: () => this.#open('create') }, t(`admin.new.${currentTab}`))));
    else parts.push(this.#form());
    parts.push(this.#table(list));
    fill(this.#body, parts);
    if (this.#editing?.problem) showErrors(this.#body.querySelector('form'), this.#editing.problem, false);
  }

  // ---- Lists ----

  #table(entries) {
    const heads = {
      parks: ['admin.park.id', 'admin.park.name', 'admin.park.position'],
      stations: ['admin.station.station', 'admin.station.park', 'admin.station.name', 'admin.station.regulation'],
      gateways: ['admin.gateway.gateway', 'admin.gateway.park', 'admin.gateway.name', 'admin.gateway.username', 'admin.state'],
      users: ['admin.user.name', 'admin.user.displayName', 'admin.user.roles', 'admin.user.parks', 'admin.state'],
    }[currentTab];
    if (!entries.length) return h('p.admin-empty', {}, t('admin.empty'));
    return h('div.inspect-table-wrap', {}, h('table.inspect-table', { id: `admin-${currentTab}` },
      h('thead', {}, h('tr', {}, [...heads, 'admin.changed', 'admin.actions'].map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', {}, entries.map((entry) => h('tr', { dataset: { id: entry.id } },
        this.#cells(entry.item).map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))),
        h('td', {}, t('admin.changedBy', { user: entry.updatedBy, time: formatDateTime(new Date(entry.updatedAt)) })),
        h('td.admin-actions', {}, this.#actions(entry)))))));
  }

  #cells(item) {
    const state = (disabled) => t(disabled ? 'admin.disabled' : 'admin.enabled');
    switch (currentTab) {
      case 'parks': return [item.id, item.name ?? '', item.latitude === null || item.latitude === undefined ? '—' : `${item.latitude}, ${item.longitude}`];
      case 'stations': return [item.station, item.park, item.name ?? '', item.regulation ? `${item.regulation} ${t('basis.column', { column: item.column })}` : t('admin.station.permitOnly')];
      case 'gateways': return [item.gateway, item.park, item.name ?? '', item.username,
        [state(item.disabled), item.previousValidUntil ? t('admin.gateway.oldValidUntil', { time: formatDateTime(new Date(item.previousValidUntil)) }) : null].filter(Boolean).join(' · ')];
      default: return [item.name, item.displayName ?? '', item.roles.map((role) => t(`role.${role}`)).join(', '),
        item.parks.length ? item.parks.join(', ') : t('admin.user.allParks'), state(item.disabled)];
    }
  }

  #actions(entry) {
    const button = (action, label, onclick) => h('button', { type: 'button', dataset: { action }, 'aria-label': `${label}: ${entry.id}`, onclick }, label);
    const buttons = [button('edit', t('admin.edit'), () => this.#open('edit', entry))];
    if (currentTab === 'gateways') {
      buttons.push(button('rotate', t('admin.gateway.rotate'), () => this.#open('rotate', entry)));
      buttons.push(button('toggle', t(entry.item.disabled ? 'admin.enable' : 'admin.disable'),
        () => this.#quick(() => admin.replace('gateways', entry.id, entry.version, { name: entry.item.name, disabled: !entry.item.disabled }))));
    }
    if (currentTab === 'users') {
      const { displayName, roles: userRoles, parks, disabled } = entry.item;
      buttons.push(button('reset', t('admin.user.reset'), () => {
        if (!confirm(t('admin.user.resetConfirm', { name: entry.id }))) return;
        this.#quick(() => admin.resetPassword(entry.id, entry.version), (issued) => ({ username: issued.entry.id, password: issued.password }));
      }));
      buttons.push(button('toggle', t(disabled ? 'admin.enable' : 'admin.disable'),
        () => this.#quick(() => admin.replace('users', entry.id, entry.version, { displayName, roles: userRoles, parks, disabled: !disabled }))));
    }
    buttons.push(button('delete', t('admin.delete'), () => {
      if (!confirm(t('admin.deleteConfirm', { id: entry.id }))) return;
      this.#quick(() => admin.remove(currentTab, entry.id, entry.version));
    }));
    return buttons;
  }

  /** A change from the list (enable, delete, reset, rotate): its outcome in the status line, the list reloaded. */
  async #quick(call, secretOf = null) {
    this.#status.textContent = t('admin.saving');
    try {
      const answer = await call();
      if (secretOf) this.#secret = secretOf(answer);
      this.#status.textContent = t('admin.saved');
    } catch (error) {
      this.#status.textContent = this.#failure(error);
    }
    this.#close();
    await this.#afterChange();
  }

  #failure(error) {
    const problem = error.problem;
    if (error.status === 409 && problem?.current) return t('admin.conflict.quick', { user: problem.current.updatedBy, time: formatDateTime(new Date(problem.current.updatedAt)) });
    if (error.status === 400 && problem?.errors) {
      const messages = (document.documentElement.lang === 'vi' ? problem.errorsVi : null) ?? problem.errors;
      return Object.values(messages).flat().join(' ');
    }
    return t('error.generic', { detail: explain(error, t) });
  }

  async #afterChange() {
    await this.#load();
    // Stations and parks changed here are in force at once: the overview's list follows.
    if (currentTab === 'stations' || currentTab === 'parks') this.#store.setRegistry(await api.stations());
  }

  // ---- Forms ----

  async #open(mode, entry = null) {
    this.#secret = null;
    if (currentTab === 'stations') {
      try {
        await this.#loadChoices();
      } catch (error) {
        this.#status.textContent = t('station.loadFailed', { detail: explain(error, t) });
        return;
      }
    }
    const parks = this.#lists.parks.map((p) => p.id);
    const drafts = {
      parks: () => ({ id: '', name: null, latitude: null, longitude: null }),
      stations: () => StationForm.empty(parks[0] ?? ''),
      gateways: () => ({ park: parks[0] ?? '', gateway: '', name: null }),
      users: () => ({ name: '', displayName: null, roles: ['viewer'], parks: [], password: null }),
    };
    const draft = mode === 'create' ? drafts[currentTab]() : mode === 'rotate' ? { graceMinutes: 60 } : clone(entry.item);
    this.#editing = { kind: currentTab, mode, id: entry?.id, version: entry?.version, draft, problem: null, conflict: null };
    this.#renderBody();
    this.#body.querySelector('form input:not([readonly]), form select')?.focus();
  }

  #close() {
    this.#stationForm?.destroy();
    this.#stationForm = null;
    this.#editing = null;
  }

  #form() {
    const editing = this.#editing;
    const title = t(`admin.form.${editing.kind}.${editing.mode}`, { id: editing.id ?? '' });
    const general = h('p.form-error.general', { role: 'alert', tabindex: '-1' });
    const form = h('form.admin-form', { id: 'admin-form', 'aria-label': title, novalidate: true },
      h('h3', {}, title),
      editing.conflict ? conflictPanel(editing.conflict.current, editing.draft, {
        reload: () => this.#reload(),
        overwrite: () => this.#overwrite(),
        close: () => { this.#close(); this.#afterChange(); },
      }) : null,
      this.#fields(editing),
      general,
      h('div.form-buttons', {},
        h('button.primary', { type: 'submit', id: 'admin-save' }, t(editing.mode === 'rotate' ? 'admin.gateway.rotate' : 'admin.save')),
        h('button', { type: 'button', id: 'admin-cancel', onclick: () => { this.#close(); this.#renderBody(); } }, t('admin.cancel'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    return form;
  }

  #fields(editing) {
    const d = editing.draft;
    const f = 'admin';
    const set = (key) => (value) => { d[key] = value; };
    const parkOptions = this.#lists.parks.map((p) => [p.id, p.item.name ? `${p.item.name} (${p.id})` : p.id]);
    const editingId = editing.mode !== 'create' ? { readonly: true } : {};
    switch (editing.kind) {
      case 'parks': return [
        field(f, 'id', t('admin.park.id'), text(d.id, set('id'), { ...editingId, autocomplete: 'off', required: true }), t('admin.idHint')),
        field(f, 'name', t('admin.park.name'), text(d.name, set('name'))),
        field(f, 'latitude', t('admin.latitude'), number(d.latitude, set('latitude'))),
        field(f, 'longitude', t('admin.longitude'), number(d.longitude, set('longitude'))),
      ];
      case 'stations':
        if (this.#stationForm) this.#stationForm.render();
        else this.#stationForm = new StationForm(d, this.#choices, parkOptions, editing.mode === 'edit');
        return this.#stationForm.element;
      case 'gateways':
        if (editing.mode === 'rotate') {
          return [field(f, 'graceMinutes', t('admin.gateway.grace'), number(d.graceMinutes, set('graceMinutes'), { min: 0, step: 1 }), t('admin.gateway.graceHint'))];
        }
        return [
          editing.mode === 'create' ? field(f, 'park', t('admin.gateway.park'), select(d.park, parkOptions, set('park'))) : null,
          editing.mode === 'create' ? field(f, 'gateway', t('admin.gateway.gateway'), text(d.gateway, set('gateway'), { autocomplete: 'off' }), t('admin.gateway.idHint')) : null,
          field(f, 'name', t('admin.gateway.name'), text(d.name, set('name'))),
          editing.mode === 'edit' ? checkbox('admin-disabled', t('admin.disabled'), d.disabled, set('disabled')) : null,
        ];
      default: return this.#userFields(d, editing.mode, parkOptions);
    }
  }

  #userFields(d, mode, parkOptions) {
    const f = 'admin';
    const all = d.parks.length === 0;
    const toggle = (list, value, on) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));
    const parkBoxes = parkOptions.map(([id, label]) => checkbox(`admin-user-park-${id}`, label, d.parks.includes(id),
      (on) => { d.parks = toggle(d.parks, id, on); }));
    return [
      mode === 'create' ? field(f, 'name', t('admin.user.name'), text(d.name, (v) => { d.name = v ?? ''; }, { autocomplete: 'off' }), t('admin.idHint')) : null,
      field(f, 'displayName', t('admin.user.displayName'), text(d.displayName, (v) => { d.displayName = v; })),
      group(f, 'roles', t('admin.user.roles'), roles.map((role) => checkbox(`admin-user-role-${role}`, t(`role.${role}`), d.roles.includes(role),
        (on) => { d.roles = toggle(d.roles, role, on); }))),
      group(f, 'parks', t('admin.user.parks'), [
        checkbox('admin-user-all-parks', t('admin.user.allParks'), all, (on) => { d.parks = on ? [] : parkOptions.slice(0, 1).map(([id]) => id); this.#renderBody(); }),
        all ? null : parkBoxes,
      ]),
      mode === 'create' ? field(f, 'password', t('admin.user.password'), h('input', {
        type: 'password', autocomplete: 'new-password', value: d.password ?? '', oninput: (event) => { d.password = event.target.value || null; },
      }), t('admin.user.passwordHint')) : null,
      mode === 'edit' ? checkbox('admin-disabled', t('admin.disabled'), d.disabled, (on) => { d.disabled = on; }) : null,
    ];
  }

  /** The body a form sends: an edit sends only what the API's PUT takes. */
  #bodyOf(editing) {
    const d = editing.draft;
    if (editing.kind === 'stations') return StationForm.body(d);
    if (editing.mode !== 'edit') return d;
    if (editing.kind === 'gateways') return { name: d.name, disabled: d.disabled };
    if (editing.kind === 'users') return { displayName: d.displayName, roles: d.roles, parks: d.parks, disabled: d.disabled };
    return d;
  }

  async #save() {
    const editing = this.#editing;
    const form = this.#body.querySelector('form');
    const saveButton = form.querySelector('#admin-save');
    saveButton.disabled = true;
    try {
      const body = this.#bodyOf(editing);
      const answer = editing.mode === 'create' ? await admin.create(editing.kind, body)
        : editing.mode === 'rotate' ? await admin.rotate(editing.id, editing.version, editing.draft.graceMinutes)
          : await admin.replace(editing.kind, editing.id, editing.version, body);
      if (answer?.password) this.#secret = { username: answer.entry.item.username ?? answer.entry.id, password: answer.password };
      this.#close();
      this.#status.textContent = t('admin.saved');
      this.#renderBody();
      await this.#afterChange();
      (this.#secret ? this.#body.querySelector('#admin-secret-copy') : this.#body.querySelector('#admin-new'))?.focus();
    } catch (error) {
      saveButton.disabled = false;
      editing.problem = null;
      editing.conflict = null;
      if (error.status === 400 && error.problem?.errors) {
        editing.problem = error.problem;
        showErrors(form, error.problem, true);
      } else if (error.status === 409 && error.problem && 'current' in error.problem) {
        editing.conflict = { current: error.problem.current };
        this.#renderBody();
        this.#body.querySelector('#admin-conflict')?.focus();
      } else {
        const general = form.querySelector('.form-error.general');
        general.textContent = this.#failure(error);
        general.focus();
      }
    }
  }

  /** Takes the other's change: the form shows their item at their version. */
  #reload() {
    const editing = this.#editing;
    const { current } = editing.conflict;
    this.#stationForm?.destroy();
    this.#stationForm = null;
    this.#editing = { ...editing, mode: 'edit', id: current.id, version: current.version, draft: clone(current.item), conflict: null, problem: null };
    this.#renderBody();
  }

  /** Writes this form's values over the other's change: saved again at their version. */
  #overwrite() {
    const editing = this.#editing;
    const { current } = editing.conflict;
    editing.mode = editing.mode === 'rotate' ? 'rotate' : 'edit';
    editing.id = current.id;
    editing.version = current.version;
    editing.conflict = null;
    this.#save();
  }
}
