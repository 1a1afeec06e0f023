// The sign-in form (POST /api/auth/login sets the HTTP-only cookie).
import { api, explain } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

export function renderLogin(container, onSignedIn) {
  const error = h('p.form-error', { role: 'alert', id: 'login-error' });
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button.primary', { type: 'submit' }, t('login.submit'));
  const form = h('form.login', { 'aria-labelledby': 'login-title', 'aria-describedby': 'login-error' },
    h('h2', { id: 'login-title' }, t('login.title')),
    h('label', { for: 'login-name' }, t('login.name')), name,
    h('label', { for: 'login-password' }, t('login.password')), password,
    submit, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await api.login(name.value.trim(), password.value);
      await onSignedIn();
    } catch (failure) {
      error.textContent = failure.status === 401 ? t('login.wrong') : t('login.failed', { detail: explain(failure, t) });
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  container.replaceChildren(h('div.login-page', {}, form));
  name.focus();
}
