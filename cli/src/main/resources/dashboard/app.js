// The hash router and the header. Routes: #/applications[?filters], #/applications/<name>, #/clusters; the same
// paths without the hash are served the same page (see the end of this file).
import {api} from './api.js';
import {h, replace} from './dom.js';
import {alertBox} from './view.js';
import * as applications from './applications.js';
import * as application from './application.js';
import * as clusters from './clusters.js';

const main = document.getElementById('main');
let unmount = null;

function parse(hash) {
  const raw = hash.replace(/^#/, '') || '/applications';
  const [path, query] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p;
    }
  });
  return {parts, query: new URLSearchParams(query || '')};
}

function route() {
  // Every hashchange is a navigation: a page that keeps its filters in the query writes them with replaceState,
  // which fires none.
  const {parts, query} = parse(location.hash);
  if (unmount) unmount();
  unmount = null;
  let page = null;
  let section = parts[0];
  if (parts[0] === 'applications' && parts.length === 1) {
    page = () => applications.mount(main, query);
  } else if (parts[0] === 'applications' && parts.length === 2) {
    page = () => application.mount(main, parts[1]);
  } else if (parts[0] === 'clusters' && parts.length === 1) {
    page = () => clusters.mount(main);
  } else {
    section = null;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.getAttribute('data-nav') === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!page) {
    document.title = 'Not found · Driftless';
    replace(main, h('h1', {tabindex: '-1'}, 'Not found'),
        h('p', {}, 'No page here. ', h('a', {href: '#/applications'}, 'See the Applications')));
    return;
  }
  unmount = page();
}

async function caller() {
  const box = document.getElementById('caller');
  try {
    const me = await api('GET', 'whoami');
    // Each role binding as "viewer on team-a, team-b" ("*": every project).
    const roles = (me.roles || []).map((r) => `${r.role} on ${(r.projects || []).join(', ')}`).join('; ');
    replace(box, 'Signed in as ', h('strong', {title: me.principal || ''}, me.caller || 'unknown'),
        me.admin ? ' (admin)' : roles ? ` (${roles})` : '');
  } catch (e) {
    replace(box, alertBox(e));
  }
}

window.addEventListener('hashchange', route);
// An address without a hash (a commit status's link, <dashboard>/applications/<name>, laid out as Argo CD's) is the
// same page: its path becomes the hash, at the root.
if (!location.hash) {
  const path = location.pathname === '/' ? '/applications' : location.pathname;
  history.replaceState(null, '', '/#' + path + location.search);
}
route();
caller();
