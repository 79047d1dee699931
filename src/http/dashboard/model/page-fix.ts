import type { PingCheck } from '../../../domain/ping.js';

/**
 * Ping's fixes are written for the command line (`--keep-case`, `ml-connector connect ...`). On the page
 * the same advice names the form field to change instead; everything else is shown as ping wrote it.
 */
export function fixForPage(check: PingCheck): string | undefined {
  const fix = check.fix;
  if (!fix) return undefined;
  if (check.id === 'sage300.credentials') {
    const words = credentialsFixForPage(fix);
    if (words) return words;
  }
  if (check.id === 'sage300.configured')
    return 'Edit this connection and fill in the Sage 300 part: Web API URL, user and password.';
  if (check.id === 'shipstation.configured')
    return 'Edit this connection and fill in the ShipStation part: the V1 API key and secret, and/or the V2 API key.';
  return forThePage(fix);
}

/**
 * The letter-case fixes of the credentials check, as the form's "Keep letter case" toggle. The password is
 * stored as typed, so switching the toggle keeps it, except for one stored upper-cased by an earlier version.
 */
function credentialsFixForPage(fix: string): string | undefined {
  if (fix.includes('without --keep-case'))
    return 'Sage 300 wants upper-case credentials: edit this connection, untick "Keep letter case" in the Sage 300 part and save (the stored password is kept; the connector then sends the user and password upper-cased).';
  if (fix.includes('may need entering again'))
    return `${fix.slice(0, fix.indexOf(' If the real password'))} If the real password has lower-case letters and this server compares passwords as typed (an earlier version of the connector stored passwords upper-cased, so the typed case is not known): edit this connection, tick "Keep letter case" in the Sage 300 part, enter the password again exactly as typed, and save.`;
  if (fix.includes('with --keep-case'))
    return 'This server compares the password as typed: edit this connection, tick "Keep letter case" in the Sage 300 part and save (the stored password is kept as typed; the connector then sends it as typed).';
  return undefined;
}

/**
 * Reasons written by the flows (held orders, a flow that is off) name `ml-connector` commands; on the page
 * the same fix is a place to click. Known command phrases are replaced; anything else is shown as written.
 */
const COMMAND_PHRASES: [RegExp, string][] = [
  [
    /Map it: ml-connector mappings set ship_via (\S+) --service <carrier>:<service> \(or --skip if it does not ship through ShipStation\), or accept a suggestion with "ml-connector mappings suggest --accept"\./g,
    'Map ship-via $1 on the Mappings page (or choose "Not through ShipStation"); the orders waiting for it then go out by themselves.',
  ],
  [
    /map the blank ship-via: ml-connector mappings set ship_via "" --service <carrier>:<service>\./g,
    'map the blank ship-via on the Mappings page.',
  ],
  [
    /Map it: ml-connector mappings set location (\S+) --warehouse <ShipStation warehouse id or name>\./g,
    'Map location $1 on the Mappings page; the orders waiting for it then go out by themselves.',
  ],
  [
    /Map (one|again): ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>\./g,
    'Map $1 on the Mappings page (Sage 300 locations → ShipStation inventory locations).',
  ],
  [
    /Add a V2 key: ml-connector connect shipstation --name \S+ --v2-api-key <key>\./g,
    "Add a V2 API key in the ShipStation part of the connection's form.",
  ],
];

export function forThePage(text: string): string;
export function forThePage(text: string | null | undefined): string | null | undefined;
export function forThePage(text: string | null | undefined): string | null | undefined {
  if (!text?.includes('ml-connector ')) return text;
  return COMMAND_PHRASES.reduce((t, [re, words]) => t.replace(re, words), text);
}
