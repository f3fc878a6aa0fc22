import { textMaker } from './domain-text';

/**
 * Dutch texts of the hub's refusals that are not a domain rule's own (those come with their rule):
 * access, things that do not exist (any more), states a command cannot act in, hub failures.
 * Commands and routes throw them as `CommandError(kind, commandText(code, params))`.
 */
export const COMMAND_TEXTS = {
  // access (http/access, run-command, the sockets)
  'command.access.no_route_access': 'Geen toegang',
  'command.access.signed_out': 'Niet ingelogd of sessie verlopen',
  'command.access.not_signed_in': 'Niet ingelogd',
  'command.access.role_not_allowed': 'Uw rol mag dit niet',
  'command.access.bad_credentials': 'Onbekende gebruikersnaam of verkeerd wachtwoord',
  'command.access.field_unit_only': 'Alleen een veldeenheid kan dit',
  'command.access.no_unit_control': 'Beheerders sturen geen eenheden aan',
  'command.access.not_assigned': 'Deze melding is niet aan uw eenheid toegewezen',
  'command.access.webhook_key': 'Ontbrekende of ongeldige webhooksleutel',

  // reports (intake, lifecycle, merge, the citizen's answer)
  'command.report.not_found': 'Melding niet gevonden',
  'command.report.original_not_found': 'De oorspronkelijke melding bestaat niet',
  'command.report.unknown': 'Onbekende melding',
  'command.report.changed': 'De melding is intussen gewijzigd; bekijk de nieuwe stand en probeer het opnieuw.',
  'command.report.closed_take_new': 'Melding {number} is al afgesloten; neem het gesprek aan als nieuwe melding.',
  'command.report.already_following': 'Deze melder volgt deze melding al.',
  'command.report.merge_itself': 'Een melding kan niet met zichzelf worden samengevoegd.',
  'command.report.merge_closed': 'Melding {number} is al afgesloten; voeg alleen samen met een open melding.',
  'command.report.merge_status': 'Een melding met status "{status}" kan niet als dubbele melding worden afgesloten.',
  'command.report.not_closed': 'Deze melding is nog niet afgesloten.',
  'command.report.already_answered': 'U heeft deze vraag al beantwoord.',
  'command.report.satisfaction_not_asked': 'Deze melding is doorgestuurd naar een andere partij; daarover vragen we geen tevredenheid.',
  'command.report.answer_yes_no': 'Kies ja of nee',
  'command.resolution.incomplete': 'De afhandeling is niet volledig',
  'command.category.unknown': 'Onbekende categorie',

  // dispatch (offers, assignments, units, alerts)
  'command.report.not_dispatchable': 'Deze melding kan nu niet worden uitgegeven',
  'command.offer.unit_cannot_handle': '{unit} kan deze categorie niet afhandelen',
  'command.offer.unit_wrong_category': 'Eenheid past niet bij de categorie',
  'command.offer.unit_not_available': '{unit} is niet beschikbaar',
  'command.offer.not_found': 'Aanbod niet gevonden',
  'command.offer.gone': 'Het aanbod is intussen verlopen of ingetrokken',
  'command.assignment.not_found': 'Toewijzing niet gevonden',
  'command.assignment.already_closed': 'Deze toewijzing is al afgesloten',
  'command.unit.not_found': 'Eenheid niet gevonden',
  'command.check_in.not_found': 'Controlevraag niet gevonden',
  'command.priority_traffic.not_found': 'Spoedmelding niet gevonden',
  'command.unit.unknown': 'Onbekende eenheid',
  'command.unit.choose': 'Kies een eenheid',
  'command.alert.already_acknowledged': 'Deze melding is al bevestigd',
  'command.photo.invalid': 'Alleen een JPEG- of PNG-foto tot 5 MB',
  'command.photo.invalid_field': 'Ongeldige foto',
  'command.photo.unreadable': 'Deze foto kan niet worden gelezen; stuur een JPEG- of PNG-foto',
  'command.photo.too_many_pixels': 'Deze foto heeft te veel pixels (meer dan {megapixels} megapixel)',
  'command.photo.not_found': 'Foto niet gevonden',
  'command.photo.not_of_report': 'Deze foto hoort niet bij deze melding of is al bij een bevinding gevoegd',
  'command.photo.duplicate': 'Dezelfde foto is twee keer meegestuurd',
  'command.photo.too_many': 'Stuur hoogstens {max} foto\'s met een bevinding',
  'command.photo.approve_after_only':
    'Alleen een foto "na" (van de afhandeling) of de foto van een externe partij kan voor de melder worden goedgekeurd',
  'command.photo.rect_outside': 'Deze rechthoek valt buiten de foto ({width} × {height} pixels)',
  'command.photo.not_approved': 'Deze foto is niet goedgekeurd voor de melder',
  'command.photo.none_approved': 'Er is geen goedgekeurde foto om mee te sturen; keur eerst een foto "na" goed',

  // tasking
  'command.area.unknown': 'Onbekend gebied',
  'command.area.ends_before_start': 'Einde moet na begin liggen',

  // the shift report (dienstrapport, overdracht)
  'command.shift_report.not_found': 'Dienstrapport niet gevonden',
  'command.shift_report.not_started': 'Deze dienst is nog niet begonnen',

  // signals
  'command.import.mapping_incomplete': 'Niet elke gekozen kolom staat in het bestand',
  'command.import.already_imported': 'Id "{id}" is al eerder geïmporteerd',
  'command.signal.location_required': 'Geef een locatie (lat en lng) of een plaatsnaam',
  'command.signal.location_missing': 'Locatie ontbreekt',
  'command.signal.place_unknown':
    'Plaats "{place}" is onbekend; stuur lat en lng mee (alleen wijken van Den Haag worden herkend)',
  'command.webhook.not_configured': 'Webhook niet geconfigureerd (MELDKAMER_WEBHOOK_KEY ontbreekt)',

  // citizen messages and administration
  'command.outbox.only_failed': 'Alleen mislukte berichten kunnen opnieuw worden verstuurd',
  'command.template.invalid': 'Het sjabloon is niet geldig',
  'command.apikey.not_found': 'API-sleutel niet gevonden',

  // address search (server/geo)
  'command.address.unavailable': 'Adreszoeker niet bereikbaar',
  'command.address.not_found': 'Adres niet gevonden',

  // shift replay (http/routes-replay): the 12 hours it reaches, as the control room's clock reads them
  'command.replay.out_of_range': 'Terugkijken kan van {from} tot {until}',

  // the hub itself
  'command.request.refused': 'Het verzoek is geweigerd: {reason}',
  'command.request.no_route': 'Niet gevonden: {method} {url}',
  'command.hub.internal': 'Interne fout; probeer het opnieuw',
} as const;

export type CommandTextCode = keyof typeof COMMAND_TEXTS;

/** `commandText(code, params)`: a refusal's text, its code checked against the table at compile time. */
export const commandText = textMaker(COMMAND_TEXTS);
