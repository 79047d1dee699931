import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CARRIERS, DEMO_SHIP_VIAS } from '../../simulators/demo-world.js';
import { SHIP_VIA_NAME_MAX, shipViaCode, shipViaName } from './ship-via-code.js';

describe('ship-via codes and names for ShipStation services', () => {
  it.each([
    ['ups', 'ups_standard_international', 'UPSSI'],
    ['ups', 'ups_2nd_day_air', 'UPS2DA'],
    ['fedex', 'fedex_international_economy', 'FDXIE'],
    ['usps', 'usps_priority_mail_express', 'USPPME'],
    ['stamps_com', 'usps_first_class_mail', 'USPFCM'],
    ['dhl_express', 'dhl_express_worldwide', 'DHLW'],
    ['globegistics', 'globegistics_priority_mail_express_international', 'GLPMEI'],
  ])('%s:%s → %s', (carrier, service, code) => {
    expect(shipViaCode(carrier, service, new Set())).toBe(code);
  });

  it('avoids codes Sage already has, with a number at the end', () => {
    const taken = new Set(DEMO_SHIP_VIAS.map((v) => v.code));
    expect(shipViaCode('usps', 'usps_priority_mail', taken)).toBe('USPSP2');
    expect(shipViaCode('ups', 'ups_2nd_day_air', taken)).toBe('UPS2D2');
    expect(shipViaCode('ups', 'ups_2nd_day_air', new Set([...taken, 'UPS2D2']))).toBe('UPS2D3');
  });

  it('a carrier code that is an object property name is still just text', () => {
    expect(shipViaCode('__proto__', 'x_ground', new Set())).toBe('PROXG');
    expect(shipViaCode('constructor', 'constructor_ground', new Set())).toBe('CONG');
  });

  it('always fits Sage (1–6 upper-case letters or digits) and never repeats a taken code', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.array(fc.string({ maxLength: 6 })), (carrier, service, taken) => {
        const set = new Set(taken.map((t) => t.toUpperCase()));
        const code = shipViaCode(carrier, service, set);
        expect(code).toMatch(/^[A-Z0-9]{1,6}$/);
        expect(set.has(code)).toBe(false);
      }),
    );
  });

  it('names say the carrier and the service, in plain ASCII within 60 characters', () => {
    const ups = DEMO_CARRIERS[0]!;
    expect(shipViaName({ name: ups.services[3]!.serviceName, carrierName: 'UPS' })).toBe(
      'UPS Standard via ShipStation',
    );
    expect(shipViaName({ name: 'Ground', carrierName: 'OnTrac' })).toBe('OnTrac Ground via ShipStation');
    const long = shipViaName({
      name: 'Priority Mail Express International Flat Rate Padded Envelope',
      carrierName: 'USPS',
    });
    expect(long.length).toBeLessThanOrEqual(SHIP_VIA_NAME_MAX);
    expect(long.endsWith(' via ShipStation')).toBe(true);
  });
});
