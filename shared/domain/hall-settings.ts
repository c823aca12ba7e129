import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, languageSchema, localizedTextSchema, type Language } from './languages';

/**
 * The hall itself (docs/hall-settings.md): its name, site code, address, the languages
 * its public pages offer and its time zone. Kept in hall_settings (`hallName`,
 * `siteCode`, `address`, `languages`, `timeZone`), edited by an admin (hall.saveSettings).
 */

/**
 * The site code starts every case number (`<site>-<yyyymmdd>-<seq>`) and names the site
 * to central: 2–12 capital letters or digits, so that a number stays short, is typed on
 * the kiosk's case-number keys (letters, digits, the dash) and splits at its dashes.
 */
export const SITE_CODE_PATTERN = /^[A-Z0-9]{2,12}$/;
export const siteCodeSchema = z.string().regex(SITE_CODE_PATTERN, 'site code');

/**
 * An IANA time-zone name the runtime knows (Asia/Shanghai, Asia/Hong_Kong, UTC): a name,
 * not an offset (`+08:00`) or an abbreviation (`CST`), since service days and the reset
 * hour are reckoned in it through Intl.
 */
export function isTimeZoneName(name: string): boolean {
  if (!/^(?:UTC|[A-Z][A-Za-z_-]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().max(64).refine(isTimeZoneName, 'IANA time zone');

/** The hall's address as its public pages and letters give it; each language may be left empty. */
export const hallAddressSchema = z.object({
  'zh-CN': z.string().trim().max(200),
  'zh-HK': z.string().trim().max(200),
  en: z.string().trim().max(200),
});
export type HallAddress = z.infer<typeof hallAddressSchema>;
export const NO_ADDRESS: HallAddress = { 'zh-CN': '', 'zh-HK': '', en: '' };

/**
 * The languages the kiosk, the display and the other public pages offer: zh-CN always
 * (the language of the records and the letters), zh-HK and en when the hall chooses.
 * Each at most once; stored in the order of LANGUAGES.
 */
export const offeredLanguagesSchema = z
  .array(languageSchema)
  .max(LANGUAGES.length)
  .refine((languages) => languages.includes(DEFAULT_LANGUAGE), 'zh-CN is always offered')
  .refine((languages) => new Set(languages).size === languages.length, 'each language once')
  .transform((languages) => LANGUAGES.filter((language) => languages.includes(language)));

export const hallSettingsSchema = z.object({
  name: localizedTextSchema,
  siteCode: siteCodeSchema,
  address: hallAddressSchema,
  languages: offeredLanguagesSchema,
  timeZone: timeZoneSchema,
});
export type HallSettings = z.infer<typeof hallSettingsSchema>;

/** The languages a page of `role` offers: the public pages the hall's choice, the staff's pages all three. */
export function languagesOffered(role: string, hallLanguages: readonly Language[] | undefined): readonly Language[] {
  if (role === 'clerk' || role === 'admin' || !hallLanguages) return LANGUAGES;
  return LANGUAGES.filter((language) => language === DEFAULT_LANGUAGE || hallLanguages.includes(language));
}
