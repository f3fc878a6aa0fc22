import { textMaker } from './domain-text';

/** The texts of asking the reporter and of the satisfaction reasons (pure; the renderer's catalogues import this file). */
export const QUESTION_TEXTS = {
  'question.already_open': 'Er staat al een vraag open aan de melder van deze melding. Wacht op het antwoord of tot de vraag verloopt.',
  'question.no_reporter': 'Deze melding heeft geen melder met een e-mailadres of telefoonnummer: er is niemand om de vraag aan te stellen.',
  'question.no_channel': 'De melder heeft geen {channel}: kies een ander kanaal.',
  'question.closed_report': 'Een afgesloten melding kan geen vraag aan de melder krijgen.',
  'question.none_open': 'Er staat geen vraag open bij deze melding; uw antwoord is niet meer nodig.',
  'question.answer_required': 'Vul uw antwoord in.',
  'question.answer_too_long': 'Uw antwoord is te lang (hoogstens 2000 tekens).',
  'question.channel.email': 'e-mailadres',
  'question.channel.sms': 'telefoonnummer',
  'timeline.question.asked': 'Vraag aan melder ({channel}): {question}',
  'timeline.question.answered': 'Melder heeft geantwoord',
  'timeline.question.answered_photo': 'Melder heeft geantwoord, met een foto',
  'timeline.question.expired': 'Geen antwoord van melder op tijd: wacht niet meer op reactie',
  'alert.reporter_answered': 'Melder van {number} heeft uw vraag beantwoord',
  'alert.question_unanswered': 'Melder van {number} heeft niet op tijd geantwoord op uw vraag',
  'satisfaction.reason_unknown': 'Kies een van de gegeven redenen.',
  'satisfaction.reason_mismatch': 'Deze reden past niet bij uw antwoord.',
  'satisfaction.period': 'Geef een periode met "from" vóór "to", van hoogstens 366 dagen.',
} as const;

export const sayQuestion = textMaker(QUESTION_TEXTS);

