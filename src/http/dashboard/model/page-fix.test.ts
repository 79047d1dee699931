import { describe, expect, it } from 'vitest';
import { decideAvailability } from '../../../engine/inventory/availability.js';
import { problems } from '../../../mapping/problems.js';
import { fixForPage, forThePage } from './page-fix.js';

describe('fixes in page words', () => {
  it('every held-order reason that names a command names the Mappings page instead', () => {
    const reasons = [
      problems.unmappedShipVia('ORD1', 'DRONE', 'Sky Drone'),
      problems.noShipVia('ORD1'),
      problems.unmappedLocation('ORD1', '9'),
    ].map((p) => `${p.message} Fix: ${p.fix}`);
    for (const r of reasons) {
      const words = forThePage(r);
      expect(words, r).not.toContain('ml-connector ');
      expect(words).toContain('Mappings page');
    }
    expect(forThePage(reasons[0]!)).toContain('Map ship-via DRONE on the Mappings page');
    // A saved mapping makes the waiting orders due and starts a pass: no Retry to press.
    for (const reason of reasons) expect(forThePage(reason)).not.toContain('press Retry');
    expect(forThePage(reasons[2]!)).toContain('the orders waiting for it then go out by themselves');
  });

  it('text without a command is left as it is', () => {
    const p = problems.noShipToAddress('ORD1', ['city']);
    expect(forThePage(p.fix)).toBe(p.fix);
    expect(forThePage(null)).toBe(null);
  });

  it('the letter-case fixes of ping name the form field', () => {
    const command =
      'ml-connector connect sage300 --name main --url http://h/Sage300WebApi/v1.0/-/SAMINC --user OPSBOT --password-stdin';
    const check = {
      id: 'sage300.credentials',
      label: 'Credentials',
      status: 'fail' as const,
      detail: 'Sage 300 refused the user and password as typed, and accepted them in upper case.',
      fix: `Sage 300 wants upper-case credentials: store them again without --keep-case (the connector then sends them upper-cased): ${command}`,
    };
    const untick = fixForPage(check);
    expect(untick).toContain('untick "Keep letter case"');
    expect(untick).toContain('the stored password is kept');
    const tick = fixForPage({
      ...check,
      fix: `The server accepts the password as typed: store it again with --keep-case (the connector then sends it as typed): ${command} --keep-case`,
    });
    expect(tick).toContain('tick "Keep letter case" in the Sage 300 part and save');
    expect(tick).not.toContain('ml-connector');
    // A password stored upper-cased by an earlier version: the typed case is lost, so it is entered again.
    const again = fixForPage({
      ...check,
      fix:
        'Check the user and password in Sage 300 Administrative Services → Users. If the real password has lower-case letters and this server compares passwords as typed (an earlier version of the connector stored passwords upper-cased, so the typed case is not known), ' +
        `the password may need entering again exactly as typed with --keep-case: ${command} --keep-case`,
    });
    expect(again).toContain('Check the user and password in Sage 300 Administrative Services');
    expect(again).toContain('tick "Keep letter case" in the Sage 300 part, enter the password again exactly as typed');
    expect(again).not.toContain('ml-connector');
  });

  it('the inventory flow\'s "off" reasons name the page', () => {
    const reasons = [
      decideAvailability({ connectionName: 'main', hasV2Key: false, locations: undefined, mappings: [] }),
      decideAvailability({ connectionName: 'main', hasV2Key: true, locations: new Set(['il-1']), mappings: [] }),
    ].map((a) => (a.on ? '' : a.reason));
    for (const r of reasons) {
      expect(r).toContain('ml-connector ');
      expect(forThePage(r), r).not.toContain('ml-connector ');
    }
  });
});
