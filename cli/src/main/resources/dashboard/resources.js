// The objects an Application manages, as a tree: namespace, then kind, then each object with its health and,
// when it differs from Git, a drift marker with what a sync would do and why.
import {h} from './dom.js';
import {badge} from './view.js';

const CLUSTER_SCOPED = '(cluster-scoped)';

/** closed: the set of branch keys the reader folded, kept across refreshes. */
export function resourceTree(items, closed) {
  if (!items.length) return h('p', {class: 'muted'}, 'This Application manages no objects.');
  const byNamespace = group(items, (r) => r.namespace || CLUSTER_SCOPED);
  return h('ul', {class: 'tree'}, [...byNamespace].map(([namespace, inNamespace]) =>
    h('li', {}, branch('ns:' + namespace, closed, [h('span', {class: 'ns'}, namespace), counts(inNamespace)],
        h('ul', {}, [...group(inNamespace, (r) => r.kind)].map(([kind, ofKind]) =>
          h('li', {}, branch('kind:' + namespace + '/' + kind, closed, [kind, counts(ofKind)],
              h('ul', {}, ofKind.map(leaf))))))))));
}

function branch(key, closed, label, content) {
  const details = h('details', {open: !closed.has(key), 'data-branch': key}, h('summary', {}, label), content);
  details.addEventListener('toggle', () => {
    if (details.open) closed.delete(key);
    else closed.add(key);
  });
  return details;
}

function counts(items) {
  const drifted = items.filter((r) => r.sync === 'OutOfSync').length;
  return h('span', {class: 'count'}, ` (${items.length}${drifted ? `, ${drifted} out of sync` : ''})`);
}

function leaf(r) {
  const drifted = r.sync === 'OutOfSync';
  return h('li', {class: 'object' + (drifted ? ' drifted' : ''), 'data-object': `${r.kind}/${r.name}`},
      h('span', {class: 'name'}, r.name), ' ',
      badge(r.health, r.message || undefined), ' ',
      drifted ? h('span', {class: 'drift'}, badge('OutOfSync'), ' ', r.action ? h('strong', {}, r.action) : null,
          r.reason ? h('span', {class: 'reason'}, ': ', r.reason) : null)
        : badge('Synced'),
      r.message ? h('span', {class: 'muted message'}, ' ', r.message) : null);
}

function group(items, keyOf) {
  const groups = new Map();
  const sorted = [...items].sort((a, b) => (keyOf(a) || '').localeCompare(keyOf(b) || '')
      || (a.name || '').localeCompare(b.name || ''));
  for (const item of sorted) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}
