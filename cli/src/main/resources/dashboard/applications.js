// The Applications list: every Application with its status, filtered by project, cluster, sync status and health
// (kept in the hash query so a link keeps them), updated every 5 s while the tab is visible.
import {allPages} from './api.js';
import {h, replace, uid} from './dom.js';
import {alertBox, badge, cut, keepFocus, poll, refreshTimes, shortRevision, when} from './view.js';

const FILTERS = [
  {key: 'project', label: 'Project', of: (a) => a.project},
  {key: 'cluster', label: 'Cluster', of: (a) => a.destination && a.destination.cluster},
  {key: 'sync', label: 'Sync status', of: (a) => a.status && a.status.sync,
    fixed: ['Synced', 'OutOfSync', 'Unknown']},
  {key: 'health', label: 'Health', of: (a) => a.status && a.status.health,
    fixed: ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown']},
];

export function mount(main, query) {
  document.title = 'Applications · Driftless';
  const chosen = Object.fromEntries(FILTERS.map((f) => [f.key, query.get(f.key) || '']));
  let items = null;
  let error = null;

  const heading = h('h1', {tabindex: '-1'}, 'Applications');
  const filters = h('div', {class: 'filters', role: 'search', 'aria-label': 'Filter applications'});
  const errors = h('div', {class: 'errors'});
  const summary = h('p', {class: 'summary', 'aria-live': 'polite'});
  const body = h('tbody');
  const table = h('table', {class: 'list'},
      h('caption', {class: 'sr-only'}, 'Applications with their revision, sync status and health'),
      h('thead', {}, h('tr', {}, ['Name', 'Project', 'Cluster', 'Namespace', 'Revision', 'Sync', 'Health',
        'Last result', 'When'].map((c) => h('th', {scope: 'col'}, c)))),
      body);
  const selects = {};
  for (const f of FILTERS) {
    const id = uid('filter-' + f.key);
    selects[f.key] = h('select', {id, 'data-focus': 'filter-' + f.key, onchange: () => {
      chosen[f.key] = selects[f.key].value;
      const q = new URLSearchParams(Object.entries(chosen).filter(([, v]) => v));
      const s = q.toString();
      // replaceState: the route stays mounted (no hashchange), so focus and the other filters stay as they are.
      history.replaceState(null, '', '#/applications' + (s ? '?' + s : ''));
      render();
    }});
    filters.append(h('div', {class: 'filter'}, h('label', {for: id}, f.label), selects[f.key]));
  }
  replace(main, heading, filters, errors, summary, h('div', {class: 'table-wrap'}, table));
  heading.focus();

  function options(f) {
    const values = new Set(f.fixed || []);
    for (const a of items || []) if (f.of(a)) values.add(f.of(a));
    if (chosen[f.key]) values.add(chosen[f.key]);
    return [h('option', {value: ''}, 'All'),
      ...[...values].sort().map((v) => h('option', {value: v, selected: v === chosen[f.key]}, v))];
  }

  function row(a) {
    const st = a.status || {};
    const link = h('a', {href: '#/applications/' + encodeURIComponent(a.name), 'data-focus': 'app-' + a.name}, a.name);
    return h('tr', {},
        h('th', {scope: 'row'}, link),
        h('td', {}, a.project),
        h('td', {}, a.destination && a.destination.cluster),
        h('td', {class: 'nowrap'}, a.destination && a.destination.namespace),
        h('td', {}, shortRevision(st.revision), ' ', st.revisionTime ? when(st.revisionTime) : null),
        h('td', {}, badge(st.sync)),
        h('td', {}, badge(st.health)),
        h('td', {}, st.lastResult ? badge(st.lastResult) : null, ' ', cut(st.lastMessage, 60)),
        h('td', {}, when(st.updatedAt)));
  }

  const optionSets = {};
  function renderFilters() {
    for (const f of FILTERS) {
      const list = options(f);
      const signature = list.map((o) => o.value).join('\n');
      // Rebuilt only when the choices change, so an open select is not reset under the reader.
      if (optionSets[f.key] === signature) continue;
      optionSets[f.key] = signature;
      keepFocus(main, () => {
        replace(selects[f.key], list);
        selects[f.key].value = chosen[f.key];
      });
    }
  }

  function render() {
    replace(errors, error ? alertBox(error) : null);
    renderFilters();
    if (items === null) {
      summary.textContent = error ? '' : 'Loading…';
      return;
    }
    const shown = items.filter((a) => FILTERS.every((f) => !chosen[f.key] || f.of(a) === chosen[f.key]));
    summary.textContent = `${shown.length} of ${items.length} application${items.length === 1 ? '' : 's'}`;
    keepFocus(main, () => {
      replace(body, shown.length ? shown.map(row)
          : h('tr', {}, h('td', {colspan: '9', class: 'muted'}, items.length ? 'No application matches the filters.'
              : 'No applications are registered yet.')));
    });
  }

  let last = null;
  async function load() {
    try {
      const fresh = await allPages('applications?limit=100');
      error = null;
      // Unchanged data: only the relative times move; nothing is rebuilt under the reader.
      const json = JSON.stringify(fresh);
      if (json === last) {
        replace(errors);
        refreshTimes(main);
        return;
      }
      last = json;
      items = fresh;
    } catch (e) {
      error = e;
    }
    render();
  }

  render();
  return poll(load, 5000);
}
