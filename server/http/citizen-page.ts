import { escapeHtml } from '../domain/feedback';
import type { CitizenView } from '../domain/citizen-view';
import { FOCUS_AREA_LABEL } from '../domain/focus-explanation';
import { formatLongDate } from '../domain/feedback';
import { reasonsFor } from '../domain/satisfaction';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2329;line-height:1.5}
h1{font-size:1.4rem}.status{font-size:1.2rem;font-weight:600;padding:.6rem .8rem;border-radius:6px;background:#e8f0f8}
.status.closed{background:#e6f4ea}.status.scheduled{background:#fff4d6}ol{padding-left:1.2rem}li{margin:.8rem 0}
time{color:#56606b;font-size:.9rem}fieldset{border:1px solid #c9d1d9;border-radius:6px;margin-top:1.5rem}
textarea{width:100%;min-height:5rem}fieldset fieldset{border:0;padding:0;margin:.8rem 0}label.choice{display:block;margin:.2rem 0}.question{background:#fff4d6;padding:.6rem .8rem;border-radius:6px}button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}.error{color:#a4161a}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
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

export function renderStatusPage(view: CitizenView, token: string, notice?: string): string {
  const steps = view.steps
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s.title)}</strong> <time datetime="${escapeHtml(s.at)}">${escapeHtml(formatDateTime(s.at))}</time>${s.lines
          .map((l) => `<div>${escapeHtml(l)}</div>`)
          .join('')}</li>`,
    )
    .join('');
  const reasonChoices = (satisfied: boolean) =>
    reasonsFor(satisfied)
      .map((r) => `<label class="choice"><input type="radio" name="reden" value="${escapeHtml(r.code)}"> ${escapeHtml(r.nl)}</label>`)
      .join('');
  const question = view.askSatisfaction
    ? `<form method="post" action="/status/${escapeHtml(token)}/antwoord" data-testid="satisfaction-form"><fieldset><legend>Is uw melding naar tevredenheid opgelost?</legend>
<fieldset><legend>Wat ging goed? (bij ja, niet verplicht)</legend>${reasonChoices(true)}</fieldset>
<fieldset><legend>Wat ging er mis? (bij nee, niet verplicht)</legend>${reasonChoices(false)}</fieldset>
<label for="toelichting">Toelichting (niet verplicht)</label><textarea id="toelichting" name="toelichting" maxlength="2000"></textarea>
<p><button name="tevreden" value="ja" type="submit">Ja</button><button name="tevreden" value="nee" type="submit">Nee</button></p>
<p>Kiest u "Nee" met "Het probleem is niet opgelost" (of zonder reden), dan bekijkt een medewerker of we uw melding opnieuw oppakken.</p></fieldset></form>`
    : '';
  const ask = view.question
    ? `<section class="question" data-testid="citizen-question"><h2>We hebben een vraag aan u</h2><p>${escapeHtml(view.question.text)}</p>
<form method="post" action="/status/${escapeHtml(token)}/vraag" enctype="multipart/form-data" data-testid="question-form">
<p><label for="antwoord">Uw antwoord</label><textarea id="antwoord" name="antwoord" required maxlength="2000"></textarea></p>
<p><label for="foto">Foto (niet verplicht, JPEG of PNG)</label> <input type="file" id="foto" name="foto" accept="image/jpeg,image/png"></p>
<p><button type="submit">Antwoord versturen</button></p>
<p>Graag vóór ${escapeHtml(formatDateTime(view.question.dueAt))}.</p></form></section>`
    : '';
  const reopen = view.reopenReplyBy
    ? `<p data-testid="citizen-next">Een medewerker bekijkt uw reactie. U hoort uiterlijk ${escapeHtml(formatLongDate(view.reopenReplyBy, 'nl'))} of we uw melding opnieuw oppakken.</p>`
    : '';
  return page(
    `Melding ${view.number}`,
    `<h1>Uw melding ${escapeHtml(view.number)}</h1>
<p>${escapeHtml(view.category)}${view.address ? ` · ${escapeHtml(view.address)}` : ''}</p>
<p class="status ${view.state}" data-testid="citizen-status" data-state="${view.state}">${escapeHtml(view.headline)}</p>
${notice ? `<p data-testid="citizen-notice" role="status">${escapeHtml(notice)}</p>` : ''}${reopen}${ask}
${view.focusAreaText ? `<p data-testid="citizen-focus-area">${escapeHtml(FOCUS_AREA_LABEL.nl)}: ${escapeHtml(view.focusAreaText)}</p>` : ''}
<h2>Wat er met uw melding is gebeurd</h2><ol data-testid="citizen-timeline">${steps}</ol>${fixPhoto(view, token)}${question}`,
  );
}

export function renderLookupPage(error?: string): string {
  return page(
    'Status van uw melding',
    `<h1>Status van uw melding</h1><p>Vul het meldingnummer en de code in die u bij het melden kreeg.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="get" action="/status"><p><label>Meldingnummer <input name="nummer" required maxlength="20" placeholder="M-000123"></label></p>
<p><label>Code <input name="code" required maxlength="10" autocomplete="off"></label></p><button type="submit">Bekijk status</button></form>`,
  );
}
