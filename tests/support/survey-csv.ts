/** A resident survey of `rows` dated rows (Dutch dates and decimal commas, `;`), every id distinct. */
export function surveyCsv(rows: number, idPrefix = 'r'): { csv: string; mapping: { text: string; lat: string; lng: string; occurredAt: string; externalId: string } } {
  const lines = ['Nr;Opmerking;Breedte;Lengte;Datum'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`${idPrefix}${i};Afval naast de container, nummer ${i};52,0${700 + (i % 300)};4,2${900 + (i % 99)};${day}-10-2026 12:${minute}`);
  }
  return { csv: lines.join('\n'), mapping: { text: 'Opmerking', lat: 'Breedte', lng: 'Lengte', occurredAt: 'Datum', externalId: 'Nr' } };
}
