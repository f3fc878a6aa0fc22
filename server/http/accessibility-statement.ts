import { escapeHtml } from '../domain/feedback';
import type { Municipality } from '../domain/feedback-values';
import { publicPage, telHref } from './public-layout';

/**
 * The accessibility statement (toegankelijkheidsverklaring) for Meldkamer's public pages, in the order of the
 * government's model (digitoegankelijk.nl): who, which pages (scope), status and how it was checked, what is not
 * yet right, how to report a problem, contact, and the date. Served at /toegankelijkheid, linked from every public
 * page's footer. The municipality's own statement register may link here.
 */

/** When this statement was drawn up and its checks last run (the model asks for both). */
export const STATEMENT_DATE = '2026-11-30';

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(`${iso}T12:00:00Z`));

export function renderAccessibilityStatement(m: Municipality): string {
  const name = escapeHtml(m.name);
  const phone = escapeHtml(m.phone);
  const website = escapeHtml(m.website);
  return publicPage({
    title: `Toegankelijkheidsverklaring – ${m.name}`,
    municipality: m,
    body: `<h1>Toegankelijkheidsverklaring</h1>
<p>${name} wil dat iedereen haar websites en apps kan gebruiken, ook mensen met een beperking. Deze verklaring gaat over de openbare pagina's van de meldkamer handhaving.</p>
<h2>Om welke pagina's gaat het?</h2>
<ul data-testid="statement-scope"><li>de statuspagina van uw melding (de link in onze berichten), met de vragen die u daar kunt beantwoorden;</li>
<li>het formulier om de status op te zoeken met meldingnummer en code (<a href="/status">/status</a>);</li>
<li>de pagina waarop een externe partij een verzoek van de meldkamer beantwoordt;</li>
<li>de app voor de handhavers op straat (de veldapp).</li></ul>
<h2>Status</h2>
<p data-testid="statement-status">Deze pagina's voldoen volgens ons eigen onderzoek aan de eisen van WCAG 2.1 niveau AA (Besluit digitale toegankelijkheid overheid). Een onderzoek door een onafhankelijke partij is nog niet gedaan; tot dat is gebeurd, geldt de status <strong>voldoet gedeeltelijk</strong>.</p>
<h2>Hoe hebben we dit gecontroleerd?</h2>
<p>Bij elke wijziging testen we elke pagina en elke stand ervan automatisch (axe, regels van WCAG 2.0 en 2.1 niveau A en AA) in de browser. We testen ook of alles met alleen het toetsenbord werkt, met een zichtbare focus, en of de pagina's leesbaar blijven op een scherm van 320 pixels breed en bij 200 % vergroting. De donkere weergave van de veldapp testen we apart.</p>
<h2>Wat is nog niet goed?</h2>
<p>Foto's die u of een handhaver meestuurt, hebben geen beschrijving van wat erop staat; de tekst bij de melding beschrijft de situatie wel. Automatische tests vinden niet alle problemen: merkt u er een, laat het ons weten.</p>
<h2>Een probleem melden</h2>
<p>Kunt u iets niet gebruiken of lezen? Bel ons op <a href="${escapeHtml(telHref(m.phone))}">${phone}</a> of neem contact op via <a href="${website}">${website}</a>. Zeg om welke pagina het gaat en wat er misging. U krijgt binnen 5 werkdagen antwoord, en we helpen u op een andere manier verder als dat nodig is.</p>
<p>Bent u niet tevreden over hoe we uw melding hebben behandeld? Dan kunt u een klacht indienen bij ${name}, en daarna bij de Nationale ombudsman.</p>
<h2>Datum</h2>
<p data-testid="statement-date">Deze verklaring is opgesteld op <time datetime="${STATEMENT_DATE}">${escapeHtml(longDate(STATEMENT_DATE))}</time>.</p>`,
  });
}
