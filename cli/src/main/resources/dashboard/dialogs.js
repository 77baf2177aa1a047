// Modal dialogs (<dialog>): Esc closes them, and focus returns to the control that opened them.
import {api, appPath} from './api.js';
import {h, uid} from './dom.js';
import {alertBox, badge, countsText} from './view.js';

function open(dialog, onClose) {
  const opener = document.activeElement;
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected) opener.focus();
    onClose(dialog.returnValue);
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** Asks a yes/no question; resolves true only when the confirming button was pressed. */
export function confirmDialog(title, question, confirmLabel) {
  return new Promise((resolve) => {
    const titleId = uid('confirm-title');
    const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId});
    const cancel = h('button', {type: 'button', onclick: () => dialog.close('cancel')}, 'Cancel');
    const ok = h('button', {type: 'button', class: 'primary', 'data-confirm': '',
      onclick: () => dialog.close('ok')}, confirmLabel);
    dialog.append(h('h2', {id: titleId}, title), h('p', {}, question), h('div', {class: 'dialog-actions'}, cancel, ok));
    open(dialog, (value) => resolve(value === 'ok'));
    cancel.focus();
  });
}

/**
 * The Sync dialog: Prune and Dry run choices. A dry run shows, in the dialog, what GET /diff says a sync would do
 * (prunes only when Prune is checked) and writes nothing. Otherwise resolves {prune} for the caller to confirm
 * and post; null when cancelled.
 */
export function syncDialog(name) {
  return new Promise((resolve) => {
    const titleId = uid('sync-title');
    const pruneId = uid('sync-prune');
    const dryId = uid('sync-dry');
    const dialog = h('dialog', {class: 'dialog wide', 'aria-labelledby': titleId});
    const prune = h('input', {type: 'checkbox', id: pruneId});
    const dryRun = h('input', {type: 'checkbox', id: dryId});
    const output = h('div', {class: 'preview', 'aria-live': 'polite'});
    let choice = null;
    const go = h('button', {type: 'button', class: 'primary', 'data-sync-go': '', onclick: async () => {
      if (!dryRun.checked) {
        choice = {prune: prune.checked};
        dialog.close('sync');
        return;
      }
      go.disabled = true;
      output.replaceChildren(h('p', {}, 'Comparing with Git…'));
      try {
        output.replaceChildren(preview(await api('GET', appPath(name, 'diff')), prune.checked));
      } catch (e) {
        output.replaceChildren(alertBox(e));
      } finally {
        go.disabled = false;
      }
    }}, 'Sync…');
    dryRun.addEventListener('change', () => {
      go.textContent = dryRun.checked ? 'Show what a sync would do' : 'Sync…';
    });
    const cancel = h('button', {type: 'button', onclick: () => dialog.close('cancel')}, 'Close');
    dialog.append(h('h2', {id: titleId}, 'Sync ', name),
        h('div', {class: 'checks'},
            h('div', {}, prune, h('label', {for: pruneId}, 'Prune: delete objects Git no longer has')),
            h('div', {}, dryRun, h('label', {for: dryId}, 'Dry run: only show what a sync would do, write nothing'))),
        output,
        h('div', {class: 'dialog-actions'}, cancel, go));
    open(dialog, () => resolve(choice));
    prune.focus();
  });
}

/** What a sync would do, from a /diff answer: prunes only when asked, the rest by action. */
function preview(diff, prune) {
  const changes = (diff.changes || []).filter((c) => c.action !== 'unchanged' && (prune || c.action !== 'prune'));
  const kept = (diff.changes || []).filter((c) => c.action === 'prune').length;
  const counts = {};
  for (const c of changes) counts[c.action] = (counts[c.action] || 0) + 1;
  const out = h('div', {'data-dry-run': ''},
      h('h3', {}, 'Dry run: nothing was written'),
      h('p', {}, changes.length ? 'A sync would: ' + countsText(counts) : 'A sync would change nothing: in sync with Git.'));
  if (!prune && kept) out.append(h('p', {}, `${kept} object(s) Git no longer has would stay (Prune is not checked).`));
  if (changes.length) {
    out.append(h('ul', {class: 'plain'}, changes.map((c) => h('li', {}, badge(c.action), ' ', objectName(c.object),
        c.message ? h('span', {class: 'muted'}, ' — ', c.message) : null))));
  }
  return out;
}

export function objectName(o) {
  return `${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}`;
}
