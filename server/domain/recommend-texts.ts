// Apart from recommend.ts so the renderer's catalogues can take these without the geometry library.

/** Dutch texts of the reasons shown with a recommendation, by code (see domain-text.ts). */
export const RECOMMEND_TEXTS = {
  'recommend.reason.position_age': 'positie {age} oud',
  'recommend.reason.position_unreadable': 'positie onleesbaar',
  'recommend.reason.no_position': 'geen positie',
  'recommend.reason.tasked_here': 'ingedeeld in dit gebied',
  'recommend.reason.one_assignment': '1 lopende opdracht',
  'recommend.reason.assignments': '{count} lopende opdrachten',
  'recommend.age.minutes': '{minutes} min',
  'recommend.age.hours': '{hours} uur',
  'recommend.age.one_day': '1 dag',
  'recommend.age.days': '{days} dagen',
} as const;
