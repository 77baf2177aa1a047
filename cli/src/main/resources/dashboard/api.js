// The pages' one way to the Driftless API, through the dashboard server's /api/ proxy. Every request carries
// X-Driftless-Dashboard: 1 (the server refuses /api/ requests without it: a custom header cannot be sent
// cross-site without a preflight, which the server never allows). Failures become an ApiError that says what
// failed, with the permission the API names as missing.

export class ApiError extends Error {
  constructor(status, message, missing) {
    super(message);
    this.status = status;
    this.missing = missing || null;
  }
}

export async function api(method, path, body) {
  const headers = {'X-Driftless-Dashboard': '1', Accept: 'application/json'};
  const init = {method, headers, credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch('/api/' + path, init);
  } catch (e) {
    throw new ApiError(0, 'The dashboard server cannot be reached (is `driftless ui` still running?)');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (response.ok) return json;
  throw refusal(method, path, response.status, json);
}

function refusal(method, path, status, json) {
  const said = json && typeof json.error === 'string' ? json.error : null;
  if (status === 502) {
    return new ApiError(502, 'The Driftless API cannot be reached' + (said ? ': ' + said : ''));
  }
  const message = said || `${method} /api/${path} failed with HTTP ${status}`;
  const missing = json && typeof json.missing === 'string' ? json.missing : null;
  return new ApiError(status, message, missing);
}

/** Every item of a paged list (follows `next`), bounded so that a server answering in a loop cannot hang the page. */
export async function allPages(path, maxPages = 100) {
  const items = [];
  let next = null;
  for (let page = 0; page < maxPages; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const answer = await api('GET', path + (next ? sep + 'next=' + encodeURIComponent(next) : ''));
    items.push(...(answer.items || []));
    next = answer.next;
    if (!next) return items;
  }
  throw new ApiError(0, `GET /api/${path}: more than ${maxPages} pages`);
}

export function appPath(name, rest) {
  return 'applications/' + encodeURIComponent(name) + (rest ? '/' + rest : '');
}
