import { escapeHtml } from '../domain/feedback';
import type { Municipality } from '../domain/feedback-values';

/**
 * The frame of every public page the hub serves (status page, lookup, external party's page, accessibility
 * statement): `lang="nl"`, the municipality's header (its logo when configured, else its name as text) and a
 * footer with its contact details and the link to the accessibility statement. WCAG 2.1 AA rules kept here:
 * - text colours at least 4.5:1 on their background (#1d2329 / #4a545e / #8b1116 on white and the tinted boxes);
 * - a visible focus ring (3 px, offset) on every link, button and field; no outline is ever removed;
 * - nothing wider than the screen at 320 CSS px or 200 % zoom: sizes in rem, long words and links wrap,
 *   definition lists stack below 30rem, images shrink;
 * - one skip link to the main content, landmarks (header, main, footer).
 */

export const ACCESSIBILITY_PATH = '/toegankelijkheid';
export const LOGO_PATH = '/gemeente/logo';

const STYLE = `*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:0 1rem 2rem;color:#1d2329;background:#fff;line-height:1.5;overflow-wrap:anywhere}
h1{font-size:1.4rem}h2{font-size:1.2rem}a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.skip{position:absolute;left:-999rem}.skip:focus{position:static;display:inline-block;margin:.5rem 0;padding:.3rem .6rem;background:#fff}
.site{display:flex;align-items:center;flex-wrap:wrap;gap:.5rem 1rem;padding:1rem 0;border-bottom:1px solid #c9d1d9;margin-bottom:1rem}
.site a{display:inline-flex;align-items:center;gap:.6rem;color:#1d2329;font-weight:600;font-size:1.1rem;text-decoration:none}
.site img{max-height:3rem;max-width:100%;height:auto;width:auto}
footer{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #c9d1d9;font-size:.95rem}footer p{margin:.3rem 0}
input,textarea,button,select{font:inherit;max-width:100%}input[type=text],input:not([type]),textarea{width:100%;padding:.3rem;border:1px solid #5b6670;border-radius:4px}
input[type=radio]{width:auto}
button{padding:.4rem 1rem;margin:.25rem .5rem .25rem 0;border:1px solid #0b4f8a;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer}
fieldset{border:1px solid #c9d1d9;border-radius:6px;margin:1.5rem 0 0;min-width:0}
.error{color:#8b1116;font-weight:600}[aria-invalid=true]{border:2px solid #8b1116}
.muted,time{color:#4a545e;font-size:.95rem}
img{max-width:100%;height:auto}`;

export interface PublicPage {
  title: string;
  /** The page's own CSS, after the shared rules. */
  style?: string;
  body: string;
  municipality: Municipality;
}

function header(m: Municipality): string {
  const mark = m.logoFile ? `<img src="${LOGO_PATH}" alt="" data-testid="municipality-logo">` : '';
  return `<header class="site" data-testid="municipality-header"><a href="${escapeHtml(m.website)}">${mark}<span data-testid="municipality-name">${escapeHtml(m.name)}</span></a></header>`;
}

/** A `tel:` link's target: the number as written for citizens ("14 070"), digits and + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function footer(m: Municipality): string {
  return `<footer data-testid="public-footer"><p>${escapeHtml(m.name)}. Vragen? Bel <a href="${escapeHtml(telHref(m.phone))}">${escapeHtml(m.phone)}</a> of kijk op <a href="${escapeHtml(m.website)}">${escapeHtml(m.website.replace(/^https?:\/\//, ''))}</a>.</p>
<p><a href="${ACCESSIBILITY_PATH}" data-testid="accessibility-link">Toegankelijkheid</a></p></footer>`;
}

export function publicPage(p: PublicPage): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(p.title)}</title><style>${STYLE}${p.style ?? ''}</style></head><body><a class="skip" href="#inhoud">Naar de inhoud</a>${header(p.municipality)}<main id="inhoud">${p.body}</main>${footer(p.municipality)}</body></html>`;
}
