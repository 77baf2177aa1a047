// One Application: source and destination, status, the running operation, its objects as a tree, the diff
// against Git, its history with rollback; Sync (dialog, confirmed), Refresh and Rollback (confirmed).
import {api, appPath} from './api.js';
import {h, replace, uid} from './dom.js';
import {confirmDialog, syncDialog} from './dialogs.js';
import {diffView} from './diff.js';
import {timeline} from './history.js';
import {resourceTree} from './resources.js';
import {alertBox, badge, countsText, cut, keepFocus, poll, refreshTimes, shortRevision, when} from './view.js';

export function mount(main, name) {
  document.title = `${name} · Driftless`;
  const closed = new Set();
  let app = null;
  let historyItems = null;
  let seen = null;
  let pending = false;
  let mode = 'unified';
  let lastDiff = null;
  let busy = false;

  const heading = h('h1', {tabindex: '-1'}, name);
  const syncButton = h('button', {type: 'button', class: 'primary', 'data-action': 'sync', onclick: () => act(sync)},
      'Sync');
  const refreshButton = h('button', {type: 'button', 'data-action': 'refresh', onclick: () => act(refresh)},
      'Refresh');
  const notice = h('p', {role: 'status', class: 'notice'});
  const actionErrors = h('div', {class: 'errors', 'data-errors': 'actions'});
  const overview = h('div', {class: 'overview'});
  const operation = h('div', {'aria-live': 'polite', 'data-operation': ''});
  const resources = h('div', {'data-resources': ''}, h('p', {}, 'Loading…'));
  const history = h('div', {'data-history-list': ''}, h('p', {}, 'Loading…'));
  const diff = h('div', {'data-diff': ''}, h('p', {}, 'Loading…'));
  // Shown only while an operation runs or waits: most of the time there is none.
  const operationSection = section('Current operation', operation);
  operationSection.hidden = true;
  const modes = modeToggle((m) => {
    mode = m;
    if (lastDiff) replace(diff, diffView(lastDiff, mode));
  });

  replace(main,
      h('div', {class: 'page-head'}, heading, h('div', {class: 'actions'}, syncButton, refreshButton)),
      h('p', {class: 'back'}, h('a', {href: '#/applications'}, '← All applications')),
      notice, actionErrors, overview,
      operationSection,
      h('div', {class: 'columns'},
          section('Objects', resources),
          section('Diff against Git', h('div', {}, modes, diff))),
      section('History', history));
  heading.focus();

  function section(title, content) {
    const id = uid('section');
    return h('section', {class: 'panel', 'aria-labelledby': id}, h('h2', {id}, title), content);
  }

  async function act(action) {
    if (busy) return;
    busy = true;
    replace(actionErrors);
    try {
      await action();
    } catch (e) {
      notice.textContent = '';
      replace(actionErrors, alertBox(e));
    } finally {
      busy = false;
    }
  }

  async function sync() {
    const choice = await syncDialog(name);
    if (!choice) return;
    const revision = app ? app.source.targetRevision : 'its target revision';
    const prune = choice.prune ? ', pruning objects Git no longer has' : '';
    if (!await confirmDialog('Sync', `Sync ${name} to ${revision}${prune}?`, 'Sync now')) return;
    const answer = await api('POST', appPath(name, 'sync'), {prune: choice.prune});
    pending = true;
    notice.textContent = `Sync of ${name} to ${answer && answer.revision || revision} queued; following it below.`;
    await loadApp();
  }

  async function refresh() {
    notice.textContent = 'Comparing the live objects with Git…';
    const answer = await api('POST', appPath(name, 'refresh'));
    if (app && answer.status) {
      app.status = answer.status;
      // This answer is what the next poll would read: it needs no second round of reads.
      seen = signatureOf(answer.status);
      renderOverview();
    }
    // null for a caller who may not see the objects (applications/diff): the section keeps what it shows.
    if (Array.isArray(answer.resources)) replace(resources, resourceTree(answer.resources, closed));
    notice.textContent = `Refreshed: ${answer.status ? answer.status.sync + ', ' + answer.status.health : 'done'}.`;
    await loadDiff();
  }

  async function rollback(entry) {
    const short = entry.revision.slice(0, 7);
    if (!await confirmDialog('Roll back', `Roll back ${name} to ${short}, the revision of the ${entry.trigger} `
        + `operation of ${entry.startedAt}?`, `Roll back to ${short}`)) return;
    await api('POST', appPath(name, 'rollback'), {historyId: entry.id});
    pending = true;
    notice.textContent = `Rollback of ${name} to ${short} queued; following it below.`;
    await loadApp();
  }

  function renderOverview() {
    const st = app.status || {};
    const src = app.source || {};
    const dst = app.destination || {};
    const policy = app.syncPolicy || {};
    const sources = Array.isArray(app.sources) && app.sources.length > 1 ? app.sources : [src];
    replace(overview,
        h('dl', {class: 'facts'},
            fact('Project', app.project),
            sources.map((one, i) => sourceFacts(one, sources.length > 1 ? i + 1 : null)),
            fact('Destination', `${dst.cluster} / ${dst.namespace || '(none)'}`),
            fact('Sync policy', policy.automated ? 'automated' + (policy.prune ? ', prune' : '')
                + (policy.selfHeal ? ', self-heal' : '') : 'manual')),
        h('dl', {class: 'facts'},
            fact('Sync status', badge(st.sync)),
            fact('Health', badge(st.health)),
            fact('Revision', [shortRevision(st.revision), ' ', st.revisionTime ? when(st.revisionTime) : null]),
            fact('Last result', [st.lastResult ? badge(st.lastResult) : 'none', ' ', cut(st.lastMessage, 160)]),
            fact('Updated', when(st.updatedAt)),
            fact('Objects', String(st.objects ?? 0))));
    renderOperation(st.operation);
  }

  function renderOperation(op) {
    operationSection.hidden = !op;
    if (!op) {
      replace(operation);
      return;
    }
    const done = Object.values(op.counts || {}).reduce((a, b) => a + (Number(b) || 0), 0);
    replace(operation, h('dl', {class: 'facts progress'},
        fact('Operation', [op.trigger, ' ', shortRevision(op.revision), ' ', op.running ? badge('Running')
            : badge('Waiting', 'Waiting for its continuation or retry')]),
        fact('Step', op.step || 'starting'),
        op.wave === null || op.wave === undefined ? null : fact('Wave', `${op.wave} `
            + (op.running ? '(applying)' : '(next, once the earlier waves are healthy)')),
        fact('Objects done', `${done}${countsText(op.counts) ? ' (' + countsText(op.counts) + ')' : ''}`),
        fact('Attempt', String(op.attempt ?? 1)),
        fact('Since', when(op.startedAt))));
  }

  async function loadApp() {
    try {
      app = await api('GET', appPath(name));
    } catch (e) {
      replace(overview, alertBox(e));
      return;
    }
    const st = app.status || {};
    const signature = signatureOf(st);
    if (signature === seen) {
      refreshTimes(main);
      return;
    }
    const first = seen === null;
    seen = signature;
    keepFocus(main, renderOverview);
    // The history may have arrived before the Application: its rollback buttons depend on the sync policy.
    if (first && historyItems) renderHistory();
    if (!first && !st.operation) pending = false;
    // The status moved (an operation ended, a scan recorded drift): what depends on it is read again.
    if (!first && !st.operation) await Promise.all([loadResources(), loadHistory(), loadDiff()]);
    else if (!first) await loadHistory();
  }

  async function loadResources() {
    try {
      const answer = await api('GET', appPath(name, 'resources'));
      keepFocus(main, () => replace(resources, resourceTree(answer.items || [], closed)));
    } catch (e) {
      replace(resources, alertBox(e));
    }
  }

  async function loadHistory() {
    try {
      historyItems = (await api('GET', appPath(name, 'history') + '?limit=20')).items || [];
      renderHistory();
    } catch (e) {
      historyItems = null;
      replace(history, alertBox(e));
    }
  }

  function renderHistory() {
    const automated = Boolean(app && app.syncPolicy && app.syncPolicy.automated);
    keepFocus(main, () => replace(history, timeline(historyItems, (entry) => act(() => rollback(entry)), automated)));
  }

  async function loadDiff() {
    try {
      lastDiff = await api('GET', appPath(name, 'diff'));
      keepFocus(main, () => replace(diff, diffView(lastDiff, mode)));
    } catch (e) {
      lastDiff = null;
      replace(diff, alertBox(e));
    }
  }

  loadResources();
  loadHistory();
  loadDiff();
  const running = () => pending || (app && app.status && app.status.operation);
  return poll(loadApp, () => (running() ? 2000 : 5000));
}

function signatureOf(st) {
  return JSON.stringify([st.updatedAt, st.revision, st.sync, st.health, st.operation]);
}

/** One source's repository, revision and path or chart; numbered when the Application has several. */
function sourceFacts(src, number) {
  const suffix = number === null ? '' : ` ${number}`;
  return [
    fact('Repository' + suffix, h('code', {}, src.repoURL)),
    fact('Target revision' + suffix, src.targetRevision),
    src.chart ? fact('Chart' + suffix, h('code', {}, src.chart)) : fact('Path' + suffix, h('code', {}, src.path || '.')),
    src.ref ? fact('Ref' + suffix, h('code', {}, '$' + src.ref)) : null,
  ];
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {'data-fact': term}, value)];
}

function modeToggle(onChange) {
  const group = uid('diff-mode');
  const choice = (value, label, checked) => {
    const id = uid('diff-mode-' + value);
    return h('span', {class: 'choice'},
        h('input', {type: 'radio', name: group, id, value, checked, 'data-diff-mode': value,
          onchange: () => onChange(value)}),
        h('label', {for: id}, label));
  };
  return h('fieldset', {class: 'toggle'}, h('legend', {}, 'Diff layout'),
      choice('unified', 'Unified', true), choice('split', 'Side by side', false));
}
