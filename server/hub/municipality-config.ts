import { z } from 'zod';
import { DEFAULT_MUNICIPALITY, DEFAULT_SIGNING_TEAM, type Municipality } from '../domain/feedback-values';

/**
 * The municipality the citizen messages speak for (README "Berichten aan de melder"): its name, phone number and
 * web address and the team that signs, as keys of server/config.ts. They fill the placeholders {gemeente}, {telefoon},
 * {website} and {afzender} in
 * every template (the signature, "bel ons op 14 070"), and with the logo they head the public pages (http/public-layout.ts).
 */

const text = (max: number, fallback: string) => z.string().trim().min(1).max(max).default(fallback);

export const MUNICIPALITY_CONFIG_SHAPE = {
  /** The name as it signs a message, e.g. "Gemeente Den Haag". */
  municipalityName: text(100, DEFAULT_MUNICIPALITY.name),
  /** The number citizens call, as it is written for them, e.g. "14 070". */
  municipalityPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'must be a phone number as citizens write it, e.g. "14 070" or "+31 70 353 3000"')
    .default(DEFAULT_MUNICIPALITY.phone),
  /** The municipality's web address (http or https). */
  municipalityWebsite: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://www.denhaag.nl' })
    .max(300)
    .default(DEFAULT_MUNICIPALITY.website),
  /** The team that signs citizen messages, e.g. "Team Toezicht en Handhaving"; unset: "Team Handhaving". */
  municipalityTeam: z.string().trim().min(1).max(100).optional(),
  /** The same team's name in English messages; unset: "Enforcement team". */
  municipalityTeamEn: z.string().trim().min(1).max(100).optional(),
  /** A logo for the public pages' header (PNG, JPEG, SVG or WebP file the hub serves at /gemeente/logo); unset: the name as text. */
  municipalityLogo: z
    .string()
    .trim()
    .regex(/\.(png|jpe?g|svg|webp)$/i, 'must be the path of a PNG, JPEG, SVG or WebP file')
    .optional(),
};

export const MUNICIPALITY_ENV_KEYS = {
  MELDKAMER_MUNICIPALITY_NAME: 'municipalityName',
  MELDKAMER_MUNICIPALITY_PHONE: 'municipalityPhone',
  MELDKAMER_MUNICIPALITY_WEBSITE: 'municipalityWebsite',
  MELDKAMER_MUNICIPALITY_LOGO: 'municipalityLogo',
  MELDKAMER_MUNICIPALITY_TEAM: 'municipalityTeam',
  MELDKAMER_MUNICIPALITY_TEAM_EN: 'municipalityTeamEn',
} as const;

type MunicipalityKeys = { [K in keyof typeof MUNICIPALITY_CONFIG_SHAPE]?: z.output<(typeof MUNICIPALITY_CONFIG_SHAPE)[K]> } & {
  municipalityName: string;
  municipalityPhone: string;
  municipalityWebsite: string;
};

export function municipalityOf(c: MunicipalityKeys): Municipality {
  return {
    name: c.municipalityName,
    phone: c.municipalityPhone,
    website: c.municipalityWebsite,
    ...(c.municipalityLogo ? { logoFile: c.municipalityLogo } : {}),
    ...(c.municipalityTeam || c.municipalityTeamEn ? { team: { nl: c.municipalityTeam ?? DEFAULT_SIGNING_TEAM.nl, en: c.municipalityTeamEn ?? DEFAULT_SIGNING_TEAM.en } } : {}),
  };
}
