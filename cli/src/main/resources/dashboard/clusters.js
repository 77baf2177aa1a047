// The registered clusters: auth kind, server, reachability (with the reason when not), version, and how many
// Applications deploy to each, linked to the list filtered by it.
import {allPages, api} from './api.js';
import {h, replace} from './dom.js';
import {alertBox, badge, when} from './view.js';

export function mount(main) {
  document.title = 'Clusters · Driftless';
  const heading = h('h1', {tabindex: '-1'}, 'Clusters');
  const errors = h('div', {class: 'errors'});
  const body = h('tbody', {}, h('tr', {}, h('td', {colspan: '6'}, 'Loading…')));
  replace(main, heading, errors, h('div', {class: 'table-wrap'}, h('table', {class: 'list'},
      h('caption', {class: 'sr-only'}, 'Registered clusters'),
      h('thead', {}, h('tr', {}, ['Name', 'Auth', 'Server', 'Reachable', 'Version', 'Applications']
          .map((c) => h('th', {scope: 'col'}, c)))),
      body)));
  heading.focus();
  let stopped = false;

  (async () => {
    const [clusters, apps] = await Promise.allSettled([api('GET', 'clusters'), allPages('applications?limit=100')]);
    if (stopped) return;
    const problems = [clusters, apps].filter((r) => r.status === 'rejected').map((r) => alertBox(r.reason));
    replace(errors, problems);
    if (clusters.status === 'rejected') {
      replace(body, h('tr', {}, h('td', {colspan: '6', class: 'muted'}, 'The clusters could not be read.')));
      return;
    }
    const counts = new Map();
    for (const a of apps.status === 'fulfilled' ? apps.value : []) {
      const c = a.destination && a.destination.cluster;
      counts.set(c, (counts.get(c) || 0) + 1);
    }
    const items = clusters.value.items || [];
    replace(body, items.length ? items.map((c) => row(c, apps.status === 'fulfilled' ? counts.get(c.name) || 0 : null))
        : h('tr', {}, h('td', {colspan: '6', class: 'muted'}, 'No clusters are registered yet.')));
  })();

  return () => {
    stopped = true;
  };
}

function row(c, count) {
  return h('tr', {},
      h('th', {scope: 'row'}, c.name),
      h('td', {}, c.auth),
      h('td', {}, h('code', {}, c.server)),
      h('td', {}, reachability(c)),
      h('td', {}, c.version || h('span', {class: 'muted'}, 'unknown')),
      h('td', {}, count === null ? h('span', {class: 'muted'}, 'unknown')
          : h('a', {href: '#/applications?cluster=' + encodeURIComponent(c.name),
            'aria-label': `${count} application${count === 1 ? '' : 's'} on ${c.name}`}, String(count))));
}

function reachability(c) {
  const checked = c.checkedAt ? [' ', h('span', {class: 'muted'}, 'checked ', when(c.checkedAt))] : null;
  if (c.reachable === true) return [badge('Reachable'), checked];
  if (c.reachable === false) {
    return [badge('Unreachable'), checked, c.unreachable ? h('p', {class: 'reason'}, c.unreachable) : null];
  }
  return [badge('Unchecked', 'No scan has reached this cluster yet'), ' ',
    h('span', {class: 'muted'}, 'not checked yet')];
}
