/** `#/practice` drawn: every scenario with its lesson title, the roles to play it in and the best stars per role. @module */
import type { ProtocolMode, Role } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { roleIcon } from '../art/icons.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import { type CampaignEntry, campaignEntries, practicePath, starText, starTotals } from './campaign.ts';
import type { Progress } from './progress.ts';

export const MODE_NAMES: Record<ProtocolMode, string> = {
  tls13: 'TLS 1.3',
  'tls12-rsa': 'Classic TLS 1.2 (RSA)',
};

export interface CampaignActions {
  /** Asks first (an inline confirmation), then forgets every result kept in this browser. */
  confirmingReset: boolean;
  askReset(): void;
  cancelReset(): void;
  reset(): void;
}

export function campaignView(progress: Progress, actions: CampaignActions): HTMLElement {
  const totals = starTotals(progress);
  return h(
    'main',
    { class: 'page practice-campaign' },
    h(
      'header',
      { class: 'campaign-head' },
      h('p', {}, h('a', { href: '#/' }, '← Start page')),
      h('h1', { tabindex: -1 }, 'Practise against bots'),
      h(
        'p',
        { class: 'lead' },
        'Play each scenario in any seat; bots take the others, at your pace. Everything runs in this browser — no account, no server needed — and your best results are kept here.',
      ),
      h('p', { class: 'star-total', 'data-testid': 'star-total' }, `${totals.earned} of ${totals.possible} stars`),
      h(
        'p',
        { class: 'star-rule' },
        'Three stars for a round played as well as the hints would have played it, without asking for them; each hint costs some of them.',
      ),
    ),
    h(
      'ol',
      { class: 'scenario-list' },
      campaignEntries(progress).map((entry) => scenarioCard(entry)),
    ),
    resetControl(actions),
  );
}

function scenarioCard({ scenario, roles }: CampaignEntry): HTMLElement {
  const titleId = `scenario-${scenario.id}`;
  const modeSelect =
    scenario.modes.length > 1
      ? h(
          'select',
          {
            'aria-label': `Protocol for “${scenario.title}”`,
            'data-focus': `mode-${scenario.id}`,
            class: 'mode-select',
          },
          scenario.modes.map((m) => h('option', { value: m }, MODE_NAMES[m])),
        )
      : null;
  const links = roles.map(({ role, best }) => roleLink(scenario.id, role, best?.stars ?? null, titleId));
  modeSelect?.addEventListener('change', () => {
    for (const link of links) {
      link.href = `#${practicePath(scenario.id, link.dataset.role as Role, modeSelect.value as ProtocolMode)}`;
    }
  });
  return h(
    'li',
    { class: 'card scenario-card', 'data-scenario': scenario.id, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, h('span', { class: 'scenario-number' }, `${scenario.number}.`), ' ', scenario.title),
    h('p', { class: 'misconception' }, h('span', { class: 'tag' }, scenario.misconception.replaceAll('-', ' '))),
    modeSelect ? h('label', { class: 'mode-choice' }, 'Protocol ', modeSelect) : null,
    h(
      'ul',
      { class: 'role-links', 'aria-label': 'Play as' },
      links.map((link) => h('li', {}, link)),
    ),
  );
}

function roleLink(scenarioId: string, role: Role, stars: number | null, titleId: string): HTMLAnchorElement {
  const stars_ = starText(stars ?? 0);
  const icon = h('span', { class: 'role-icon' });
  icon.innerHTML = roleIcon(role, 26);
  const label = `Play as ${ROLE_TITLE[role].name}`;
  return h(
    'a',
    {
      href: `#${practicePath(scenarioId, role)}`,
      class: `role-link role-${role}`,
      'data-role': role,
      'data-stars': stars ?? 0,
      'aria-describedby': titleId,
      'aria-label': `${label}: ${stars === null ? 'not played yet' : stars_.words}`,
    },
    icon,
    h(
      'span',
      { class: 'role-text' },
      h('span', { class: 'role-name' }, ROLE_TITLE[role].name),
      h('span', { class: `stars${stars === null ? ' unplayed' : ''}`, 'aria-hidden': 'true' }, stars_.glyphs),
    ),
  );
}

function resetControl(actions: CampaignActions): HTMLElement {
  if (!actions.confirmingReset)
    return h(
      'p',
      { class: 'reset' },
      h(
        'button',
        { type: 'button', class: 'quiet', 'data-focus': 'reset', onclick: () => actions.askReset() },
        'Reset progress…',
      ),
    );
  return h(
    'div',
    { class: 'reset confirm', role: 'alertdialog', 'aria-labelledby': 'reset-question' },
    h('p', { id: 'reset-question' }, 'Forget every result kept in this browser? This cannot be undone.'),
    h(
      'button',
      { type: 'button', class: 'danger', 'data-focus': 'reset-yes', onclick: () => actions.reset() },
      'Yes, reset my progress',
    ),
    ' ',
    h('button', { type: 'button', 'data-focus': 'reset-no', onclick: () => actions.cancelReset() }, 'Keep it'),
  );
}
