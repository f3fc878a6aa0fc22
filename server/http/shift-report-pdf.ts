import { figureDurationDutch } from '../domain/figure-duration';
import { reportStatusText } from '../domain/lifecycle';
import type { ShiftReport, ShiftReportEvent } from '../protocol/shift-report';

/**
 * The shift report as a one-page A4 PDF (pdfkit, its built-in Helvetica: Dutch accents are in its encoding).
 * One page whatever the content: the lists are already cut by the domain (12 open reports, 20 events), and every
 * block is written only while it fits above the footer; the notes are clipped with an ellipsis to the room left.
 */

const SHIFT_LABEL = { vroeg: 'Vroege dienst', laat: 'Late dienst', nacht: 'Nachtdienst' } as const;

export const EVENT_LABEL: Record<ShiftReportEvent['kind'], string> = {
  emergency_started: 'Noodgeval',
  emergency_ended: 'Noodgeval beëindigd',
  priority_traffic_declared: 'Spoedmelding',
  priority_traffic_lifted: 'Spoedmelding opgeheven',
  check_in_missed: 'Controlevraag onbeantwoord',
  check_in_escalated: 'Controlevraag opgeschaald',
  auto_dispatched: 'Automatisch uitgegeven',
  reopen_requested: 'Heropening gevraagd',
};

const PRIORITY_LABEL = { low: 'laag', normal: 'normaal', high: 'hoog', urgent: 'spoed' } as const;

const MARGIN = 40;
const FOOTER = 30;

function time(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function dateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function longDate(date: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** Renders the report; `categories` names the category codes (Dutch), `timeZone` the control room's. */
export async function shiftReportPdf(report: ShiftReport, categories: ReadonlyMap<string, string>, timeZone: string): Promise<Buffer> {
  // Loaded on the first print, not at start-up: pdfkit (with exceljs) was ~35 MB of a hub's resident memory that most
  // hubs never use (docs/BENCHMARKS.md, "Hub memory").
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: `Dienstrapport ${report.date} ${SHIFT_LABEL[report.shift]}`, Author: report.municipality, Subject: 'Overdracht' },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;
  const fits = (lines = 1) => doc.y + lines * 12 <= bottom;

  doc.font('Helvetica').fontSize(9).fillColor('#444').text(report.municipality, { width });
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#000').text(`Dienstrapport: ${SHIFT_LABEL[report.shift]} ${longDate(report.date)}`, { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text(
      `${dateTime(report.startsAt, timeZone)} tot ${dateTime(report.endsAt, timeZone)}; cijfers tot ${dateTime(report.asOf, timeZone)}. ` +
        `Geschreven door ${report.writtenByName}, opgeslagen ${dateTime(report.savedAt, timeZone)}.`,
      { width },
    );
  doc.moveDown(0.6);

  const heading = (text: string) => {
    if (!fits(2)) return false;
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).fillColor('#000').text(text, { width });
    doc.font('Helvetica').fontSize(9);
    return true;
  };

  heading('Cijfers van de dienst');
  const f = report.figures;
  const figures: [string, number][] = [
    ['Binnengekomen', f.received],
    ['Afgesloten', f.closed],
    ['Ingepland', f.scheduled],
    ['Open', f.open],
    ['Over termijn', f.overdue],
    ['Noodgevallen', f.emergencies],
    ['Spoedmeldingen', f.priorityTraffic],
    ['Escalaties', f.escalations],
  ];
  const cell = width / 4;
  const top = doc.y;
  figures.forEach(([label, value], i) => {
    const x = MARGIN + (i % 4) * cell;
    const y = top + Math.floor(i / 4) * 28;
    doc.font('Helvetica-Bold').fontSize(14).text(String(value), x, y, { width: cell - 6, lineBreak: false });
    doc.font('Helvetica').fontSize(8).fillColor('#444').text(label, x, y + 16, { width: cell - 6, lineBreak: false });
    doc.fillColor('#000');
  });
  doc.x = MARGIN;
  doc.y = top + 60;
  if (report.kpis) {
    const k = report.kpis.total;
    const pct = (share: number | null) => (share === null ? '-' : `${Math.round(share * 100)}%`);
    // As the screens write a figure's duration: never "0 min", hours and days above an hour.
    const minutes = (ms: number | null) => (ms === null ? '-' : figureDurationDutch(ms));
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        `Wachttijd (mediaan) ${minutes(k.queue.medianMs)}; tot afsluiten (mediaan) ${minutes(k.close.medianMs)}; ` +
          `binnen termijn ${pct(k.withinTermShare)} (doel ${pct(report.kpis.targets.withinTerm)}); ` +
          `tevreden ${pct(k.satisfiedShare)} (doel ${pct(report.kpis.targets.satisfied)}), respons ${pct(k.responseRate)}.`,
        MARGIN,
        doc.y,
        { width },
      );
  }

  if (heading(`Bijzonderheden (${report.notableTotal})`)) {
    if (report.notable.length === 0) doc.text('Geen noodgevallen, spoedmeldingen of escalaties.', MARGIN, doc.y, { width });
    for (const e of report.notable) {
      if (!fits()) break;
      const number = e.reportNumber !== null ? ` (melding ${e.reportNumber})` : '';
      const detail = e.detail ? `: ${e.detail}` : '';
      doc.text(`${time(e.at, timeZone)}  ${EVENT_LABEL[e.kind]}, ${e.subject}${number}${detail}`, MARGIN, doc.y, { width, height: 24, ellipsis: true });
    }
    if (report.notableTotal > report.notable.length && fits()) {
      doc.fillColor('#444').text(`en ${report.notableTotal - report.notable.length} meer (zie de console)`, { width }).fillColor('#000');
    }
  }

  if (heading(`Open meldingen (${f.open}, waarvan ${f.overdue} over termijn)`)) {
    const perStatus = report.openByStatus.map((s) => `${reportStatusText(s.status).message}: ${s.count}`).join('   ');
    if (perStatus) doc.text(perStatus, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    for (const r of report.openList) {
      if (!fits()) break;
      const deadline = r.slaDeadline ? `termijn ${dateTime(r.slaDeadline, timeZone)}` : r.followUpDate ? `vervolg ${r.followUpDate}` : '';
      const line = [
        `${r.number}`,
        categories.get(r.category) ?? r.category,
        r.address ?? '',
        reportStatusText(r.status).message,
        PRIORITY_LABEL[r.priority],
        r.overdue ? `OVER TERMIJN (${deadline})` : deadline,
      ]
        .filter(Boolean)
        .join('  |  ');
      doc.font(r.overdue ? 'Helvetica-Bold' : 'Helvetica').text(line, MARGIN, doc.y, { width, height: 12, ellipsis: true, lineBreak: false });
      doc.moveDown(0.15);
    }
    doc.font('Helvetica');
  }

  if (heading('Overdracht van de chef van dienst')) {
    const room = Math.max(0, bottom - doc.y);
    if (room > 12) doc.text(report.notes || '(geen toelichting)', MARGIN, doc.y, { width, height: room, ellipsis: true });
  }

  doc
    .fontSize(7)
    .fillColor('#666')
    .text(`${report.municipality}, meldkamer handhaving. Dienstrapport ${report.date} ${report.shift}. Bevat geen contactgegevens van melders.`, MARGIN, doc.page.height - MARGIN - 10, {
      width,
      lineBreak: false,
    });
  doc.end();
  return done;
}
