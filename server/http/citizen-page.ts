import { escapeHtml } from '../domain/feedback';
import type { CitizenView } from '../domain/citizen-view';
import { FOCUS_AREA_LABEL } from '../domain/focus-explanation';
import { formatLongDate } from '../domain/feedback';
import type { Municipality } from '../domain/feedback-values';
import { reasonsFor } from '../domain/satisfaction';
import { publicPage } from './public-layout';

const STYLE = `.status{font-size:1.2rem;font-weight:600;padding:.6rem .8rem;border-radius:6px;background:#e8f0f8}
.status.closed{background:#e6f4ea}.status.scheduled{background:#fff4d6}ol{padding-left:1.2rem}li{margin:.8rem 0}
textarea{min-height:5rem}fieldset fieldset{border:0;padding:0;margin:.8rem 0}label.choice{display:flex;gap:.5rem;align-items:baseline;margin:.3rem 0}
.answers{display:flex;flex-wrap:wrap;gap:.5rem}.question{background:#fff4d6;padding:.6rem .8rem;border-radius:6px}label{font-weight:600}label.choice{font-weight:400}`;

/** Which form an error belongs to: it is shown in that form and tied to its fields (aria-describedby). */
export type StatusPageError = 'question' | 'satisfaction';

const ERROR_ID = 'fout';

function errorLine(message: string): string {
  return `<p class="error" id="${ERROR_ID}" role="alert" data-testid="citizen-error">${escapeHtml(message)}</p>`;
}

function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

/** The photo of the fix the desk approved (blurred and cropped; never the original), from the report's own status URL. */
function fixPhoto(view: CitizenView, token: string): string {
  if (!view.fixPhoto) return '';
  const { width, height } = view.fixPhoto;
  return `<figure data-testid="citizen-fix-photo" style="margin:1.5rem 0"><img src="/status/${escapeHtml(token)}/foto" alt="Foto na afhandeling" width="${width}" height="${height}" style="max-width:100%;height:auto;border-radius:6px"><figcaption>Foto na afhandeling</figcaption></figure>`;
}

export interface StatusPageOptions {
  /** The citizen's first answer to the satisfaction question: its reasons are asked next. */
  answer?: SatisfactionAnswer | undefined;
}

export type SatisfactionAnswer = 'ja' | 'nee';

/** The reasons' field of an answer: a group of its own per answer (one radio group, one "Anders"). */
export const reasonField = (answer: SatisfactionAnswer) => `reden_${answer}` as const;

/**
 * The satisfaction question in two steps, without script: first Ja or Nee (a GET back to the page with
 * ?tevreden=…), then only that answer's reasons, the comment and the send button; "Ander antwoord" goes back.
 * Both forms send to #tevredenheid: the next page opens at the form (its reasons, or the error of a refused answer),
 * not at the top, where at 320 px they are out of sight and the keyboard starts over at the skip link.
 */
function satisfactionForm(token: string, answer: SatisfactionAnswer | undefined, error: string, invalid: string): string {
  const page = `/status/${escapeHtml(token)}`;
  if (!answer) {
    return `<form method="get" action="${page}#tevredenheid" id="tevredenheid" data-testid="satisfaction-form"><fieldset><legend>Is uw melding naar tevredenheid opgelost?</legend>${error}
<p class="answers"><button name="tevreden" value="ja" type="submit" id="tevreden">Ja</button> <button name="tevreden" value="nee" type="submit" id="niet-tevreden">Nee</button></p>
<p>Daarna kunt u nog een reden kiezen en iets toelichten.</p></fieldset></form>`;
  }
  const satisfied = answer === 'ja';
  const choices = reasonsFor(satisfied)
    .map((r) => `<label class="choice"><input type="radio" name="${reasonField(answer)}" value="${escapeHtml(r.code)}"> <span>${escapeHtml(r.nl)}</span></label>`)
    .join('');
  const next = satisfied
    ? ''
    : '<p>Kiest u ‘Het probleem is niet opgelost’ (of geen reden), dan bekijkt een medewerker of we uw melding opnieuw oppakken.</p>';
  return `<form method="post" action="${page}/antwoord#tevredenheid" id="tevredenheid" data-testid="satisfaction-form" data-answer="${answer}"><input type="hidden" name="tevreden" value="${answer}">
<p>Is uw melding naar tevredenheid opgelost? Uw antwoord: <strong>${satisfied ? 'Ja' : 'Nee'}</strong>. <a href="${page}#tevredenheid">Ander antwoord kiezen</a></p>${error}
<fieldset><legend>${satisfied ? 'Wat ging goed?' : 'Wat ging er mis?'} (niet verplicht)</legend>${choices}</fieldset>
<label for="toelichting">Toelichting (niet verplicht)</label><textarea id="toelichting" name="toelichting" maxlength="2000"${invalid}></textarea>
${next}<p><button type="submit" id="versturen">Antwoord versturen</button></p></form>`;
}

/**
 * The line under the page's heading: what was reported, in the citizen's words, and where. Not "Over <phrase>":
 * a phrase that opens with the same sound reads doubled ("Over overlast").
 */
export function citizenSubjectLine(categoryPhrase: string, address: string | null, locale: 'nl' | 'en'): string {
  const label = locale === 'nl' ? 'Wat u meldde' : 'What you reported';
  return `${label}: ${categoryPhrase}${address ? ` · ${address}` : ''}`;
}

/**
 * The citizen's status page. `notice` is a thank-you or a refusal; with `errorIn` it is an error shown in that form,
 * its fields marked invalid and described by it.
 */
export function renderStatusPage(
  view: CitizenView,
  token: string,
  municipality: Municipality,
  notice?: string,
  errorIn?: StatusPageError,
  options: StatusPageOptions = {},
): string {
  const error = (form: StatusPageError) => (notice && errorIn === form ? errorLine(notice) : '');
  const invalid = (form: StatusPageError) => (notice && errorIn === form ? ` aria-invalid="true" aria-describedby="${ERROR_ID}"` : '');
  const steps = view.steps
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s.title)}</strong> <time datetime="${escapeHtml(s.at)}">${escapeHtml(formatDateTime(s.at))}</time>${s.lines
          .map((l) => `<div>${escapeHtml(l)}</div>`)
          .join('')}</li>`,
    )
    .join('');
  // Not asked (a referral) but answered anyway, from a page of before: the refusal still shows.
  const question = view.askSatisfaction ? satisfactionForm(token, options.answer, error('satisfaction'), invalid('satisfaction')) : error('satisfaction');
  const ask = view.question
    ? `<section class="question" data-testid="citizen-question"><h2>We hebben een vraag aan u</h2><p>${escapeHtml(view.question.text)}</p>
<form method="post" action="/status/${escapeHtml(token)}/vraag" enctype="multipart/form-data" data-testid="question-form">${error('question')}
<p><label for="antwoord">Uw antwoord</label><textarea id="antwoord" name="antwoord" required maxlength="2000" aria-describedby="${notice && errorIn === 'question' ? `${ERROR_ID} ` : ''}antwoord-voor"${notice && errorIn === 'question' ? ' aria-invalid="true"' : ''}></textarea></p>
<p id="antwoord-voor">Graag vóór ${escapeHtml(formatDateTime(view.question.dueAt))}.</p>
<p><label for="foto">Foto (niet verplicht, JPEG of PNG, hoogstens 5 MB)</label> <input type="file" id="foto" name="foto" accept="image/jpeg,image/png"${invalid('question')}></p>
<p><button type="submit">Antwoord versturen</button></p></form></section>`
    : '';
  const reopen = view.reopenReplyBy
    ? `<p data-testid="citizen-next">Een medewerker bekijkt uw reactie. U hoort uiterlijk ${escapeHtml(formatLongDate(view.reopenReplyBy, 'nl'))} of we uw melding opnieuw oppakken.</p>`
    : '';
  return publicPage({
    title: `Melding ${view.number}`,
    style: STYLE,
    municipality,
    body: `<h1>Uw melding ${escapeHtml(view.number)}</h1>
<p data-testid="citizen-subject">${escapeHtml(citizenSubjectLine(view.category, view.address, 'nl'))}</p>
<p class="status ${view.state}" data-testid="citizen-status" data-state="${view.state}">${escapeHtml(view.headline)}</p>
${notice && !errorIn ? `<p data-testid="citizen-notice" role="status">${escapeHtml(notice)}</p>` : ''}${reopen}${ask}
${view.focusAreaText ? `<p data-testid="citizen-focus-area">${escapeHtml(FOCUS_AREA_LABEL.nl)}: ${escapeHtml(view.focusAreaText)}</p>` : ''}
<h2>Wat er met uw melding is gebeurd</h2><ol data-testid="citizen-timeline">${steps}</ol>${fixPhoto(view, token)}${question}`,
  });
}

/** The lookup by number and code; an error (not found, refused) is tied to both fields, the number keeps what was typed. */
export function renderLookupPage(municipality: Municipality, error?: string, typedNumber?: string): string {
  const described = error ? ` aria-invalid="true" aria-describedby="${ERROR_ID} nummer-uitleg"` : ' aria-describedby="nummer-uitleg"';
  return publicPage({
    title: error ? 'Fout: status van uw melding' : 'Status van uw melding',
    style: STYLE,
    municipality,
    body: `<h1>Status van uw melding</h1><p id="nummer-uitleg">Vul het meldingnummer en de code in die u bij het melden kreeg, bijvoorbeeld M-000123.</p>
${error ? errorLine(error) : ''}
<form method="get" action="/status" data-testid="status-lookup"><p><label for="nummer">Meldingnummer</label><input id="nummer" name="nummer" required maxlength="20" autocomplete="off" value="${escapeHtml(typedNumber ?? '')}"${described}></p>
<p><label for="code">Code</label><input id="code" name="code" required maxlength="10" autocomplete="off"${error ? ` aria-invalid="true" aria-describedby="${ERROR_ID}"` : ''}></p><button type="submit">Bekijk status</button></form>`,
  });
}
