// Remote calibration on the station page (docs/dashboard.md, docs/edge.md): which parameters the
// node reports as calibrating now (status 1 in its latest samples — proof the command arrived), and
// for operators a form that starts a window (parameters, minutes) or ends it. The command goes
// cloud → gateway → node; the page changes when the node's next samples say so, not when it is sent.
import { api, explain } from './api.js';
import { fill, h } from './dom.js';
import { formatDateTime } from './format.js';
import { t } from './i18n.js';
import { isOperator } from './levels.js';

/** The parameters whose latest reading the node reported as calibrating (status 1). */
export const calibratingParameters = (entry) =>
  Object.entries(entry?.live?.values ?? {}).filter(([, value]) => value.status === 1).map(([parameter]) => parameter);

export class CalibrationPanel {
  #store;
  #station;
  #parameters;
  #now = h('p.calibration-now', { id: 'calibration-now', role: 'status' });
  #root = h('section.calibration', { 'aria-labelledby': 'calibration-title' });

  constructor(store, station, parameters) {
    this.#store = store;
    this.#station = station;
    this.#parameters = parameters;
  }

  element() {
    fill(this.#root, h('h3.charts-title', { id: 'calibration-title' }, t('calibration.title')),
      h('p.annotation-intro', {}, t('calibration.intro')),
      this.#now,
      isOperator(this.#store.me) ? this.#form() : null);
    this.update();
    return this.#root;
  }

  /** The live line: called whenever the station's live state changes. */
  update() {
    const calibrating = calibratingParameters(this.#store.stations.get(this.#station));
    this.#root.dataset.calibrating = calibrating.join(',');
    this.#now.textContent = calibrating.length ? t('calibration.now', { parameters: calibrating.join(', ') }) : t('calibration.none');
  }

  #form() {
    const id = (name) => `calibration-${name}`;
    const boxes = this.#parameters.map((p) => h('label.calibration-param', {},
      h('input', { type: 'checkbox', name: 'parameter', value: p, id: id(`param-${p}`) }), ` ${p}`));
    // The longest window is the server's to say (CalibrationCommand.MaxMinutes): a 400 names it.
    const minutes = h('input', { type: 'number', id: id('minutes'), name: 'minutes', value: '30', min: '1', step: '1', size: 5 });
    const message = h('p.calibration-message', { role: 'alert', id: id('message') });
    const start = h('button.primary', { type: 'button', id: id('start') }, t('calibration.start'));
    const end = h('button', { type: 'button', id: id('end') }, t('calibration.end'));
    const chosen = () => boxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    const send = async (body, sentText) => {
      start.disabled = true;
      end.disabled = true;
      message.textContent = '';
      try {
        const sent = await api.calibration(this.#station, body);
        message.textContent = sentText(sent);
      } catch (failure) {
        message.textContent = t('calibration.failed', { detail: explain(failure, t) });
      } finally {
        start.disabled = false;
        end.disabled = false;
      }
    };
    start.addEventListener('click', () => {
      const value = Number(minutes.value);
      if (!Number.isInteger(value) || value < 1) {
        message.textContent = t('calibration.minutesInvalid');
        return;
      }
      send({ active: true, parameters: chosen(), minutes: value },
        (sent) => t('calibration.startSent', { parameters: this.#named(sent.parameters), until: formatDateTime(sent.until) }));
    });
    end.addEventListener('click', () => send({ active: false, parameters: chosen() },
      (sent) => t('calibration.endSent', { parameters: this.#named(sent.parameters) })));
    return h('form.inspect-form.calibration-form', { 'aria-label': t('calibration.title'), onsubmit: (event) => event.preventDefault() },
      h('fieldset.calibration-params', {}, h('legend', {}, t('calibration.parameters')), boxes),
      h('label.filter', {}, t('calibration.minutes'), minutes),
      h('div.form-buttons', {}, start, end), message);
  }

  #named(parameters) {
    return parameters?.length ? parameters.join(', ') : t('calibration.all');
  }
}
