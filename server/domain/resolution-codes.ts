/**
 * Codes for "wat troffen we aan" (found) and "wat deden we" (action), per category.
 * A category's own codes come first; the generic codes are always allowed as well,
 * so every category can close as duplicate, cancelled, referred, etc.
 * Unknown categories get the generic codes only.
 */

export type CodeLocale = 'nl' | 'en';

export interface ResolutionCode {
  code: string;
  nl: string;
  en: string;
}

export interface CategoryCodes {
  found: readonly ResolutionCode[];
  action: readonly ResolutionCode[];
}

/** Display names of the demo categories, lower case for use inside a sentence. */
export const CATEGORY_LABELS: Readonly<Record<string, { nl: string; en: string }>> = {
  afval: { nl: 'afval naast container', en: 'waste next to a container' },
  parkeren: { nl: 'fout geparkeerd voertuig', en: 'illegally parked vehicle' },
  zwerffiets: { nl: 'zwerffiets', en: 'abandoned bicycle' },
  overlast: { nl: 'overlast', en: 'nuisance' },
  groen: { nl: 'boomtak of groen', en: 'tree branch or greenery' },
  verlichting: { nl: 'straatverlichting', en: 'street lighting' },
};

export const GENERIC_CODES: CategoryCodes = {
  found: [
    { code: 'zoals_gemeld', nl: 'Situatie aangetroffen zoals gemeld', en: 'Situation found as reported' },
    { code: 'anders_dan_gemeld', nl: 'Situatie anders dan gemeld', en: 'Situation differs from the report' },
    { code: 'niet_aangetroffen', nl: 'Niets aangetroffen', en: 'Nothing found' },
    { code: 'al_gemeld', nl: 'Al eerder gemeld', en: 'Already reported' },
    { code: 'niet_gemeentelijk', nl: 'Valt niet onder de gemeente', en: 'Not a municipal matter' },
    { code: 'niet_bezocht', nl: 'Niet ter plaatse geweest', en: 'Not visited' },
  ],
  action: [
    { code: 'ter_plaatse_opgelost', nl: 'Ter plaatse opgelost', en: 'Resolved on site' },
    { code: 'aangesproken', nl: 'Betrokkene aangesproken', en: 'Person addressed' },
    { code: 'waarschuwing', nl: 'Waarschuwing gegeven', en: 'Warning given' },
    { code: 'proces_verbaal', nl: 'Proces-verbaal of boete opgelegd', en: 'Fine or official report issued' },
    { code: 'doorverwezen', nl: 'Doorgezet naar andere partij', en: 'Referred to another party' },
    { code: 'vervolg_ingepland', nl: 'Vervolg ingepland', en: 'Follow-up scheduled' },
    { code: 'samengevoegd', nl: 'Samengevoegd met eerdere melding', en: 'Merged with earlier report' },
    { code: 'ingetrokken', nl: 'Melding ingetrokken', en: 'Report withdrawn' },
    { code: 'geen_actie', nl: 'Geen actie nodig', en: 'No action needed' },
  ],
};

export const CATEGORY_CODES: Readonly<Record<string, CategoryCodes>> = {
  afval: {
    found: [
      { code: 'afval_naast_container', nl: 'Afval naast container', en: 'Waste next to container' },
      { code: 'grofvuil', nl: 'Grofvuil op straat', en: 'Bulky waste on the street' },
      { code: 'container_vol', nl: 'Container vol', en: 'Container full' },
      { code: 'container_defect', nl: 'Container defect', en: 'Container broken' },
      { code: 'bedrijfsafval', nl: 'Bedrijfsafval of dumping', en: 'Commercial waste or dumping' },
    ],
    action: [
      { code: 'afval_laten_ophalen', nl: 'Afval laten ophalen', en: 'Waste collection requested' },
      { code: 'veroorzaker_beboet', nl: 'Veroorzaker beboet', en: 'Offender fined' },
      { code: 'lediging_aangevraagd', nl: 'Extra lediging aangevraagd', en: 'Extra emptying requested' },
      { code: 'reparatie_aangevraagd', nl: 'Reparatie container aangevraagd', en: 'Container repair requested' },
    ],
  },
  parkeren: {
    found: [
      { code: 'fout_geparkeerd', nl: 'Voertuig fout geparkeerd', en: 'Vehicle illegally parked' },
      { code: 'uitrit_geblokkeerd', nl: 'Uitrit geblokkeerd', en: 'Driveway blocked' },
      { code: 'op_stoep', nl: 'Geparkeerd op de stoep', en: 'Parked on the pavement' },
      { code: 'invalidenplaats', nl: 'Op gehandicaptenparkeerplaats', en: 'In a disabled parking space' },
      { code: 'voertuig_weg', nl: 'Voertuig niet meer aanwezig', en: 'Vehicle no longer present' },
      { code: 'correct_geparkeerd', nl: 'Voertuig correct geparkeerd', en: 'Vehicle parked correctly' },
    ],
    action: [
      { code: 'bekeuring', nl: 'Bekeuring uitgeschreven', en: 'Parking ticket issued' },
      { code: 'weggesleept', nl: 'Voertuig weggesleept', en: 'Vehicle towed' },
      { code: 'bestuurder_aangesproken', nl: 'Bestuurder aangesproken', en: 'Driver addressed' },
    ],
  },
  zwerffiets: {
    found: [
      { code: 'zwerffiets', nl: 'Zwerffiets aangetroffen', en: 'Abandoned bicycle found' },
      { code: 'fietswrak', nl: 'Fietswrak aangetroffen', en: 'Bicycle wreck found' },
      { code: 'fiets_in_gebruik', nl: 'Fiets in gebruik', en: 'Bicycle in use' },
      { code: 'fiets_weg', nl: 'Fiets niet meer aanwezig', en: 'Bicycle no longer present' },
    ],
    action: [
      { code: 'label_aangebracht', nl: 'Label aangebracht', en: 'Label attached' },
      { code: 'fiets_verwijderd', nl: 'Fiets verwijderd', en: 'Bicycle removed' },
    ],
  },
  overlast: {
    found: [
      { code: 'geluidsoverlast', nl: 'Geluidsoverlast', en: 'Noise nuisance' },
      { code: 'hinderlijk_gedrag', nl: 'Hinderlijk gedrag', en: 'Antisocial behaviour' },
      { code: 'jeugdoverlast', nl: 'Jeugdoverlast', en: 'Youth nuisance' },
      { code: 'hondenoverlast', nl: 'Hondenoverlast', en: 'Dog nuisance' },
      { code: 'geen_overlast', nl: 'Geen overlast waargenomen', en: 'No nuisance observed' },
    ],
    action: [
      { code: 'personen_aangesproken', nl: 'Personen aangesproken', en: 'People addressed' },
      { code: 'politie_ingeschakeld', nl: 'Politie ingeschakeld', en: 'Police called in' },
      { code: 'extra_toezicht', nl: 'Extra toezicht ingezet', en: 'Extra patrols deployed' },
    ],
  },
  groen: {
    found: [
      { code: 'tak_laag', nl: 'Tak hangt laag over stoep of weg', en: 'Branch hanging low over pavement or road' },
      { code: 'tak_afgebroken', nl: 'Tak afgebroken of gevallen', en: 'Branch broken off or fallen' },
      { code: 'boom_instabiel', nl: 'Boom instabiel', en: 'Tree unstable' },
      { code: 'overhangend_tuingroen', nl: 'Groen uit particuliere tuin', en: 'Greenery from a private garden' },
      { code: 'geen_gevaar', nl: 'Geen direct gevaar', en: 'No immediate danger' },
    ],
    action: [
      { code: 'tak_verwijderd', nl: 'Tak verwijderd', en: 'Branch removed' },
      { code: 'plek_afgezet', nl: 'Plek afgezet', en: 'Area cordoned off' },
      { code: 'onderhoudsronde', nl: 'Meegenomen in onderhoudsronde', en: 'Added to maintenance round' },
      { code: 'eigenaar_aangeschreven', nl: 'Eigenaar aangeschreven', en: 'Owner notified in writing' },
    ],
  },
  verlichting: {
    found: [
      { code: 'lamp_defect', nl: 'Lamp defect', en: 'Lamp broken' },
      { code: 'mast_beschadigd', nl: 'Lichtmast beschadigd', en: 'Lamp post damaged' },
      { code: 'bedrading_los', nl: 'Losse of blootliggende bedrading', en: 'Loose or exposed wiring' },
      { code: 'brandt_overdag', nl: 'Verlichting brandt overdag', en: 'Light on during the day' },
      { code: 'werkt_weer', nl: 'Verlichting werkt', en: 'Lighting works' },
    ],
    action: [
      { code: 'storing_gemeld', nl: 'Storing doorgegeven aan beheerder', en: 'Fault passed to the operator' },
      { code: 'plek_afgezet', nl: 'Plek afgezet', en: 'Area cordoned off' },
      { code: 'lamp_vervangen', nl: 'Lamp vervangen', en: 'Lamp replaced' },
    ],
  },
};

/** Category codes first, then the generic ones (a category code wins on a clash). */
export function codesFor(category: string): CategoryCodes {
  const own = CATEGORY_CODES[category];
  if (!own) return GENERIC_CODES;
  return {
    found: mergeCodes(own.found, GENERIC_CODES.found),
    action: mergeCodes(own.action, GENERIC_CODES.action),
  };
}

export function findCode(category: string, kind: 'found' | 'action', code: string): ResolutionCode | undefined {
  return codesFor(category)[kind].find((c) => c.code === code);
}

export function categoryLabel(category: string, locale: CodeLocale): string {
  return CATEGORY_LABELS[category]?.[locale] ?? category;
}

function mergeCodes(own: readonly ResolutionCode[], generic: readonly ResolutionCode[]): ResolutionCode[] {
  const seen = new Set(own.map((c) => c.code));
  return [...own, ...generic.filter((c) => !seen.has(c.code))];
}
