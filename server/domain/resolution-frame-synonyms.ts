import type { CodeLocale } from './resolution-codes';

/**
 * Words an officer types for what a resolution code's frame says already (resolution-frames.ts rule 2b), per code
 * and language: "weggezaagd" says the "weggehaald" of `tak_verwijderd`, "bon" the "bekeuring" of `bekeuring`. Only
 * words that add no fact for the citizen: "auto" is not a synonym of "voertuig" (it says which vehicle), a number
 * never is. Per code, because a word means the frame's words only there ("weg" is "weggehaald" for a removed branch,
 * not for a vehicle that was gone). Compared as whole words, or by the shared-beginning rule of resolution-frames.ts.
 */
export const FRAME_SYNONYMS: Readonly<Record<string, Readonly<Record<CodeLocale, readonly string[]>>>> = {
  // found: the officer's words for "we saw" and the frame's facts
  zoals_gemeld: { nl: ['gemeld', 'melding', 'klopt', 'conform', 'aangetroffen', 'geconstateerd'], en: ['reported', 'correct', 'confirmed', 'found'] },
  niet_aangetroffen: {
    nl: ['niets', 'niks', 'aangetroffen', 'geconstateerd', 'gezien', 'ter', 'plaatse', 'plaats'],
    en: ['nothing', 'found', 'seen', 'site', 'spot'],
  },
  container_vol: { nl: ['overvol', 'afvalcontainer', 'aangetroffen'], en: ['overfull', 'overflowing', 'bin'] },
  container_defect: { nl: ['defect', 'stuk', 'afvalcontainer'], en: ['defective', 'bin'] },
  tak_laag: { nl: ['laaghangend', 'laaghangende'], en: ['hanging'] },
  tak_afgebroken: { nl: ['afgebroken', 'gebroken', 'afgeknapt', 'geknapt', 'tak'], en: ['snapped', 'broke'] },
  lamp_defect: { nl: ['brandt', 'defect', 'kapot', 'stuk', 'uit'], en: ['broken', 'out', 'working'] },
  mast_beschadigd: { nl: ['beschadigd', 'schade', 'mast', 'paal', 'lichtmast'], en: ['damage', 'post', 'pole'] },
  geen_overlast: {
    nl: ['rustig', 'stil', 'niets', 'niks', 'aangetroffen', 'geconstateerd', 'ter', 'plaatse', 'plaats'],
    en: ['quiet', 'calm', 'nothing', 'found', 'site'],
  },
  werkt_weer: { nl: ['werkt', 'brandt', 'weer', 'hersteld'], en: ['working', 'again', 'fixed'] },
  // action: the officer's words for what was done
  ter_plaatse_opgelost: { nl: ['ter', 'plaatse', 'plaats', 'direct', 'meteen'], en: ['site', 'directly', 'straight', 'away'] },
  aangesproken: { nl: ['aangesproken', 'gesproken', 'gesprek', 'sprak'], en: ['talked', 'spoken'] },
  waarschuwing: { nl: ['gewaarschuwd', 'waarschuwing'], en: ['warned'] },
  proces_verbaal: { nl: ['pv', 'proces', 'verbaal', 'bekeuring', 'bekeurd', 'beboet', 'bon'], en: ['fined', 'ticket'] },
  bekeuring: { nl: ['bon', 'bekeurd', 'boete', 'beboet', 'gegeven', 'uitgeschreven'], en: ['ticketed', 'fine', 'fined', 'issued'] },
  weggesleept: { nl: ['gesleept', 'afgesleept', 'versleept', 'laten'], en: ['towed'] },
  bestuurder_aangesproken: { nl: ['aangesproken', 'gesproken', 'gesprek', 'sprak', 'chauffeur'], en: ['talked', 'spoken'] },
  label_aangebracht: { nl: ['gelabeld', 'label', 'aangebracht', 'sticker', 'opgehangen', 'gehangen'], en: ['labelled', 'labeled', 'tagged', 'tag'] },
  fiets_verwijderd: { nl: ['verwijderd', 'weg', 'meegenomen', 'opgehaald', 'afgevoerd', 'opgeruimd'], en: ['removed', 'taken', 'collected', 'away'] },
  personen_aangesproken: { nl: ['aangesproken', 'gesproken', 'gesprek', 'sprak', 'groep', 'personen'], en: ['talked', 'spoken', 'group', 'persons'] },
  politie_ingeschakeld: { nl: ['ingeschakeld', 'gebeld', 'gevraagd', 'erbij'], en: ['called', 'involved'] },
  tak_verwijderd: {
    nl: ['weggezaagd', 'afgezaagd', 'gezaagd', 'eraf', 'weg', 'verwijderd', 'gesnoeid', 'opgeruimd', 'afgevoerd'],
    en: ['sawn', 'cut', 'off', 'away', 'cleared', 'pruned'],
  },
  plek_afgezet: { nl: ['afgezet', 'afgeschermd', 'lint', 'afzetlint', 'hekken', 'plaats', 'locatie'], en: ['fenced', 'taped', 'cordoned', 'tape'] },
  storing_gemeld: { nl: ['gemeld', 'doorgegeven', 'storing', 'doorgezet'], en: ['reported', 'fault'] },
  lamp_vervangen: { nl: ['nieuwe', 'nieuw', 'vernieuwd', 'gewisseld', 'geplaatst', 'lampje'], en: ['new', 'changed', 'swapped', 'bulb', 'fitted'] },
  geen_actie: { nl: ['actie', 'nodig', 'niets', 'niks'], en: ['action', 'needed', 'nothing'] },
};

export function synonymsFor(code: string, locale: CodeLocale): readonly string[] {
  return FRAME_SYNONYMS[code]?.[locale] ?? [];
}
