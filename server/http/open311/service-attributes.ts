import { formatW3cDateTime, parseW3cLenient } from './w3c';

/**
 * The extra questions a category asks Open311 clients (GeoReport v2 service definitions), as data.
 * Pure: no I/O. A category listed here has `metadata: true`; its answers are validated against these
 * definitions and appended to the report's description in a readable form (reports have no attribute column).
 */

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
export type Locale = 'nl' | 'en';
export type Localized = Record<Locale, string>;

export interface AttributeValue {
  key: string;
  name: Localized;
}

export interface ServiceAttribute {
  code: string;
  /** false: only information shown to the user, no input (GeoReport `variable`). */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  /** Short Dutch label used in the report description ("Soort afval: Grofvuil"). */
  label: string;
  description: Localized;
  datatypeDescription?: Localized;
  values?: readonly AttributeValue[];
  /** number: bounds and whether only whole numbers are accepted. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** string/text: maximum length in characters. */
  maxLength?: number;
}

export interface ServiceExtras {
  description?: Localized;
  keywords?: readonly string[];
  attributes: readonly ServiceAttribute[];
}

/** Bump when the definitions below change: clients use it to refresh cached service definitions. */
export const SERVICE_DEFINITIONS_CHANGESET = '2026-05-01T00:00:00Z';

export const SERVICE_EXTRAS: Readonly<Record<string, ServiceExtras>> = {
  afval: {
    description: {
      nl: 'Afval naast of bij een container, of op straat gezet buiten de ophaaltijden.',
      en: 'Waste dumped next to a container, or put out outside collection times.',
    },
    keywords: ['afval', 'vuilnis', 'container', 'grofvuil', 'dumping'],
    attributes: [
      {
        code: 'soort',
        variable: true,
        datatype: 'singlevaluelist',
        required: true,
        label: 'Soort afval',
        description: { nl: 'Wat voor afval ligt er?', en: 'What kind of waste is it?' },
        values: [
          { key: 'huisvuil', name: { nl: 'Huisvuil (zakken)', en: 'Household waste (bags)' } },
          { key: 'grofvuil', name: { nl: 'Grofvuil (meubels, matrassen)', en: 'Bulky waste (furniture, mattresses)' } },
          { key: 'bedrijfsafval', name: { nl: 'Bedrijfsafval', en: 'Commercial waste' } },
        ],
      },
      {
        code: 'hinder',
        variable: true,
        datatype: 'multivaluelist',
        required: false,
        label: 'Hinder',
        description: { nl: 'Welke hinder geeft het afval? Kies er zoveel als nodig.', en: 'What trouble does the waste cause? Choose all that apply.' },
        values: [
          { key: 'stank', name: { nl: 'Stank', en: 'Smell' } },
          { key: 'ongedierte', name: { nl: 'Ongedierte', en: 'Vermin' } },
          { key: 'stoep_geblokkeerd', name: { nl: 'Stoep geblokkeerd', en: 'Pavement blocked' } },
        ],
      },
    ],
  },
  parkeren: {
    description: {
      nl: 'Een voertuig dat fout geparkeerd staat: op de stoep, een invalidenplaats, een laad- en losplek of een fietspad.',
      en: 'A vehicle parked illegally: on the pavement, a disabled bay, a loading bay or a cycle path.',
    },
    keywords: ['parkeren', 'auto', 'stoep', 'invalidenparkeerplaats', 'foutparkeren'],
    attributes: [
      {
        code: 'kenteken',
        variable: true,
        datatype: 'string',
        required: false,
        label: 'Kenteken',
        description: { nl: 'Kenteken van het voertuig, als u het kunt lezen.', en: 'Licence plate of the vehicle, if you can read it.' },
        datatypeDescription: { nl: 'Bijvoorbeeld AB-123-C', en: 'For example AB-123-C' },
        maxLength: 20,
      },
      {
        code: 'sinds',
        variable: true,
        datatype: 'datetime',
        required: false,
        label: 'Staat er sinds',
        description: { nl: 'Sinds wanneer staat het voertuig er?', en: 'Since when has the vehicle been there?' },
        datatypeDescription: { nl: 'Datum en tijd, bijvoorbeeld 2026-11-28T08:30:00+01:00', en: 'Date and time, for example 2026-11-28T08:30:00+01:00' },
      },
    ],
  },
  zwerffiets: {
    description: {
      nl: 'Een fiets die lang niet gebruikt is of een fietswrak in de openbare ruimte.',
      en: 'A bicycle left unused for a long time, or a bicycle wreck in public space.',
    },
    keywords: ['fiets', 'fietswrak', 'weesfiets', 'zwerffiets'],
    attributes: [
      {
        code: 'werkwijze',
        variable: false,
        datatype: 'string',
        required: false,
        label: 'Werkwijze',
        description: {
          nl: 'Een zwerffiets krijgt eerst een label; wordt hij binnen vier weken niet weggehaald, dan verwijderen wij hem.',
          en: 'An abandoned bicycle is labelled first; if it is not taken away within four weeks, we remove it.',
        },
      },
      {
        code: 'aantal',
        variable: true,
        datatype: 'number',
        required: true,
        label: 'Aantal fietsen',
        description: { nl: 'Hoeveel fietsen gaat het om?', en: 'How many bicycles are there?' },
        datatypeDescription: { nl: 'Een geheel getal van 1 tot en met 100', en: 'A whole number from 1 to 100' },
        min: 1,
        max: 100,
        integer: true,
      },
    ],
  },
};

export function attributesOf(serviceCode: string): readonly ServiceAttribute[] {
  return SERVICE_EXTRAS[serviceCode]?.attributes ?? [];
}

/** Raw answers as they came in: one or more strings per attribute code. */
export type RawAttributes = ReadonlyMap<string, readonly string[]>;

export interface AttributeAnswer {
  code: string;
  label: string;
  datatype: AttributeDatatype;
  /** Normalised values: keys for lists, the number as text, the datetime as given. */
  values: string[];
  /** Human-readable Dutch rendering for the description. */
  display: string;
}

export interface AttributeProblem {
  parameter: string;
  description: string;
}

/** An attribute the service's definition does not list (FixMyStreet's own fixmystreet_id, uprn, …): kept as sent. */
export interface ExtraAttribute {
  code: string;
  values: string[];
}

export type AttributeResult =
  | { ok: true; answers: AttributeAnswer[]; extras: ExtraAttribute[] }
  | { ok: false; problems: AttributeProblem[] };

/** Caps on attributes a definition does not list: how many, and how long a code, a value and all of them together. */
export const EXTRA_ATTRIBUTE_LIMITS = { count: 30, codeLength: 100, valueLength: 1000, totalLength: 4000 } as const;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Checks answers against a service's definition: required ones present, each value of the right type, list values
 * among the allowed keys, nothing for an information-only attribute. Empty values count as not given. Codes the
 * definition does not list are not refused (the spec does not ask for it; FixMyStreet adds its own): they come back
 * as `extras`, within EXTRA_ATTRIBUTE_LIMITS.
 */
export function validateAttributes(serviceCode: string, raw: RawAttributes): AttributeResult {
  const definitions = attributesOf(serviceCode);
  const byCode = new Map(definitions.map((a) => [a.code, a]));
  const problems: AttributeProblem[] = [];
  const given = new Map<string, string[]>();
  const extras: ExtraAttribute[] = [];
  for (const [code, values] of raw) {
    const nonEmpty = values.map((v) => v.trim()).filter((v) => v.length > 0);
    const parameter = `attribute[${code}]`;
    const definition = byCode.get(code);
    if (!definition) {
      if (nonEmpty.length > 0) extras.push({ code, values: nonEmpty });
      continue;
    }
    if (!definition.variable) {
      if (nonEmpty.length > 0) problems.push({ parameter, description: `${parameter} is information only and takes no value` });
      continue;
    }
    if (nonEmpty.length > 0) given.set(code, nonEmpty);
  }

  const answers: AttributeAnswer[] = [];
  for (const definition of definitions) {
    if (!definition.variable) continue;
    const parameter = `attribute[${definition.code}]`;
    const values = given.get(definition.code);
    if (!values) {
      if (definition.required) problems.push({ parameter, description: `${parameter} is required for service ${serviceCode}` });
      continue;
    }
    const checked = checkValues(definition, values, parameter);
    if ('problem' in checked) problems.push({ parameter, description: checked.problem });
    else answers.push(checked.answer);
  }
  problems.push(...extraProblems(extras));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers, extras };
}

function extraProblems(extras: readonly ExtraAttribute[]): AttributeProblem[] {
  const limits = EXTRA_ATTRIBUTE_LIMITS;
  const problems: AttributeProblem[] = [];
  if (extras.length > limits.count) {
    problems.push({ parameter: 'attribute', description: `At most ${limits.count} attributes outside the service definition are kept; got ${extras.length}` });
  }
  let total = 0;
  for (const { code, values } of extras) {
    const parameter = `attribute[${code}]`;
    if (code.length > limits.codeLength) problems.push({ parameter, description: `${parameter}: an attribute code is at most ${limits.codeLength} characters` });
    if (values.some((v) => v.length > limits.valueLength)) {
      problems.push({ parameter, description: `${parameter} is not in the service definition and longer than ${limits.valueLength} characters` });
    }
    total += code.length + values.reduce((sum, v) => sum + v.length, 0);
  }
  if (total > limits.totalLength) {
    problems.push({ parameter: 'attribute', description: `Attributes outside the service definition are at most ${limits.totalLength} characters together; got ${total}` });
  }
  return problems;
}

/** "Extra gegevens: fixmystreet_id: 1234; uprn: 100023336956" (for the desk, in the description). */
export function describeExtras(extras: readonly ExtraAttribute[]): string {
  return `Extra gegevens: ${extras.map((e) => `${e.code}: ${e.values.join(', ')}`).join('; ')}`;
}

function checkValues(
  definition: ServiceAttribute,
  values: string[],
  parameter: string,
): { answer: AttributeAnswer } | { problem: string } {
  const answer = (normalised: string[], display: string): { answer: AttributeAnswer } => ({
    answer: { code: definition.code, label: definition.label, datatype: definition.datatype, values: normalised, display },
  });
  if (definition.datatype !== 'multivaluelist' && values.length > 1) {
    return { problem: `${parameter} takes one value (${definition.datatype}), got ${values.length}` };
  }
  const [value = ''] = values;
  switch (definition.datatype) {
    case 'string':
    case 'text': {
      if (definition.datatype === 'string' && /[\r\n]/.test(value)) return { problem: `${parameter} is a string and may not contain line breaks` };
      const max = definition.maxLength ?? (definition.datatype === 'string' ? 300 : 2000);
      if (value.length > max) return { problem: `${parameter} is longer than ${max} characters` };
      return answer([value], value);
    }
    case 'number': {
      if (!NUMBER.test(value)) return { problem: `${parameter} must be a number, got "${value}"` };
      const n = Number(value);
      if (definition.integer && !Number.isInteger(n)) return { problem: `${parameter} must be a whole number` };
      if (definition.min !== undefined && n < definition.min) return { problem: `${parameter} must be at least ${definition.min}` };
      if (definition.max !== undefined && n > definition.max) return { problem: `${parameter} must be at most ${definition.max}` };
      return answer([String(n)], String(n));
    }
    case 'datetime': {
      // Without a zone (an HTML datetime-local field: 2026-11-28T08:30) it is the city's local time (w3c.ts).
      const parsed = parseW3cLenient(value);
      if (!parsed) {
        return { problem: `${parameter} must be an ISO 8601 date or datetime, e.g. 2026-11-28T08:30:00+01:00 or 2026-11-28T08:30` };
      }
      const normalised = parsed.kind === 'instant' ? formatW3cDateTime(parsed.at) : parsed.date;
      return answer([normalised], normalised);
    }
    case 'singlevaluelist':
    case 'multivaluelist': {
      const allowed = definition.values ?? [];
      const keys = [...new Set(values)];
      const unknown = keys.filter((k) => !allowed.some((v) => v.key === k));
      if (unknown.length > 0) {
        return { problem: `${parameter} has no value ${unknown.map((k) => `"${k}"`).join(', ')}; allowed: ${allowed.map((v) => v.key).join(', ')}` };
      }
      const names = keys.map((k) => allowed.find((v) => v.key === k)?.name.nl ?? k);
      return answer(keys, names.join(', '));
    }
  }
}

/** "Soort afval: Grofvuil (meubels, matrassen); Hinder: Stank, Ongedierte" (the description keeps one line). */
export function describeAnswers(answers: readonly AttributeAnswer[]): string {
  return answers.map((a) => `${a.label}: ${a.display}`).join('; ');
}
