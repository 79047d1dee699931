import { SageError } from './sage-error.js';

/**
 * Entity keys in the URL (DEVREF22, sheet §1): `ARCustomers('1200')`, `OEOrders(10021638)`, named
 * `ICLocationDetails(ItemNumber='A1-105/0',Location='1')` or positional `ARRecurringCharges('ONCALL','1100')`
 * (positional segments in $metadata key order). Strings "should be enclosed in single quote characters ...
 * but this is not a requirement when no space characters appear within the value".
 */
export type KeyValues = Record<string, string>;

function invalidKey(text: string): SageError {
  return new SageError(400, 'InvalidEntityKey', `The key value '${text}' is not valid for the requested resource.`);
}

function splitSegments(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (quoted) throw invalidKey(text);
  parts.push(current);
  return parts;
}

function unquote(raw: string, whole: string): string {
  const v = raw.trim();
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) throw invalidKey(whole);
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (v === '' || /\s/.test(v)) throw invalidKey(whole);
  return v;
}

export function parseEntityKey(text: string, keyNames: readonly string[]): KeyValues {
  const segments = splitSegments(text);
  if (segments.length !== keyNames.length) throw invalidKey(text);
  const out: KeyValues = {};
  const named = segments.every((s) => /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(s));
  if (named) {
    for (const s of segments) {
      const eq = s.indexOf('=');
      const name = s.slice(0, eq).trim();
      if (!keyNames.includes(name) || name in out) throw invalidKey(text);
      out[name] = unquote(s.slice(eq + 1), text);
    }
  } else {
    segments.forEach((s, i) => {
      out[keyNames[i] as string] = unquote(s, text);
    });
  }
  return out;
}
