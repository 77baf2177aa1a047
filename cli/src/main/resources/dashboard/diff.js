// The diff against Git per object, from the API's unified diff text (Secret data already masked by the API):
// unified, or side by side built here from the same text. Added and removed lines carry a "+"/"-" column and a
// hidden word for screen readers, not only a colour.
import {h} from './dom.js';
import {badge} from './view.js';
import {objectName} from './dialogs.js';

/** Lines of a unified diff, each {type: 'add'|'del'|'ctx'|'hunk'|'file'|'note', text}. */
export function parseUnified(text) {
  return String(text || '').split('\n').filter((line, i, all) => !(line === '' && i === all.length - 1)).map((line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return {type: 'file', text: line};
    if (line.startsWith('@@')) return {type: 'hunk', text: line};
    if (line.startsWith('+')) return {type: 'add', text: line.slice(1)};
    if (line.startsWith('-')) return {type: 'del', text: line.slice(1)};
    if (line.startsWith('\\')) return {type: 'note', text: line};
    return {type: 'ctx', text: line.startsWith(' ') ? line.slice(1) : line};
  });
}

/** Rows of a side-by-side view: runs of removed lines paired with the added lines that follow them. */
export function sideBySide(lines) {
  const rows = [];
  let dels = [];
  let adds = [];
  const flush = () => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i += 1) {
      rows.push({left: dels[i] || null, right: adds[i] || null});
    }
    dels = [];
    adds = [];
  };
  for (const line of lines) {
    if (line.type === 'del') {
      if (adds.length) flush();
      dels.push(line);
    } else if (line.type === 'add') {
      adds.push(line);
    } else {
      flush();
      if (line.type === 'ctx') rows.push({left: line, right: line});
      else rows.push({full: line});
    }
  }
  flush();
  return rows;
}

const MARK = {add: '+', del: '-', ctx: ' '};
const SAY = {add: 'added: ', del: 'removed: ', ctx: ''};

function cells(line) {
  if (!line) return [h('td', {class: 'mark empty'}), h('td', {class: 'code empty'})];
  return [h('td', {class: 'mark ' + line.type, 'aria-hidden': 'true'}, MARK[line.type]),
    h('td', {class: 'code ' + line.type}, SAY[line.type] ? h('span', {class: 'sr-only'}, SAY[line.type]) : null,
        line.text)];
}

function unifiedTable(lines) {
  return h('table', {class: 'diff unified'}, h('tbody', {}, lines.map((line) =>
    line.type in MARK ? h('tr', {class: line.type}, cells(line))
      : h('tr', {class: line.type}, h('td', {colspan: '2', class: 'code ' + line.type}, line.text)))));
}

function splitTable(lines) {
  return h('table', {class: 'diff split'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col', colspan: '2'}, 'Live'),
          h('th', {scope: 'col', colspan: '2'}, 'Git'))),
      h('tbody', {}, sideBySide(lines.filter((l) => l.type !== 'file')).map((row) => row.full
        ? h('tr', {class: row.full.type}, h('td', {colspan: '4', class: 'code ' + row.full.type}, row.full.text))
        : h('tr', {}, cells(row.left), cells(row.right)))));
}

/** The changes of a /diff answer; mode 'unified' or 'split'. Unchanged objects are counted, not shown. */
export function diffView(answer, mode) {
  const changes = (answer.changes || []).filter((c) => c.action !== 'unchanged');
  const unchanged = (answer.changes || []).length - changes.length;
  const out = h('div', {class: 'changes'});
  const differ = changes.length ? `${changes.length} object(s) differ from Git` : 'In sync with Git: no differences';
  out.append(h('p', {}, differ, unchanged ? `; ${unchanged} unchanged.` : '.'));
  if (changes.some((c) => c.diff)) {
    out.append(h('p', {class: 'legend'}, 'Lines marked ', h('code', {}, '-'), ' are live in the cluster, ',
        h('code', {}, '+'), ' are what Git has.'));
  }
  for (const c of changes) {
    const lines = parseUnified(c.diff);
    out.append(h('section', {class: 'change', 'data-change': `${c.object.kind}/${c.object.name}`},
        h('h3', {}, badge(c.action), ' ', objectName(c.object)),
        c.message ? h('p', {class: 'muted'}, c.message) : null,
        lines.length ? h('div', {class: 'diff-wrap'}, mode === 'split' ? splitTable(lines) : unifiedTable(lines))
          : h('p', {class: 'muted'}, 'No field-level diff for this object.')));
  }
  return out;
}
