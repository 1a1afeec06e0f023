// The upward relay's panel (admin, on the audit page): GET /api/relay — per destination what waits,
// how far behind, the last file and the last error (docs/relay.md).
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { formatDateTime } from './format.js';
import { t } from './i18n.js';

/** "hh:mm:ss" or "d.hh:mm:ss" (a .NET TimeSpan in JSON) as whole minutes. */
const minutes = (span) => {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span ?? '');
  return match ? (Number(match[1] ?? 0) * 1440) + (Number(match[2]) * 60) + Number(match[3]) : 0;
};

export class RelayPanel {
  #root = h('section.relay', { id: 'relay-panel', 'aria-labelledby': 'relay-title' });

  get element() {
    return this.#root;
  }

  async show() {
    const status = h('p.chart-status', { role: 'status' }, t('station.loading'));
    fill(this.#root, h('h2.inspect-title', { id: 'relay-title' }, t('relay.title')), status);
    let report;
    try {
      report = await api.relay();
    } catch (error) {
      status.textContent = t('station.loadFailed', { detail: explain(error, t) });
      return;
    }
    const destinations = report.destinations ?? [];
    if (destinations.length === 0) {
      status.textContent = t('relay.none');
      return;
    }
    status.remove();
    const head = ['relay.destination', 'relay.state', 'relay.backlog', 'relay.behind', 'relay.lastFile', 'relay.lastError'];
    this.#root.append(h('div.inspect-table-wrap', {}, h('table.inspect-table', { id: 'relay-table' },
      h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', {}, destinations.map((d) => h('tr', { dataset: { destination: d.name, problem: d.problem ? 'yes' : 'no' } },
        h('td', {}, `${d.name} (${d.protocol} ${d.host})`),
        h('td', { role: d.problem ? 'alert' : undefined }, d.problem ?? (d.failing ? t('relay.retrying') : t('relay.ok'))),
        h('td', {}, String(d.backlog)),
        h('td', {}, t('relay.minutes', { n: minutes(d.behind) })),
        h('td', {}, d.lastFile ? `${d.lastFile.remotePath} · ${formatDateTime(new Date(d.lastFile.at))}` : '—'),
        h('td', {}, d.lastError ? `${d.lastError.message} · ${formatDateTime(new Date(d.lastError.at))}` : '—')))))));
  }
}
