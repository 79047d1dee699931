import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** Names seen in Sage address data that the ISO names list does not spell this way. */
const ALIASES: Record<string, string> = {
  USA: 'US',
  'U.S.': 'US',
  'U.S.A': 'US',
  AMERICA: 'US',
  'UNITED STATES OF AMERICA': 'US',
  UK: 'GB',
  'U.K.': 'GB',
  ENGLAND: 'GB',
  SCOTLAND: 'GB',
  WALES: 'GB',
  'GREAT BRITAIN': 'GB',
  HOLLAND: 'NL',
};

/**
 * Sage 300 stores the country as free text; ShipStation wants ISO 3166-1 alpha-2.
 * Accepts alpha-2, alpha-3 and English names (any case, stray punctuation); null when unrecognisable.
 */
export function normaliseCountry(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  const upper = t.toUpperCase();
  if (ALIASES[upper]) return ALIASES[upper] ?? null;
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const a2 = countries.alpha3ToAlpha2(upper);
    if (a2) return a2;
  }
  const byName = countries.getAlpha2Code(t, 'en') ?? countries.getAlpha2Code(t.replace(/\./g, ''), 'en');
  return byName ?? null;
}
