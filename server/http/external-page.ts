import { escapeHtml } from '../domain/feedback';
import { MAX_ANSWER_CHARS, MAX_ANSWER_PHOTOS } from '../domain/external-referrals';
import type { Municipality } from '../domain/feedback-values';
import { publicPage } from './public-layout';

/**
 * The external party's page (server-rendered HTML, no script): the report as the party may see it and the answer
 * form. What it shows is exactly `ExternalView`: nothing of the reporter (name, contact details, history), no
 * citizen token or code, no staff names, no photos.
 */
export interface ExternalView {
  party: string;
  number: string;
  category: string;
  address: string | null;
  description: string;
  lat: number;
  lng: number;
  question: string;
  expiresAt: string;
  answer: { text: string; at: string; photos: number } | null;
}

const STYLE = `dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap}
@media (max-width:30rem){dl{display:block}dd{margin:0 0 .5rem}}
.question{padding:.6rem .8rem;border-radius:6px;background:#fff4d6;white-space:pre-wrap}.answer{padding:.6rem .8rem;border-radius:6px;background:#e6f4ea;white-space:pre-wrap}
label{display:block;font-weight:600;margin-top:.6rem}textarea{min-height:7rem}button{margin-top:1rem}`;

function dateTime(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

export interface FormState {
  error?: string;
  /** What the party typed, kept when the answer was refused. */
  text?: string;
}

export function renderExternalPage(view: ExternalView, token: string, municipality: Municipality, form: FormState = {}, notice?: string): string {
  const facts = [
    ['Melding', view.number],
    ['Categorie', view.category],
    ['Adres', view.address ?? 'geen adres (zie locatie)'],
    ['Locatie', `${view.lat.toFixed(5)}, ${view.lng.toFixed(5)}`],
    ['Omschrijving', view.description],
  ]
    .map(([k, v]) => `<dt>${escapeHtml(k as string)}</dt><dd>${escapeHtml(v as string)}</dd>`)
    .join('');
  const answer = view.answer
    ? `<h2>Uw antwoord</h2><p class="muted">Ontvangen op ${escapeHtml(dateTime(view.answer.at))}${view.answer.photos > 0 ? `, met ${view.answer.photos} foto${view.answer.photos === 1 ? '' : '\u2019s'}` : ''}.</p>
<div class="answer" data-testid="external-answer">${escapeHtml(view.answer.text)}</div>
<p class="muted">U kunt maar één keer antwoorden. Wilt u iets toevoegen? Vraag de meldkamer om een nieuwe link.</p>`
    : `<form method="post" action="/extern/${escapeHtml(token)}" enctype="multipart/form-data" data-testid="external-form"><fieldset><legend>Wat heeft u gedaan?</legend>
${form.error ? `<p class="error" id="fout" role="alert" data-testid="external-error">${escapeHtml(form.error)}</p>` : ''}
<label for="antwoord">Uw antwoord aan de meldkamer</label><textarea id="antwoord" name="antwoord" required maxlength="${MAX_ANSWER_CHARS}" aria-describedby="${form.error ? 'fout ' : ''}eenmaal"${form.error ? ' aria-invalid="true"' : ''}>${escapeHtml(form.text ?? '')}</textarea>
<label for="foto">Foto's (niet verplicht, hoogstens ${MAX_ANSWER_PHOTOS}, JPEG of PNG)</label><input id="foto" name="foto" type="file" accept="image/jpeg,image/png" multiple>
<p class="muted" id="eenmaal">U kunt één keer antwoorden. De meldkamer leest uw antwoord en bericht de melder daarna zelf.</p>
<button type="submit">Antwoord versturen</button></fieldset></form>`;
  return publicPage({
    title: `Melding ${view.number}`,
    style: STYLE,
    municipality,
    body: `<h1>Verzoek van de meldkamer: melding ${escapeHtml(view.number)}</h1>
<p>Voor ${escapeHtml(view.party)}. Deze link werkt tot ${escapeHtml(dateTime(view.expiresAt))}.</p>
${notice ? `<p role="status" data-testid="external-notice">${escapeHtml(notice)}</p>` : ''}
<h2>Onze vraag</h2><div class="question" data-testid="external-question">${escapeHtml(view.question)}</div>
<h2>De melding</h2><dl data-testid="external-report">${facts}</dl>
${answer}`,
  });
}

/** An unknown, expired or revoked link, or a refused lookup: one sentence and nothing of the report. */
export function renderExternalMessage(municipality: Municipality, title: string, message: string): string {
  return publicPage({
    title,
    style: STYLE,
    municipality,
    body: `<h1>${escapeHtml(title)}</h1><p data-testid="external-message">${escapeHtml(message)}</p>
<p>Heeft u nog iets te melden over deze melding? Neem contact op met de meldkamer die u de link stuurde.</p>`,
  });
}
