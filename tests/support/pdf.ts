import { inflateSync } from 'node:zlib';

/** The text a PDF shows: its content streams inflated, the hex strings of the TJ/Tj operators decoded (pdfkit's WinAnsi). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  const stream = /stream\r?\n/g;
  for (let match = stream.exec(raw); match; match = stream.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const line of body.split('\n')) {
      if (!/T[Jj]$/.test(line.trim())) continue;
      for (const hex of line.match(/<([0-9a-fA-F]+)>/g) ?? []) text += Buffer.from(hex.slice(1, -1), 'hex').toString('latin1');
      text += '\n';
    }
    stream.lastIndex = end;
  }
  return text;
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}
