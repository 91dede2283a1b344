/**
 * The teacher's past sessions (every session created with this browser's host key): CSV download, the
 * per-student summary by concept, and deletion after a confirmation.
 * @module
 */
import type { ClassResults, ClassSessionListing } from '@handshake/shared';
import { h } from '../app/dom.ts';
import type { HostCtrl } from './hostCtrl.ts';

const STATUS_WORDS: Record<ClassSessionListing['status'], string> = {
  live: 'running now',
  ended: 'ended',
  interrupted: 'interrupted (server stopped)',
};

export function pastSessionsView(ctrl: HostCtrl): HTMLElement {
  const sessions = ctrl.past;
  return h(
    'section',
    { class: 'panel past-sessions', 'aria-labelledby': 'past-title' },
    h('h2', { id: 'past-title' }, 'Past sessions'),
    ctrl.pastError ? h('p', { class: 'error', role: 'alert' }, ctrl.pastError) : null,
    sessions === null
      ? h('p', { class: 'muted' }, 'Loading…')
      : sessions.length === 0
        ? h('p', { class: 'muted' }, 'No sessions yet from this browser. Results are kept by nickname only.')
        : h(
            'ul',
            { class: 'session-list' },
            sessions.map((s) => sessionItem(ctrl, s)),
          ),
  );
}

function sessionItem(ctrl: HostCtrl, s: ClassSessionListing): HTMLElement {
  const when = new Date(s.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const confirming = ctrl.confirming?.kind === 'delete' && ctrl.confirming.sessionId === s.sessionId;
  const open = ctrl.summary?.sessionId === s.sessionId ? ctrl.summary.results : null;
  return h(
    'li',
    { class: 'session', 'data-session': s.code },
    h(
      'div',
      { class: 'session-head' },
      h('h3', {}, `${when} · code ${s.code}`),
      h(
        'p',
        { class: 'small muted' },
        `${STATUS_WORDS[s.status]} · ${s.students} student${s.students === 1 ? '' : 's'} · ${s.roundsFinished} round${s.roundsFinished === 1 ? '' : 's'} finished`,
      ),
    ),
    confirming
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-label': 'Confirm deletion' },
          h('span', {}, `Delete the session ${s.code} and all its results for good?`),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-focus': `delete-yes-${s.sessionId}`,
              onclick: () => void ctrl.deletePast(s.sessionId),
            },
            'Yes, delete',
          ),
          h(
            'button',
            { type: 'button', class: 'quiet', 'data-focus': `delete-no-${s.sessionId}`, onclick: () => ctrl.cancel() },
            'Cancel',
          ),
        )
      : h(
          'div',
          { class: 'row-actions' },
          h(
            'button',
            { type: 'button', 'data-focus': `csv-${s.sessionId}`, onclick: () => void ctrl.downloadCsv(s.sessionId) },
            'Download CSV',
          ),
          h(
            'button',
            {
              type: 'button',
              'aria-expanded': open ? 'true' : 'false',
              'data-focus': `summary-${s.sessionId}`,
              onclick: () => void ctrl.toggleSummary(s.sessionId),
            },
            open ? 'Hide summary' : 'Summary by concept',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'quiet',
              'data-focus': `delete-${s.sessionId}`,
              onclick: () => ctrl.ask({ kind: 'delete', sessionId: s.sessionId }),
            },
            'Delete',
          ),
        ),
    open ? summaryView(open) : null,
  );
}

function summaryView(results: ClassResults): HTMLElement {
  if (results.summary.length === 0) return h('p', { class: 'muted' }, 'No student finished a round in this session.');
  return h(
    'div',
    { class: 'summary' },
    results.summary.map((student) =>
      h(
        'section',
        { class: 'student-summary' },
        h('h4', {}, student.nickname),
        student.concepts.length === 0
          ? h('p', { class: 'muted small' }, 'No finished round played.')
          : h(
              'ul',
              {},
              student.concepts.map((c) =>
                h(
                  'li',
                  {},
                  h('strong', {}, c.misconception.replace(/-/g, ' ')),
                  ` (${c.scenarioTitles.join(', ')}; ${c.rounds} round${c.rounds === 1 ? '' : 's'}, ${c.points} points)`,
                  c.right.length > 0 ? h('p', { class: 'small right' }, 'Right: ', c.right.join('; ')) : null,
                  c.wrong.length > 0 ? h('p', { class: 'small wrong' }, 'Wrong: ', c.wrong.join('; ')) : null,
                ),
              ),
            ),
      ),
    ),
  );
}
