// Apart from run-cards.ts so the renderer's catalogues can take these without the geometry library.

/** Dutch texts of run cards, extra units and automatic offers, by code (see domain-text.ts). */
export const DISPATCH_TEXTS = {
  'runcard.need': '{needed} {kind} nodig, {available} beschikbaar binnen {distance}',
  'runcard.need.none_available': '{needed} {kind} nodig, geen beschikbaar',
  'runcard.filled': '{accepted} van {needed} {kind} geaccepteerd',
  'runcard.kind.one': 'eenheid',
  'runcard.kind.many': 'eenheden',
  'runcard.kind.boa_domein_1.one': 'BOA-eenheid',
  'runcard.kind.boa_domein_1.many': 'BOA-eenheden',
  'runcard.kind.toezicht_parkeren.one': 'parkeertoezichthouder',
  'runcard.kind.toezicht_parkeren.many': 'parkeertoezichthouders',
  'runcard.kind.toezicht_afval_fietsen.one': 'toezichthouder afval en fietsen',
  'runcard.kind.toezicht_afval_fietsen.many': 'toezichthouders afval en fietsen',
  'dispatch.refusal.already_has_unit':
    'Melding {number} heeft al een eenheid ({units}). Bied alleen bewust een extra eenheid aan ("Extra eenheid").',
  'dispatch.refusal.run_card_not_found': 'Dit inzetvoorstel bestaat niet (meer).',
  'alert.auto_dispatched': 'Automatisch aangeboden aan {units} ({reason})',
  'alert.auto_dispatched.no_desk': 'geen meldkamer bezet',
  'alert.auto_dispatched.waited': 'wacht langer dan {minutes} min',
} as const;
