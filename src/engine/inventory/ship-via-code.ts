/**
 * Codes and names for ship-via codes the connector creates in Sage for ShipStation services (optional,
 * CREATE_MISSING_SHIP_VIAS). Sage's ship-via code is at most 6 characters (the demo and Sage's samples use
 * upper-case letters and digits: `UPSGND`, `CCT2`); the name is what people read on the order, so it
 * names the carrier and the service.
 */
export const SHIP_VIA_CODE_MAX = 6;
/** INFERRED: OEShipViaCodes.Name holds 60 characters (Sage's description fields); kept within that. */
export const SHIP_VIA_NAME_MAX = 60;

const CARRIER_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ups: 'UPS',
    ups_walleted: 'UPS',
    fedex: 'FDX',
    fedex_walleted: 'FDX',
    usps: 'USPS',
    stamps_com: 'USPS',
    endicia: 'USPS',
    dhl_express: 'DHL',
    dhl_ecommerce: 'DHLE',
    canada_post: 'CP',
    purolator_ca: 'PUR',
    ontrac: 'ONT',
  }),
);

/** Upper-case letters and digits only. */
function clean(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * A code for a service, unique among `taken`: the carrier's abbreviation and the initials of the service
 * words (`ups_standard_international` → `UPSSI`, `usps_priority_mail_express` → `USPPME`,
 * `ups_2nd_day_air` → `UPS2DA`); when taken, the last characters become a number (`UPSSI2`).
 */
export function shipViaCode(carrierCode: string, serviceCode: string, taken: ReadonlySet<string>): string {
  const carrierWords = new Set(
    carrierCode
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
  // A Map, not an object: a carrier code such as `__proto__` must not find Object.prototype (found by fast-check).
  const abbreviation = CARRIER_ABBREVIATIONS.get(carrierCode.toLowerCase()) ?? (clean(carrierCode).slice(0, 3) || 'SS');
  const words = serviceCode
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !carrierWords.has(w) && w !== abbreviation.toLowerCase() && w !== 'walleted');
  const initials = clean(words.map((w) => w[0]).join('')).slice(0, 4);
  const prefix = abbreviation.slice(0, Math.max(2, SHIP_VIA_CODE_MAX - initials.length));
  const base = (prefix + initials).slice(0, SHIP_VIA_CODE_MAX) || 'SHIP';
  if (!taken.has(base)) return base;
  for (let n = 2; n < 1000; n++) {
    const suffix = String(n);
    const candidate = base.slice(0, SHIP_VIA_CODE_MAX - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`no free ship-via code for ${carrierCode}:${serviceCode}`);
}

/**
 * `UPS Standard via ShipStation`: the service's name as ShipStation shows it (trademark signs dropped,
 * plain ASCII for Sage's text fields), with the carrier's name first when the service name lacks it.
 */
export function shipViaName(service: { name: string; carrierName: string }): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\x20-\x7E]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const name = ascii(service.name);
  const carrier = ascii(service.carrierName);
  const full = carrier && !name.toLowerCase().startsWith(carrier.toLowerCase()) ? `${carrier} ${name}` : name;
  const suffix = ' via ShipStation';
  return full.slice(0, SHIP_VIA_NAME_MAX - suffix.length).trimEnd() + suffix;
}
