// The administration page's form parts (docs/dashboard.md, "Administration"): labelled fields with
// their error lines, the server's field errors placed next to their fields in the page's language,
// the other's change after a 409, and a password shown once.
import { h } from './dom.js';
import { formatDateTime } from './format.js';
import { lang, t } from './i18n.js';

/** A field path ("permit[0].max") as an element id part. */
const idOf = (form, path) => `${form}-${path.replace(/[^\w-]+/g, '-')}`;

/**
 * One labelled control under a holder that carries its field path (data-field), with a hint and an
 * error line both named by the control's aria-describedby.
 */
export function field(form, path, label, control, hint = null) {
  const id = idOf(form, path);
  control.id = id;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '));
  return h('div.field', { dataset: { field: path } },
    h('label', { for: id }, label), control,
    hint ? h('p.field-hint', { id: `${id}-hint` }, hint) : null,
    h('p.field-error', { id: `${id}-error` }));
}

/** A group of checkboxes (or other controls) under a legend, its error line named by each control. */
export function group(form, path, legend, controls, hint = null) {
  const id = idOf(form, path);
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const set = h('fieldset.field-group', { dataset: { field: path } }, h('legend', {}, legend),
    hint ? h('p.field-hint', { id: `${id}-hint` }, hint) : null,
    h('div.field-choices', {}, controls),
    h('p.field-error', { id: `${id}-error` }));
  for (const control of set.querySelectorAll('input, select')) control.setAttribute('aria-describedby', described);
  return set;
}

/** A checkbox with its label after it. */
export const checkbox = (id, label, checked, onchange, attrs = {}) =>
  h('label.check', {}, h('input', { type: 'checkbox', id, checked, onchange: (event) => onchange(event.target.checked), ...attrs }), ' ', label);

/** A text input writing its trimmed value (null when empty) to set(). */
export const text = (value, set, attrs = {}) =>
  h('input', { type: 'text', value: value ?? '', oninput: (event) => set(event.target.value.trim() === '' ? null : event.target.value.trim()), ...attrs });

/** A number input writing a number (null when empty) to set(). */
export const number = (value, set, attrs = {}) =>
  h('input', { type: 'number', step: 'any', inputmode: 'decimal', value: value ?? '', oninput: (event) => set(event.target.value === '' ? null : Number(event.target.value)), ...attrs });

/** A select of [value, label] options writing the chosen value (null for '') to set(). */
export const select = (value, options, set, attrs = {}) =>
  h('select', { onchange: (event) => set(event.target.value === '' ? null : event.target.value), ...attrs },
    options.map(([v, label]) => h('option', { value: v ?? '', selected: (v ?? '') === (value ?? '') }, label)));

/** The holder of a field path, or of the nearest path above it ("permit[0].max" → "permit[0]" → "permit"). */
function holderOf(root, path) {
  const holders = [...root.querySelectorAll('[data-field]')];
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const holder = holders.find((el) => el.dataset.field === p);
    if (holder) return holder;
    if (!/[.[]/.test(p)) return null;
  }
  return null;
}

/**
 * Puts a 400's field errors next to their fields, in the page's language (errorsVi for Vietnamese),
 * marks their controls aria-invalid and, when asked, focuses the first; errors of no field on the
 * form go to its general error line. Returns whether there were any.
 */
export function showErrors(root, problem, focus) {
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
  const general = root.querySelector('.form-error.general');
  if (general) general.textContent = '';
  const messages = (lang() === 'vi' ? problem?.errorsVi : null) ?? problem?.errors ?? {};
  const unplaced = [];
  for (const [path, list] of Object.entries(messages)) {
    const holder = holderOf(root, path);
    const line = holder?.querySelector(':scope > .field-error');
    if (!line) {
      unplaced.push(...list);
      continue;
    }
    line.textContent = [line.textContent, ...list].filter(Boolean).join(' ');
    for (const control of holder.querySelectorAll('input, select, textarea')) control.setAttribute('aria-invalid', 'true');
  }
  if (general && unplaced.length) general.textContent = unplaced.join(' ');
  if (focus) (root.querySelector('[aria-invalid="true"]') ?? (unplaced.length ? general : null))?.focus();
  return Object.keys(messages).length > 0;
}

/** A value as the conflict panel shows it: text as is, anything else as compact JSON. */
const shown = (value) => (value === null || value === undefined || value === '' ? '—'
  : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * After a 409: who changed the item and when, their values where they differ from this form's, and
 * the two ways on — take theirs (reload) or write this form's over it (overwrite).
 */
export function conflictPanel(current, draft, { reload, overwrite, close }) {
  if (!current) {
    return h('div.conflict', { role: 'alert', id: 'admin-conflict' },
      h('p', {}, t('admin.conflict.deleted')), h('div.form-buttons', {}, h('button', { type: 'button', onclick: close }, t('admin.close'))));
  }
  const keys = [...new Set([...Object.keys(current.item ?? {}), ...Object.keys(draft ?? {})])]
    .filter((key) => JSON.stringify(current.item?.[key] ?? null) !== JSON.stringify(draft?.[key] ?? null));
  return h('div.conflict', { role: 'alert', id: 'admin-conflict' },
    h('p', {}, t('admin.conflict.by', { user: current.updatedBy, time: formatDateTime(new Date(current.updatedAt)) })),
    keys.length
      ? h('dl.conflict-values', {}, keys.map((key) => [h('dt', {}, key), h('dd', { dataset: { key } }, shown(current.item?.[key]))]))
      : h('p', {}, t('admin.conflict.same')),
    h('div.form-buttons', {},
      h('button', { type: 'button', id: 'admin-conflict-reload', onclick: reload }, t('admin.conflict.reload')),
      h('button.primary', { type: 'button', id: 'admin-conflict-overwrite', onclick: overwrite }, t('admin.conflict.overwrite'))));
}

/** A password shown this once: who it is for, a copy button and the warning that it will not be shown again. */
export function secretPanel({ username, password }, close) {
  const status = h('span.secret-status', { role: 'status' });
  const code = h('code', { id: 'admin-secret-password' }, password);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      status.textContent = t('admin.secret.copied');
    } catch {
      // No clipboard (permission refused): the password is selected for the admin to copy by hand.
      getSelection().selectAllChildren(code);
      status.textContent = t('admin.secret.copyByHand');
    }
  };
  return h('div.secret', { id: 'admin-secret', role: 'alert' },
    h('p.secret-title', {}, t('admin.secret.title')),
    h('dl', {},
      h('dt', {}, t('admin.secret.username')), h('dd', {}, h('code', { id: 'admin-secret-username' }, username)),
      h('dt', {}, t('admin.secret.password')), h('dd', {}, code)),
    h('p.secret-warning', {}, t('admin.secret.once')),
    h('div.form-buttons', {},
      h('button', { type: 'button', id: 'admin-secret-copy', onclick: copy }, t('admin.secret.copy')), ' ', status,
      h('button', { type: 'button', id: 'admin-secret-close', onclick: close }, t('admin.secret.close'))));
}
