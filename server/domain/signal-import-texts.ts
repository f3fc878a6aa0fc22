// Apart from signal-import.ts so the renderer's catalogues can take these without the CSV parser.

/** Dutch texts of file, mapping and row errors, by code (see domain-text.ts). */
export const SIGNAL_IMPORT_TEXTS = {
  'import.file.invalid': 'Het bestand is geen geldige CSV: {reason}',
  'import.file.invalid_at_line': 'Het bestand is geen geldige CSV (regel {line}): {reason}',
  'import.file.quote_not_closed': 'een aanhalingsteken wordt niet gesloten',
  'import.file.invalid_closing_quote': 'na een afsluitend aanhalingsteken volgt geen scheidingsteken',
  'import.file.no_header': 'Het bestand bevat geen kopregel',
  'import.file.too_many_rows': 'Het bestand heeft {rows} rijen; importeer hoogstens {max} rijen per keer',
  'import.field.text': 'tekst',
  'import.field.lat': 'breedtegraad',
  'import.field.lng': 'lengtegraad',
  'import.field.occurredAt': 'datum',
  'import.field.place': 'plaats',
  'import.field.externalId': 'id',
  'import.mapping.column_missing': 'Kolom "{column}" voor {field} staat niet in de kopregel',
  'import.row.columns':
    'Deze rij heeft {cells} kolommen, de kopregel {header}; staat er een scheidingsteken in een veld zonder aanhalingstekens?',
  'import.row.text_missing': 'Tekst ontbreekt',
  'import.row.text_too_long': 'Tekst is te lang (hoogstens {max} tekens)',
  'import.row.coordinate.lat': 'Breedtegraad',
  'import.row.coordinate.lng': 'Lengtegraad',
  'import.row.coordinate_missing': '{coordinate} ontbreekt',
  'import.row.coordinate_not_number': '{coordinate} "{value}" is geen getal',
  'import.row.coordinate_out_of_range': '{coordinate} moet tussen -{limit} en {limit} liggen',
  'import.row.date_missing': 'Datum ontbreekt',
  'import.row.date_unknown': 'Onbekende datum "{value}"; gebruik JJJJ-MM-DD of DD-MM-JJJJ, eventueel met UU:MM',
  'import.row.date_future': 'Datum ligt in de toekomst',
  'import.row.place_too_long': 'Plaats is te lang (hoogstens {max} tekens)',
  'import.row.id_too_long': 'Id is te lang (hoogstens {max} tekens)',
  'import.row.id_duplicate': 'Id "{id}" staat ook in rij {row}',
} as const;
