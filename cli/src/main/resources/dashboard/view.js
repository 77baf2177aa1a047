// Small views every page uses: status badges (word and colour), times, revisions, alerts, polling.
import {h} from './dom.js';

const KNOWN = new Set(['synced', 'outofsync', 'unknown', 'healthy', 'progressing', 'degraded', 'suspended',
  'missing', 'succeeded', 'failed', 'running', 'superseded', 'skipped', 'abandoned', 'waiting', 'reachable',
  'unreachable', 'unchecked', 'create', 'configure', 'prune', 'unchanged', 'skip']);

/** A status word on a coloured background; the word is always there, the colour only repeats it. */
export function badge(word, title) {
  const text = word === null || word === undefined || word === '' ? 'Unknown' : String(word);
  const key = text.toLowerCase().replace(/[^a-z]/g, '');
  return h('span', {class: 'badge badge-' + (KNOWN.has(key) ? key : 'other'), title}, text);
}

/** The first 7 characters of a commit, with the whole one as a title. */
export function shortRevision(revision) {
  if (!revision) return h('span', {class: 'muted'}, 'none');
  const short = /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
  return h('code', {class: 'rev', title: revision}, short);
}

const relative = new Intl.RelativeTimeFormat('en', {numeric: 'auto'});
const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600],
  ['minute', 60], ['second', 1]];

export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const seconds = Math.round((t - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** A <time> with the relative time as text and the ISO time as datetime and title. */
export function when(iso) {
  if (!iso) return h('span', {class: 'muted'}, 'never');
  return h('time', {datetime: iso, title: iso}, ago(iso));
}

/** Text cut to n characters; the whole text is the title. */
export function cut(text, n = 80) {
  if (!text) return h('span', {class: 'muted'}, '');
  const s = String(text);
  return h('span', {title: s}, s.length > n ? s.slice(0, n - 1) + '…' : s);
}

/** An API refusal as a visible alert: the API's text and the permission it names as missing. */
export function alertBox(error) {
  const box = h('div', {role: 'alert', class: 'alert'}, h('strong', {}, 'Error: '), error.message || String(error));
  if (error.missing) box.append(h('p', {class: 'missing'}, 'Missing permission: ', h('code', {}, error.missing)));
  return box;
}

/** "create 1, configure 2" from a counts object; "" when empty. */
/** The order counts are shown in, whatever order an operation's passes counted them; others after, by name. */
const ACTION_ORDER = ['create', 'configure', 'prune', 'unchanged'];

function actionRank(action) {
  const i = ACTION_ORDER.indexOf(action);
  return i < 0 ? ACTION_ORDER.length : i;
}

export function countsText(counts) {
  return Object.entries(counts || {}).filter(([, n]) => n)
      .sort(([a], [b]) => actionRank(a) - actionRank(b) || a.localeCompare(b))
      .map(([action, n]) => `${action} ${n}`).join(', ');
}

/**
 * Runs task now and then every intervalMs while the tab is visible; a hidden tab pauses it, showing it again runs
 * it at once. A run never overlaps the previous one. Returns stop().
 */
export function poll(task, intervalMs) {
  let timer = null;
  let stopped = false;
  let running = false;
  const run = async () => {
    clearTimeout(timer);
    if (stopped || document.hidden || running) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (!stopped && !document.hidden) timer = setTimeout(run, typeof intervalMs === 'function' ? intervalMs() : intervalMs);
    }
  };
  const onVisibility = () => {
    if (!document.hidden) run();
  };
  document.addEventListener('visibilitychange', onVisibility);
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Keeps focus on "the same" element across a re-render: elements carry data-focus keys. */
export function keepFocus(container, render) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-focus') : null;
  render();
  if (key) {
    const again = [...container.querySelectorAll('[data-focus]')].find((el) => el.getAttribute('data-focus') === key);
    if (again) again.focus();
  }
}

/** Updates the relative text of every <time> below container (the data did not change, the clock did). */
export function refreshTimes(container) {
  for (const t of container.querySelectorAll('time[datetime]')) t.textContent = ago(t.getAttribute('datetime'));
}
