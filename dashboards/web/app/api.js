// The HTTP surface of docs/live.md. Cookies carry the sign-in; a 401 anywhere means "sign in again".
const listeners = new Set();

/** Called with no argument when the server says the session is gone (401). */
export const onSignedOut = (listener) => listeners.add(listener);

export class ApiError extends Error {
  /**
   * reason: the problem's machine-readable "reason" (e.g. causeActive), for a message in the user's language;
   * problem: the whole problem+json (the admin API's field errors, errorsVi, a 409's current), or null.
   */
  constructor(status, detail, reason = null, problem = null) {
    super(detail);
    this.status = status;
    this.reason = reason;
    this.problem = problem;
  }
}

/** headers: more request headers, e.g. the admin API's If-Match. */
async function request(method, url, body, headers = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // The server did not answer at all (down, network lost): status 0.
    throw new ApiError(0, error.message);
  }
  if (response.status === 401 && url !== '/api/auth/login') {
    for (const listener of listeners) listener();
  }
  if (!response.ok) {
    const { detail, reason, problem } = await problemOf(response);
    throw new ApiError(response.status, detail, reason, problem);
  }
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : null;
}

// problem+json: show its detail (or title) and keep its reason; anything else: the status line.
async function problemOf(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    const problem = await response.json();
    const errors = problem.errors ? Object.values(problem.errors).flat().join(' ') : '';
    return {
      detail: [problem.detail ?? problem.title, errors].filter(Boolean).join(' ') || `HTTP ${response.status}`,
      reason: typeof problem.reason === 'string' ? problem.reason : null,
      problem,
    };
  }
  return { detail: `HTTP ${response.status} ${response.statusText}`.trim(), reason: null, problem: null };
}

/**
 * What went wrong, in the user's language: by status, never the browser's or server's raw words
 * (a 400's detail names the bad argument, so it is kept after the translated sentence).
 */
export function explain(error, t) {
  const status = error instanceof ApiError ? error.status : -1;
  switch (status) {
    case 0: return t('error.network');
    case 400: return t('error.badRequest', { detail: error.message });
    case 401: return t('error.signedOut');
    case 403: return t('error.forbidden');
    case 404: return t('error.notFound');
    case 409: return t('error.conflict');
    case 429: return t('error.busy');
    case 503: return t('error.storage');
    default: return status >= 500 ? t('error.server') : t('error.unexpected');
  }
}

// An alert id is "{station}/{parameter}/{rule}/{number}" and goes into the path as is, segment by segment.
const alertPath = (id) => `/api/alerts/${id.split('/').map(encodeURIComponent).join('/')}`;

export const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();

export const api = {
  me: () => request('GET', '/api/auth/me'),
  login: (name, password) => request('POST', '/api/auth/login', { name, password }),
  logout: () => request('POST', '/api/auth/logout'),
  stations: () => request('GET', '/api/stations'),
  map: () => request('GET', '/api/map'),
  alerts: (filters) => request('GET', `/api/alerts?${query(filters)}`),
  acknowledge: (id, note) => request('POST', `${alertPath(id)}/acknowledge`, { note }),
  resolve: (id, note) => request('POST', `${alertPath(id)}/resolve`, { note }),
  history: (params) => request('GET', `/api/history?${query(params)}`),
  startExport: (body) => request('POST', '/api/exports', body),
  exportJob: (id) => request('GET', `/api/exports/${encodeURIComponent(id)}`),
  audit: (filters) => request('GET', `/api/audit?${query(filters)}`),
  relay: () => request('GET', '/api/relay'),
  annotations: (filters) => request('GET', `/api/annotations?${query(filters)}`),
  propose: (body) => request('POST', '/api/annotations', body),
  calibration: (station, body) => request('POST', `/api/stations/${encodeURIComponent(station)}/calibration`, body),
  annotationStep: (id, step, note) => request('POST', `/api/annotations/${encodeURIComponent(id)}/${step}`, { note }),
  readings: (station, param, from, to) => request('GET', `/api/readings?${query({ station, param, from, to, limit: 100000 })}`),
  integrity: (station, from, to) => request('GET', `/api/integrity?${query({ station, from, to })}`),
  changeMyPassword: (current, next) => request('PUT', '/api/me/password', { current, new: next }),
};

// The admin API (docs/admin.md): a change names the version it is based on (If-Match), a 409 carries the other's change.
const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
const adminPath = (kind, id, tail = '') => `/api/admin/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${tail}`;

export const admin = {
  regulations: () => request('GET', '/api/admin/regulations'),
  catalog: () => request('GET', '/api/admin/catalog'),
  list: (kind) => request('GET', adminPath(kind)),
  create: (kind, body) => request('POST', adminPath(kind), body),
  replace: (kind, id, version, body) => request('PUT', adminPath(kind, id), body, ifMatch(version)),
  remove: (kind, id, version) => request('DELETE', adminPath(kind, id), undefined, ifMatch(version)),
  preview: (station) => request('POST', '/api/admin/stations/preview', station),
  rotate: (id, version, graceMinutes) => request('POST', adminPath('gateways', id, '/rotate'), { graceMinutes }, ifMatch(version)),
  resetPassword: (name, version) => request('POST', adminPath('users', name, '/password'), undefined, ifMatch(version)),
};
