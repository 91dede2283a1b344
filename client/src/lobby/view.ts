/**
 * The table lobby: the four seats with their pictures, who sits where (human or bot), and for the host the
 * scenario and mode to play and the start button. Also drawn between rounds, above the debrief.
 * @module
 */
import { PROTOCOL_MODES, type ProtocolMode, ROLES, type Role, SCENARIOS } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { roleIcon } from '../art/icons.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { SeatSnapshot, TableSession, TableSnapshot } from '../table/session.ts';

const MODE_NAMES: Record<ProtocolMode, string> = {
  tls13: 'TLS 1.3 (today’s HTTPS)',
  'tls12-rsa': 'Classic TLS 1.2 with RSA key transport',
};

export function seatsView(snapshot: TableSnapshot, session: TableSession): HTMLElement {
  const roundOn = snapshot.view !== null && snapshot.view.phase !== 'debrief';
  const canRemove = snapshot.you.isHost && snapshot.code !== null;
  return h(
    'section',
    { class: 'seats', 'aria-labelledby': 'seats-title' },
    h('h2', { id: 'seats-title' }, 'Seats'),
    h(
      'ul',
      { class: 'seat-list' },
      ROLES.map((role) => seatView(snapshot.seats.find((s) => s.role === role)!, session, roundOn, canRemove)),
    ),
    snapshot.you.role
      ? h(
          'button',
          { type: 'button', class: 'quiet', 'data-focus': 'stand-up', onclick: () => session.pickRole(null) },
          'Stand up and watch',
        )
      : null,
  );
}

function seatView(seat: SeatSnapshot, session: TableSession, roundOn: boolean, canRemove: boolean): HTMLElement {
  const title = ROLE_TITLE[seat.role];
  const who = seat.nickname
    ? `${seat.nickname}${seat.you ? ' (you)' : ''}${seat.nickname && !seat.connected ? ' — disconnected' : ''}`
    : 'Empty';
  const player = seat.bot ? (seat.nickname && roundOn ? 'Bot this round, then this person' : 'Bot') : 'Human';
  const icon = h('span', { class: 'seat-icon' });
  icon.innerHTML = roleIcon(seat.role, 56);
  const free = !seat.nickname;
  return h(
    'li',
    { class: `seat role-${seat.role}${seat.you ? ' you' : ''}`, 'data-role': seat.role },
    icon,
    h(
      'div',
      { class: 'seat-text' },
      h('h3', {}, `${title.name} · ${title.station}`),
      h('p', { class: 'seat-who' }, who),
      h(
        'p',
        { class: 'seat-kind' },
        h('span', { class: `badge ${seat.bot ? 'bot' : 'human'}` }, seat.bot ? '⚙ ' : '● ', player),
      ),
      h('p', { class: 'muted small' }, title.blurb),
      free
        ? h(
            'button',
            {
              type: 'button',
              'data-focus': `sit:${seat.role}`,
              onclick: () => session.pickRole(seat.role as Role),
            },
            `Sit here as ${title.name}`,
          )
        : null,
      canRemove && !free && !seat.you
        ? h(
            'button',
            {
              type: 'button',
              class: 'quiet',
              'data-focus': `remove:${seat.role}`,
              'aria-label': `Remove ${seat.nickname} from the table`,
              onclick: () => session.removeFromSeat(seat.role),
            },
            'Remove from the table',
          )
        : null,
    ),
  );
}

export function hostControls(snapshot: TableSnapshot, session: TableSession, startLabel: string): HTMLElement {
  const scenario = SCENARIOS.find((s) => s.id === snapshot.scenarioId) ?? SCENARIOS[0]!;
  if (!snapshot.you.isHost) {
    return h(
      'section',
      { class: 'panel host', 'aria-labelledby': 'next-title' },
      h('h2', { id: 'next-title' }, 'Next round'),
      h('p', {}, `Scenario ${scenario.number}: ${scenario.title}`),
      h('p', { class: 'muted' }, 'Waiting for the host to start.'),
    );
  }
  const scenarioSelect = h('select', { id: 'scenario', 'data-focus': 'scenario' });
  for (const s of SCENARIOS) {
    scenarioSelect.append(h('option', { value: s.id, selected: s.id === scenario.id }, `${s.number}. ${s.title}`));
  }
  const modeSelect = h('select', { id: 'mode', 'data-focus': 'mode' });
  for (const mode of PROTOCOL_MODES) {
    modeSelect.append(
      h(
        'option',
        { value: mode, selected: mode === snapshot.mode, disabled: !scenario.modes.includes(mode) },
        MODE_NAMES[mode],
        scenario.modes.includes(mode) ? '' : ' — not in this scenario',
      ),
    );
  }
  const configure = () => {
    const chosen = SCENARIOS.find((s) => s.id === scenarioSelect.value) ?? scenario;
    const mode = chosen.modes.includes(modeSelect.value as ProtocolMode)
      ? (modeSelect.value as ProtocolMode)
      : chosen.modes[0]!;
    session.configure(chosen.id, mode);
  };
  scenarioSelect.addEventListener('change', configure);
  modeSelect.addEventListener('change', configure);
  return h(
    'section',
    { class: 'panel host', 'aria-labelledby': 'host-title' },
    h('h2', { id: 'host-title' }, 'You are the host'),
    h('label', { for: 'scenario' }, 'Scenario'),
    scenarioSelect,
    h('label', { for: 'mode' }, 'Protocol'),
    modeSelect,
    h(
      'button',
      { type: 'button', class: 'primary', 'data-focus': 'start', onclick: () => session.start() },
      startLabel,
    ),
    h('p', { class: 'muted small' }, 'Empty seats are played by bots.'),
  );
}

export function lobbyView(snapshot: TableSnapshot, session: TableSession): HTMLElement {
  return h(
    'div',
    { class: 'lobby' },
    seatsView(snapshot, session),
    h('div', { class: 'lobby-side' }, shareCode(snapshot), hostControls(snapshot, session, 'Start the round')),
  );
}

function shareCode(snapshot: TableSnapshot): HTMLElement | null {
  if (!snapshot.code) return null;
  const link = `${window.location.origin}/?code=${snapshot.code}`;
  return h(
    'section',
    { class: 'panel share', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, 'Invite players'),
    h('p', {}, 'Table code ', h('strong', { class: 'code' }, snapshot.code)),
    h('p', { class: 'small' }, 'or the link ', h('a', { href: link }, link)),
  );
}
