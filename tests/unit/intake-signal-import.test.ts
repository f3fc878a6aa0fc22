import { describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  checkMapping,
  detectDelimiter,
  mapRows,
  parseCoordinate,
  parseSignalDate,
  readCsv,
} from '../../server/domain/signal-import';

const NOW = new Date('2026-05-20T10:00:00Z');
const MAPPING = { text: 'Opmerking', lat: 'Breedte', lng: 'Lengte', occurredAt: 'Datum', place: 'Wijk' };

describe('CSV import: reading', () => {
  it('reads a ;-separated file with decimal commas, quoted fields with ; and "" and a line break, and a BOM', () => {
    const csv = [
      '\ufeffOpmerking;Breedte;Lengte;Datum;Wijk',
      '"Veel afval; ook glas";52,0705;4,3010;14-05-2026 21:30;Schilderswijk',
      '"Hij zei ""ruim het op""";52.0643;4.2955;2026-05-13;Transvaal',
      '"Twee',
      'regels";52.07;4.30;2026-05-12T08:00:00Z;',
    ].join('\r\n');
    const table = readCsv(csv);
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Opmerking', 'Breedte', 'Lengte', 'Datum', 'Wijk']);
    const { valid, rejected } = mapRows(table, MAPPING, { now: NOW });
    expect(rejected).toEqual([]);
    expect(valid.map((r) => r.text)).toEqual(['Veel afval; ook glas', 'Hij zei "ruim het op"', 'Twee\nregels']);
    expect(valid[0]).toMatchObject({ row: 1, lat: 52.0705, lng: 4.301, place: 'Schilderswijk', occurredAt: '2026-05-14T19:30:00.000Z' });
    // A date without a time is midnight in Dutch local time (CEST, UTC+2, in May).
    expect(valid[1]?.occurredAt).toBe('2026-05-12T22:00:00.000Z');
    expect(valid[2]).toMatchObject({ row: 3, line: 5, place: null, occurredAt: '2026-05-12T08:00:00.000Z' });
  });

  it('reads a ,-separated file with quoted commas', () => {
    const csv = 'Opmerking,Breedte,Lengte,Datum,Wijk\n"Fietsen, veel fietsen",52.08,4.31,2026-01-15 12:00,Centrum\n';
    const table = readCsv(csv);
    expect(table.delimiter).toBe(',');
    const { valid } = mapRows(table, MAPPING, { now: NOW });
    // January: CET, UTC+1.
    expect(valid).toEqual([
      { row: 1, line: 2, text: 'Fietsen, veel fietsen', lat: 52.08, lng: 4.31, occurredAt: '2026-01-15T11:00:00.000Z', place: 'Centrum', externalId: null },
    ]);
  });

  it('detects the delimiter from the header row', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n"x;y",2,3')).toBe(',');
    expect(detectDelimiter('tekst\nhallo')).toBe(',');
  });

  it('refuses a file that is not CSV as a whole, with the line', () => {
    expect(() => readCsv('a,b\n"niet gesloten,1\n')).toThrow(CsvFormatError);
    expect(() => readCsv('a,b\n"niet gesloten,1\n')).toThrow(/regel 2/);
    expect(() => readCsv('\n\n')).toThrow(/kopregel/);
  });

  it('names mapped columns that are not in the header', () => {
    expect(checkMapping(['Opmerking', 'Breedte', 'Lengte'], { text: 'Opmerking', lat: 'Breedte', lng: 'Lon', place: 'Wijk' })).toEqual({
      'mapping.lng': 'Kolom "Lon" voor lengtegraad staat niet in de kopregel',
      'mapping.place': 'Kolom "Wijk" voor plaats staat niet in de kopregel',
    });
  });
});

describe('CSV import: row validation', () => {
  const header = 'Opmerking;Breedte;Lengte;Datum;Wijk';

  it('reports every bad row with its data-row number and Dutch messages per field, and keeps the good rows', () => {
    const csv = [
      header,
      'Goed;52.07;4.30;2026-05-01;',
      ';52.07;4.30;2026-05-01;',
      'Breedte kapot;abc;4.30;2026-05-01;',
      'Buiten bereik;91;181;2026-05-01;',
      'Datum kapot;52.07;4.30;31-02-2026;',
      'Toekomst;52.07;4.30;2027-01-01;',
      'Te veel kolommen;52.07;4.30;2026-05-01;X;extra',
      'Ook goed;52,1;4,2;01/05/2026 09:15;Centrum',
    ].join('\n');
    const { valid, rejected } = mapRows(readCsv(csv), MAPPING, { now: NOW });
    expect(valid.map((r) => r.row)).toEqual([1, 8]);
    expect(valid[1]).toMatchObject({ lat: 52.1, lng: 4.2, occurredAt: '2026-05-01T07:15:00.000Z' });
    expect(rejected.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    const errors = Object.fromEntries(rejected.map((r) => [r.row, r.errors]));
    expect(errors[2]).toEqual({ text: 'Tekst ontbreekt' });
    expect(errors[3]).toEqual({ lat: 'Breedtegraad "abc" is geen getal' });
    expect(errors[4]).toEqual({ lat: 'Breedtegraad moet tussen -90 en 90 liggen', lng: 'Lengtegraad moet tussen -180 en 180 liggen' });
    expect(errors[5]?.occurredAt).toMatch(/^Onbekende datum "31-02-2026"/);
    expect(errors[6]).toEqual({ occurredAt: 'Datum ligt in de toekomst' });
    expect(errors[7]?.columns).toMatch(/6 kolommen, de kopregel 5/);
  });

  it('uses the import time without a date column, and flags an id that occurs twice in the file', () => {
    const csv = 'id,tekst,lat,lng\nA1,Een,52.07,4.30\nA2,Twee,52.07,4.30\nA1,Drie,52.07,4.30\n';
    const { valid, rejected } = mapRows(readCsv(csv), { text: 'tekst', lat: 'lat', lng: 'lng', externalId: 'id' }, { now: NOW });
    expect(valid.map((r) => [r.externalId, r.occurredAt])).toEqual([
      ['A1', NOW.toISOString()],
      ['A2', NOW.toISOString()],
    ]);
    expect(rejected).toEqual([
      {
        row: 3,
        line: 4,
        errors: { externalId: 'Id "A1" staat ook in rij 1' },
        errorTexts: {
          externalId: { code: 'import.row.id_duplicate', params: { id: 'A1', row: 1 }, message: 'Id "A1" staat ook in rij 1' },
        },
      },
    ]);
  });

  it('parses coordinates with a decimal point or comma only', () => {
    expect(parseCoordinate('52.0799')).toBe(52.0799);
    expect(parseCoordinate('52,0799')).toBe(52.0799);
    expect(parseCoordinate('-4,5')).toBe(-4.5);
    expect(parseCoordinate('52,079,9')).toBeUndefined();
    expect(parseCoordinate('1e3')).toBeUndefined();
    expect(parseCoordinate('')).toBeUndefined();
  });

  it('parses dates: ISO with a zone as is, local times in Europe/Amsterdam across DST', () => {
    expect(parseSignalDate('2026-03-01T12:00:00+01:00')?.toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(parseSignalDate('2026-07-01 12:00')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(parseSignalDate('1-12-2026')?.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(parseSignalDate('2026-13-01')).toBeUndefined();
    expect(parseSignalDate('gisteren')).toBeUndefined();
  });
});
