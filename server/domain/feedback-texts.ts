import { textMaker } from './domain-text';

/**
 * Dutch texts of the citizen-message rules (feedback*.ts): why a message cannot be composed or sent,
 * and what is wrong with a template an admin submits. Placeholder names (`{bevinding}`) are the
 * templates' own words and stay as they are in every language.
 */
export const FEEDBACK_TEXTS = {
  'feedback.no_template': 'Er is geen berichtsjabloon voor deze melding.',
  'feedback.closing_needs_outcome': 'Een afsluitbericht kan alleen worden gemaakt bij een afhandeling met uitkomst.',
  'feedback.scheduling_needs_date': 'Een bericht over inplannen kan alleen worden gemaakt bij een afhandeling met vervolgdatum.',
  'feedback.placeholders_missing': 'Het bericht kan niet worden verstuurd, plaatshouders niet ingevuld: {missing}.',
  'feedback.placeholders_unknown': 'Het bericht kan niet worden verstuurd, plaatshouders onbekend: {unknown}.',
  'feedback.placeholders_missing_unknown':
    'Het bericht kan niet worden verstuurd, plaatshouders niet ingevuld: {missing}; onbekend: {unknown}.',
  'feedback.not_specific': 'Het bericht moet letterlijk vermelden: {what}. Pas zo nodig de afhandeling aan, niet alleen het bericht.',
  'feedback.specific.bevinding': 'wat er is aangetroffen',
  'feedback.specific.actie': 'wat er is gedaan',
  'feedback.specific.vervolgactie': 'wat er nog gaat gebeuren',
  'feedback.specific.vervolgdatum': 'de vervolgdatum',
  'feedback.specific.doorverwezen_naar': 'naar wie is doorverwezen',
  'template.value_invalid': 'Ongeldige of ontbrekende waarde',
  'template.outcome_required': 'Kies voor welke uitkomst dit afsluitbericht is',
  'template.outcome_closing_only': 'Alleen afsluitberichten hebben een uitkomst',
  'template.subject_required': 'Onderwerp is verplicht',
  'template.subject_one_line': 'Het onderwerp moet op één regel staan',
  'template.body_required': 'Tekst is verplicht',
  'template.placeholder_unknown': 'Onbekende plaatshouder: {names}',
  'template.placeholders_missing': 'Verplichte plaatshouders ontbreken: {names}',
  'template.placeholders_missing_optional': 'Verplichte plaatshouders ontbreken: {names} ({optional} mag niet optioneel zijn)',
} as const;

export const feedbackText = textMaker(FEEDBACK_TEXTS);

/** `{bevinding}, {actie}`: placeholder names as a template writes them. */
export function braces(names: readonly string[]): string {
  return names.map((n) => `{${n}}`).join(', ');
}
