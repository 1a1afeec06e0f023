// Annotations on the station page (docs/annotations.md): every annotation of the station with its
// state; operators propose one (a parameter, a local period, a reason, a note, and the value for a
// laboratory value); inspectors approve or reject, with a note, the pending ones they did not propose;
// an author withdraws their own while pending. Originals never change: the report shows both figures.
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { dayField, formatDateTime, formatNumber, localDate, parseClock, parseDay } from './format.js';
import { t } from './i18n.js';
import { canInspect } from './inspect.js';
import { isOperator } from './levels.js';

/** The reasons in the server's wire names (AnnotationReason), in its order. */
const reasons = ['maintenance', 'probeFault', 'calibrationNotReported', 'laboratoryValue', 'powerOutage'];

export class AnnotationPanel {
  #store;
  #station;
  #parameters;
  #list = h('ul.annotation-list', { id: 'annotation-list' });
  #status = h('p.chart-status', { role: 'status' });
  #root = h('section.annotations', { 'aria-labelledby': 'annotations-title' });

  constructor(store, station, parameters) {
    this.#store = store;
    this.#station = station;
    this.#parameters = parameters;
  }

  element() {
    const me = this.#store.me;
    fill(this.#root, h('h3.charts-title', { id: 'annotations-title' }, t('annotation.title')),
      h('p.annotation-intro', {}, t('annotation.intro')),
      isOperator(me) ? this.#form() : null,
      this.#status, this.#list);
    this.load();
    return this.#root;
  }

  async load() {
    try {
      const annotations = await api.annotations({ station: this.#station });
      this.#status.textContent = annotations.length ? '' : t('annotation.none');
      fill(this.#list, annotations.slice().reverse().map((a) => this.#item(a)));
    } catch (error) {
      this.#status.textContent = t('annotation.loadFailed', { detail: explain(error, t) });
    }
  }

  #form() {
    const id = (name) => `annotation-${name}`;
    const today = localDate(new Date(this.#store.now()));
    const field = (label, control) => h('label.filter', {}, label, control);
    const value = h('input', { type: 'text', id: id('value'), name: 'value', inputmode: 'decimal', autocomplete: 'off', size: 8 });
    const valueField = field(t('annotation.value'), value);
    valueField.hidden = true;
    const reason = h('select', { id: id('reason'), name: 'reason' }, reasons.map((r) => h('option', { value: r }, t(`annotation.reason.${r}`))));
    reason.addEventListener('change', () => { valueField.hidden = reason.value !== 'laboratoryValue'; });
    const error = h('p.form-error', { role: 'alert', id: id('error') });
    const submit = h('button.primary', { type: 'submit', id: id('submit') }, t('annotation.submit'));
    const clock = (name, text) => h('input', { type: 'text', id: id(name), name, value: text, inputmode: 'numeric', autocomplete: 'off', size: 5, placeholder: t('time.placeholder') });
    const form = h('form.inspect-form.annotation-form', { 'aria-label': t('annotation.new') },
      field(t('annotation.parameter'), h('select', { id: id('parameter'), name: 'parameter' }, this.#parameters.map((p) => h('option', { value: p }, p)))),
      field(t('annotation.fromDay'), dayField(id('from-day'), 'fromDay', today)),
      field(t('annotation.fromTime'), clock('fromTime', '00:00')),
      field(t('annotation.toDay'), dayField(id('to-day'), 'toDay', today)),
      field(t('annotation.toTime'), clock('toTime', '00:00')),
      field(t('annotation.reason'), reason),
      valueField,
      h('label.filter.annotation-note', {}, t('annotation.note'), h('textarea', { id: id('note'), name: 'note', rows: 2, maxlength: 2000 })),
      h('div.form-buttons', {}, submit), error);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = this.#read(new FormData(form), error);
      if (!body) return;
      submit.disabled = true;
      try {
        await api.propose(body);
        form.elements.note.value = '';
        value.value = '';
        await this.load();
      } catch (failure) {
        error.textContent = t('annotation.failed', { detail: explain(failure, t) });
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  /** The body of POST /api/annotations from the form, or null after saying what is wrong. */
  #read(data, error) {
    error.textContent = '';
    const moment = (dayName, timeName) => {
      const day = parseDay(data.get(dayName));
      const clock = parseClock(data.get(timeName));
      if (!day) error.textContent = t('date.invalid', { text: String(data.get(dayName)).trim() });
      else if (!clock) error.textContent = t('time.invalid', { text: String(data.get(timeName)).trim() });
      return day && clock ? `${day}T${clock}:00+07:00` : null;
    };
    const from = moment('fromDay', 'fromTime');
    const to = from ? moment('toDay', 'toTime') : null;
    if (!from || !to) return null;
    const reason = data.get('reason');
    const note = String(data.get('note') ?? '').trim();
    if (!note) {
      error.textContent = t('annotation.noteRequired');
      return null;
    }
    let value = null;
    if (reason === 'laboratoryValue') {
      value = Number(String(data.get('value') ?? '').trim().replace(',', '.'));
      if (!String(data.get('value') ?? '').trim() || !Number.isFinite(value)) {
        error.textContent = t('annotation.valueRequired');
        return null;
      }
    }
    return { station: this.#station, parameter: data.get('parameter'), from, to, reason, note, value };
  }

  #item(a) {
    const me = this.#store.me;
    const mine = a.proposedBy === me?.name;
    const pending = a.state === 'pending';
    const li = h('li.annotation', { dataset: { annotationId: a.id, state: a.state } });
    const error = h('p.form-error', { role: 'alert' });
    const note = h('textarea', { id: `decision-${a.id}`, rows: 2, maxlength: 2000 });
    const decide = h('form.alert-form', { hidden: true },
      h('label', { for: note.id }, t('annotation.rejectNote')), note,
      h('div.form-buttons', {},
        h('button.primary.act-reject-confirm', { type: 'submit' }, t('annotation.reject')),
        h('button', { type: 'button', onclick: () => { decide.hidden = true; } }, t('alert.cancel'))));
    const step = async (kind, text) => {
      error.textContent = '';
      try {
        await api.annotationStep(a.id, kind, text);
        await this.load();
      } catch (failure) {
        error.textContent = t('annotation.failed', { detail: explain(failure, t) });
      }
    };
    decide.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = note.value.trim();
      if (!text) {
        error.textContent = t('annotation.rejectNoteRequired');
        return;
      }
      step('reject', text);
    });
    const actions = pending ? [
      canInspect(me) && !mine ? h('button.act-approve', { type: 'button', onclick: () => step('approve') }, t('annotation.approve')) : null,
      canInspect(me) && !mine ? h('button.act-reject', { type: 'button', onclick: () => { decide.hidden = false; note.focus(); } }, t('annotation.reject')) : null,
      mine ? h('button.act-withdraw', { type: 'button', onclick: () => step('withdraw') }, t('annotation.withdraw')) : null,
    ].filter(Boolean) : [];
    fill(li,
      h('div.alert-head', {},
        h(`span.badge.annotation-state.ann-${a.state}`, {}, t(`annotation.state.${a.state}`)),
        h('strong.annotation-param', {}, a.parameter), ' ',
        h('span', {}, t(`annotation.reason.${a.reason}`)),
        a.value !== null && a.value !== undefined ? h('span.tag', {}, t('annotation.valueShown', { value: formatNumber(a.value) })) : null),
      h('div.alert-meta', {},
        h('time', { datetime: a.from }, formatDateTime(a.from)), ' – ', h('time', { datetime: a.to }, formatDateTime(a.to))),
      h('div.annotation-note', {}, h('q', {}, a.note)),
      h('div.alert-meta', {}, t('annotation.proposedBy', { user: a.proposedBy, time: formatDateTime(a.proposedAt) })),
      a.decidedBy ? h('div.alert-meta', {}, t(`annotation.decidedBy.${a.state}`, { user: a.decidedBy, time: formatDateTime(a.decidedAt) }),
        a.decisionNote ? h('q', {}, a.decisionNote) : null) : null,
      actions.length ? h('div.alert-actions', {}, actions) : null,
      actions.length ? decide : null, error);
    return li;
  }
}
