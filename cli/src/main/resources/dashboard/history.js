// The Application's history as a timeline, newest first, each entry with a "Roll back to this" button (disabled
// while automated sync is on).
import {h} from './dom.js';
import {badge, countsText, cut, shortRevision, when} from './view.js';

export function timeline(items, onRollback, automated) {
  if (!items.length) return h('p', {class: 'muted'}, 'No operations yet.');
  // The API refuses a rollback while automated sync is on (it would undo it at the next scan), as Argo CD does.
  const note = automated ? h('p', {class: 'muted', 'data-rollback-note': ''},
      'Rollback is off while automated sync is on: turn it off in the Application to roll back.') : null;
  return [note, h('ol', {class: 'timeline'}, items.map((e) => h('li', {class: 'entry', 'data-history': e.id},
      h('div', {class: 'entry-head'},
          when(e.startedAt), ' ',
          h('span', {class: 'trigger', 'data-trigger': e.trigger}, e.trigger), ' ',
          shortRevision(e.revision), ' ',
          badge(e.result), ' ',
          countsText(e.counts) ? h('span', {class: 'counts'}, countsText(e.counts)) : null),
      e.message ? h('p', {class: 'message'}, cut(e.message, 200)) : null,
      e.author || e.commitMessage ? h('p', {class: 'commit muted'}, e.author ? e.author + ': ' : '',
          cut(e.commitMessage, 120)) : null,
      e.revision ? h('button', {type: 'button', class: 'rollback', 'data-focus': 'rollback-' + e.id,
        disabled: Boolean(automated), onclick: () => onRollback(e)}, 'Roll back to this',
      h('span', {class: 'sr-only'}, ` (${e.revision.slice(0, 7)}, ${e.trigger}, ${e.startedAt})`)) : null)))];
}
