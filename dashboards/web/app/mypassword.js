// "Change my password" (every signed-in user of the configuration store): PUT /api/me/password in a
// dialog from the header (docs/dashboard.md, "Administration").
import { api, explain } from './api.js';
import { field, showErrors } from './adminform.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** Opens the dialog; it removes itself when closed. */
export function openPasswordDialog() {
  const input = (autocomplete) => h('input', { type: 'password', autocomplete, required: true });
  const current = input('current-password');
  const next = input('new-password');
  const again = input('new-password');
  const general = h('p.form-error.general', { role: 'alert', tabindex: '-1' });
  const status = h('p.chart-status', { role: 'status', id: 'password-status' });
  const form = h('form.admin-form', { id: 'password-form', method: 'dialog', novalidate: true },
    h('h2', { id: 'password-title' }, t('password.title')),
    field('password', 'current', t('password.current'), current),
    field('password', 'new', t('password.new'), next, t('admin.user.passwordHint')),
    field('password', 'again', t('password.again'), again),
    general, status,
    h('div.form-buttons', {},
      h('button.primary', { type: 'submit', id: 'password-save' }, t('password.save')),
      h('button', { type: 'button', id: 'password-close', onclick: () => dialog.close() }, t('admin.close'))));
  const dialog = h('dialog.password-dialog', { 'aria-labelledby': 'password-title' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    if (next.value !== again.value) {
      showErrors(form, { errors: { again: [t('password.mismatch')] } }, true);
      return;
    }
    try {
      await api.changeMyPassword(current.value, next.value);
      showErrors(form, null, false);
      form.reset();
      status.textContent = t('password.changed');
    } catch (error) {
      if (error.status === 400 && error.problem?.errors) {
        showErrors(form, error.problem, true);
        return;
      }
      showErrors(form, null, false);
      general.textContent = error.status === 404 ? t('password.notStored') : t('error.generic', { detail: explain(error, t) });
      general.focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  current.focus();
}
