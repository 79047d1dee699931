/**
 * Reads the `$metadata` EDMX document far enough to feature-detect (sheet §6: available properties vary by
 * version and installed modules): entity sets → entity type → property names, and complex types (order
 * details) → property names. Tolerant of attribute order and whitespace; not a general EDMX parser.
 */
export interface EdmxModel {
  /** Entity set name → its entity type's property names. */
  entitySets: Map<string, Set<string>>;
  /** Complex or entity type name (unqualified) → property names. */
  types: Map<string, Set<string>>;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"/g)) out[m[1] as string] = m[2] as string;
  return out;
}

export function parseEdmx(xml: string): EdmxModel {
  const types = new Map<string, Set<string>>();
  for (const m of xml.matchAll(/<(EntityType|ComplexType)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const name = attributes(m[2] as string)['Name'];
    if (!name) continue;
    const props = new Set<string>();
    for (const p of (m[3] as string).matchAll(/<Property\b([^>]*)\/?>/g)) {
      const pn = attributes(p[1] as string)['Name'];
      if (pn) props.add(pn);
    }
    types.set(name, props);
  }
  const entitySets = new Map<string, Set<string>>();
  for (const m of xml.matchAll(/<EntitySet\b([^>]*)\/?>/g)) {
    const a = attributes(m[1] as string);
    if (!a['Name'] || !a['EntityType']) continue;
    const typeName = a['EntityType'].split('.').pop() as string;
    entitySets.set(a['Name'], types.get(typeName) ?? new Set());
  }
  return { entitySets, types };
}
