// Integrity on the station page (inspectors, admins): one badge per local day of the last week from
// GET /api/integrity — intact, tampered or not sealed — and, for a tampered day, what the check found
// (docs/dashboard.md, "Integrity"; docs/evidence.md).
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { formatDateTime, formatDay, localDate } from './format.js';
import { t } from './i18n.js';
import { canInspect } from './inspect.js';

const dayMs = 24 * 3600 * 1000;
const daysShown = 7;
// A sign beside the words, so the verdict never rests on colour alone.
const signs = { intact: '✓', tampered: '✗', unsealed: '–' };
const findingsId = 'integrity-findings';

export class IntegrityPanel {
  #store;
  #station;
  #root = h('section.integrity', { 'aria-labelledby': 'integrity-title' });
  #result = null;
  #error = null;
  #loading = null;
  // The day whose findings are shown (kept across language changes).
  #open = null;

  /** The panel of a station, or null for a user the API does not answer (it is for inspectors and admins). */
  static of(store, station) {
    return canInspect(store.me) ? new IntegrityPanel(store, station) : null;
  }

  constructor(store, station) {
    this.#store = store;
    this.#station = station;
  }

  /** The panel in the page's language; the first call starts the check. */
  render() {
    this.#loading ??= this.#load();
    fill(this.#root,
      h('h3.integrity-title', { id: 'integrity-title' }, t('integrity.title')),
      this.#body(),
      h('p.integrity-keys', {}, h('a', { href: '/api/seals/keys' }, t('integrity.keys'))));
    this.#root.dataset.state = this.#result ? 'ready' : this.#error ? 'failed' : 'loading';
    return this.#root;
  }

  async #load() {
    const now = this.#store.now();
    try {
      this.#result = await api.integrity(this.#station, localDate(new Date(now - (daysShown - 1) * dayMs)), localDate(new Date(now)));
    } catch (error) {
      this.#error = error;
    }
    this.render();
  }

  #body() {
    if (this.#error) return h('p.integrity-status', { role: 'status' }, t('integrity.failed', { detail: explain(this.#error, t) }));
    if (!this.#result) return h('p.integrity-status', { role: 'status' }, t('integrity.loading'));
    const open = this.#result.days.find((day) => day.day === this.#open && day.verdict === 'tampered');
    return [
      h('ul.integrity-days', {}, this.#result.days.map((day) => h(`li.integrity-day.verdict-${day.verdict}`,
        { dataset: { day: day.day, verdict: day.verdict } }, this.#badge(day)))),
      h('div.integrity-findings', { id: findingsId, hidden: !open }, open ? this.#findings(open) : null),
    ];
  }

  #badge(day) {
    // Today's data keeps arriving: intact so far, the newest readings wait for the next seal.
    const sealing = day.verdict === 'intact' && day.awaitingSeal > 0 ? ` ${t('integrity.sealing')}` : '';
    const content = [
      h('span.integrity-date', {}, formatDay(day.day)),
      h('span.integrity-verdict', {}, `${signs[day.verdict] ?? ''} ${t(`integrity.${day.verdict}`)}${sealing}`.trim()),
    ];
    if (day.verdict !== 'tampered') return h('span.integrity-badge', {}, content);
    return h('button.integrity-badge', {
      type: 'button', 'aria-expanded': String(this.#open === day.day), 'aria-controls': findingsId,
      onclick: () => {
        this.#open = this.#open === day.day ? null : day.day;
        this.render();
        this.#root.querySelector(`li[data-day="${day.day}"] button`)?.focus();
      },
    }, content);
  }

  #findings(day) {
    return [
      h('h4', {}, t('integrity.findings', { day: formatDay(day.day) })),
      h('ul', {}, day.findings.map((finding) => h('li.integrity-finding', { dataset: { kind: finding.kind } },
        h('strong', {}, t(`integrity.kind.${finding.kind}`)),
        finding.time ? [' · ', h('time', { datetime: finding.time }, formatDateTime(finding.time))] : null,
        finding.parameter ? [' · ', h('span.integrity-param', {}, finding.parameter)] : null,
        finding.seq !== null && finding.seq !== undefined ? [' · ', t('integrity.event', { seq: finding.seq })] : null,
        // The checker's own words (English, as the API gives them): evidence, kept as is, marked as English.
        h('span.integrity-detail', {}, `${t('integrity.detail')}: `, h('span', { lang: 'en' }, finding.detail))))),
    ];
  }
}
