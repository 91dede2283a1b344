/** How students get in: the code, the join link and its QR code (uqr's SVG), for the dashboard and the projector. @module */
import { renderSVG } from 'uqr';
import { fromMarkup, h } from '../app/dom.ts';

/** The link a student opens (or scans) to land on the home page with the code filled in. */
export function joinLink(code: string): string {
  return `${window.location.origin}/?code=${code}`;
}

/** The QR code of `link` as an image with a text alternative; dark on white for any projector. */
export function qrCode(link: string, size: string, what = 'the join link'): HTMLElement {
  const svg = fromMarkup(renderSVG(link, { ecc: 'M', pixelSize: 8, blackColor: '#1b1f24', whiteColor: '#ffffff' }));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `QR code of ${what} ${link}`);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return h('div', { class: 'qr', style: `width:${size};height:${size}` }, svg);
}

/** The code spaced in two groups of three, so it reads well from the back of a room. */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

export function joinInfoView(code: string, options: { large?: boolean } = {}): HTMLElement {
  const link = joinLink(code);
  return h(
    'section',
    { class: `join-info${options.large ? ' large' : ''}`, 'aria-labelledby': 'join-info-title' },
    h(
      'div',
      { class: 'join-text' },
      h('h2', { id: 'join-info-title' }, 'Join this class'),
      h(
        'p',
        { class: 'join-code-line' },
        h('span', { class: 'join-code-label' }, 'Code '),
        h('strong', { class: 'join-code', 'aria-label': code.split('').join(' ') }, spacedCode(code)),
      ),
      h('p', { class: 'join-link' }, 'or open ', h('a', { href: link, class: 'join-url' }, link)),
    ),
    qrCode(link, options.large ? '10em' : '8.5rem'),
  );
}
