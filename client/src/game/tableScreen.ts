/**
 * One table's whole screen — lobby, game and debrief — drawn from a TableSession alone, so the same screen
 * plays a table on the game server or a practice table in this browser.
 * @module
 */
import { actionsView } from '../actions/view.ts';
import { reducedMotion } from '../app/displaySettings.ts';
import { h, redraw } from '../app/dom.ts';
import { motionControl } from '../app/motionControl.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import { type Board, lazyBoard } from '../board/lazyBoard.ts';
import { boardModel } from '../board/model.ts';
import { debriefView } from '../debrief/view.ts';
import { inspectorView } from '../inspector/view.ts';
import { hostControls, lobbyView, seatsView } from '../lobby/view.ts';
import { logView } from '../log/view.ts';
import { envelopesView, pocketView } from '../pocket/view.ts';
import type { TableSession } from '../table/session.ts';
import { TableScreenCtrl, type TableStage } from './ctrl.ts';

export interface TableScreenOptions {
  /** Where "Leave" goes (default: the start page). */
  exitHref?: string;
  exitLabel?: string;
}

export function mountTableScreen(
  root: HTMLElement,
  session: TableSession,
  options: TableScreenOptions = {},
): () => void {
  const bar = h('header', { class: 'table-bar' });
  const banner = h('div', { class: 'connection-banner', role: 'status' });
  const main = h('main', { class: 'table-main', id: 'table-main' });
  const inspectorHost = h('div', { class: 'inspector-host' });
  const ctrl = new TableScreenCtrl(session, (_ctrl, onlyClock) => (onlyClock ? drawClock() : draw()));
  const screen = h(
    'div',
    { class: 'table-screen' },
    h('nav', { 'aria-label': 'Skip link' }, h('a', { href: '#table-main', class: 'skip-link' }, 'Skip to the game')),
    bar,
    banner,
    main,
    inspectorHost,
    ctrl.announcer.polite,
    ctrl.announcer.urgent,
  );
  root.append(screen);

  let stage: TableStage | null = null;
  let board: Board | null = null;
  let regions: Record<string, HTMLElement> = {};

  const inspect = (ref: Parameters<typeof ctrl.inspect>[0]) => ctrl.inspect(ref);

  function layout(next: TableStage): void {
    board?.destroy();
    board = null;
    stage = next;
    if (next === 'game') {
      regions = {
        board: h('div', {
          class: 'board-host',
          role: 'img',
          'aria-label':
            'The network: browser, website, CA office and the eavesdropper on the wire, with the envelopes sent so far. The same things are listed beside it.',
        }),
        actions: h('div', { class: 'actions-host' }),
        things: h('div', { class: 'things-host' }),
        log: h('div', { class: 'log-host' }),
      };
      const toggle = h(
        'button',
        { type: 'button', class: 'board-toggle quiet', 'aria-expanded': 'false', 'data-focus': 'board-toggle' },
        'Show the whole board',
      );
      toggle.addEventListener('click', () => {
        const expanded = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(expanded));
        toggle.textContent = expanded ? 'Show only the wire' : 'Show the whole board';
        board?.expand(expanded);
      });
      main.replaceChildren(
        h(
          'div',
          { class: 'game' },
          h('div', { class: 'stage-col' }, regions.board, toggle, regions.things),
          h('div', { class: 'side-col' }, regions.actions, regions.log),
        ),
      );
      board = lazyBoard(regions.board!, { inspect, drop: (target, item) => ctrl.drop(target, item) });
    } else {
      regions = { content: h('div', { class: 'stage-content' }) };
      main.replaceChildren(regions.content!);
    }
  }

  function draw(): void {
    const snapshot = ctrl.snapshot;
    const next = ctrl.stage;
    if (next !== stage) layout(next);
    drawBar();
    drawBanner();
    const view = snapshot.view;
    if (stage === 'game' && view) {
      const seated = snapshot.you.role !== null;
      redraw(
        regions.actions!,
        actionsView({
          ctrl: ctrl.actions,
          view,
          waitingFor: ctrl.waitingFor(),
          rejection: ctrl.rejection?.message ?? null,
          seated,
          paused: snapshot.paused,
          redraw: () => ctrl.changed(),
          edited: () => ctrl.edited(),
        }),
      );
      focusOnTurnStart(view.version, view.legalMoves.length > 0);
      redraw(regions.things!, h('div', { class: 'things' }, pocketView(view, inspect), envelopesView(view, inspect)));
      redraw(regions.log!, logView(view));
      board?.show(
        boardModel(view, snapshot.seats, ctrl.actions.dropTargets(view), ctrl.inspector.open, reducedMotion()),
      );
    } else if (stage === 'debrief' && view) {
      redraw(
        regions.content!,
        h(
          'div',
          { class: 'debrief-layout' },
          debriefView(view, inspect),
          h(
            'div',
            { class: 'debrief-side' },
            ctrl.rejection ? h('p', { class: 'error', role: 'alert' }, ctrl.rejection.message) : null,
            hostControls(snapshot, session, 'Play another round'),
            seatsView(snapshot, session),
            logView(view, 'Timeline'),
          ),
        ),
      );
    } else {
      redraw(
        regions.content!,
        ctrl.rejection ? h('p', { class: 'error', role: 'alert' }, ctrl.rejection.message) : null,
        lobbyView(snapshot, session),
      );
    }
    drawInspector();
    drawClock();
  }

  /** The moment this player's turn starts, focus goes to the action panel (unless they are busy elsewhere). */
  let myTurnAt: number | null = null;
  function focusOnTurnStart(version: number, myTurn: boolean): void {
    const started = myTurn && myTurnAt === null;
    myTurnAt = myTurn ? (myTurnAt ?? version) : null;
    if (!started) return;
    // Idle: nothing focused, the page heading the router focused, or the panel itself (its old button went).
    const active = document.activeElement;
    const idle =
      !active ||
      active === document.body ||
      !active.isConnected ||
      active.tagName === 'H1' ||
      regions.actions!.contains(active);
    if (idle && inspectorHost.childElementCount === 0)
      regions.actions!.querySelector<HTMLElement>('#actions-title')?.focus();
  }

  function drawInspector(): void {
    const view = ctrl.view;
    const wasOpen = inspectorHost.childElementCount > 0;
    const panel = view ? inspectorView(ctrl.inspector, view, () => ctrl.closeInspector()) : null;
    const openedNow =
      panel !== null && (!wasOpen || inspectorHost.dataset.subject !== JSON.stringify(ctrl.inspector.open));
    redraw(inspectorHost, panel);
    inspectorHost.dataset.subject = JSON.stringify(ctrl.inspector.open);
    if (openedNow) inspectorHost.querySelector<HTMLElement>('#inspector-title')?.focus();
  }

  function drawBar(): void {
    const s = ctrl.snapshot;
    const role = s.you.role ? `${ROLE_TITLE[s.you.role].name} (${ROLE_TITLE[s.you.role].station})` : 'Watching';
    screen.dataset.role = s.you.role ?? 'spectator';
    screen.dataset.stage = stage ?? 'lobby';
    redraw(
      bar,
      h('a', { href: options.exitHref ?? '#/', class: 'brand', 'data-focus': 'exit' }, options.exitLabel ?? 'Leave'),
      h('h1', { tabindex: -1 }, s.code ? `Table ${s.code}` : 'Practice table'),
      h('span', { class: 'bar-item' }, `You: ${s.you.nickname || 'guest'} · ${role}`),
      s.view
        ? h(
            'span',
            { class: 'bar-item' },
            `Round ${s.round}`,
            h('span', { class: 'bar-scenario' }, ` · ${s.view.scenario.title}`),
          )
        : null,
      h('span', { class: `bar-item conn ${s.connection}` }, connectionWords(s.connection)),
      motionControl(),
    );
  }

  function drawBanner(): void {
    const s = ctrl.snapshot;
    banner.className = `connection-banner ${s.connection}`;
    if (s.connection === 'reconnecting') {
      redraw(banner, 'Connection lost — reconnecting… Your seat is kept for you.');
    } else if (s.connection === 'closed') {
      redraw(
        banner,
        s.closedReason ?? 'The connection to the table closed.',
        ' ',
        h('a', { href: '#/' }, 'Back to the start page'),
      );
    } else redraw(banner);
  }

  function drawClock(): void {
    const clock = main.querySelector<HTMLElement>('#countdown');
    if (!clock) return;
    const seconds = ctrl.snapshot.stepSecondsLeft;
    clock.textContent = seconds === null ? '' : `${seconds} s left`;
    clock.classList.toggle('urgent', seconds !== null && seconds <= 10);
  }

  draw();
  ctrl.announcer.view(ctrl.view);
  return () => {
    ctrl.destroy();
    board?.destroy();
    screen.remove();
  };
}

function connectionWords(status: string): string {
  switch (status) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    default:
      return 'Disconnected';
  }
}
