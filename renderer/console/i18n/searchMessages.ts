/** Texts for finding any report (the search field in the console header). */

export const searchNl = {
  'search.label': 'Melding zoeken',
  'search.placeholder': 'Zoek melding: nummer, adres of woorden (Ctrl+K)',
  'search.shortcut': 'Ctrl+K: zoeken op nummer, adres of woorden, ook gesloten meldingen',
  'search.loading': 'Zoeken…',
  'search.none': 'Geen meldingen gevonden.',
  'search.error': 'Zoeken mislukt: {message}',
  'search.match.number': 'nummer',
  'search.match.address': 'adres',
  'search.match.words': 'woorden',
};

export const searchEn: Record<keyof typeof searchNl, string> = {
  'search.label': 'Find report',
  'search.placeholder': 'Find report: number, address or words (Ctrl+K)',
  'search.shortcut': 'Ctrl+K: find by number, address or words, closed reports too',
  'search.loading': 'Searching…',
  'search.none': 'No reports found.',
  'search.error': 'Search failed: {message}',
  'search.match.number': 'number',
  'search.match.address': 'address',
  'search.match.words': 'words',
};
