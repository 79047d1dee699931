import type { V2AnswerFacts } from './v2-document-facts.js';

/** What an answer breaks of the document's facts: missing required properties, wrong types, undocumented nulls. */
export function documentViolations(body: unknown, facts: V2AnswerFacts): string[] {
  const out: string[] = [];
  const visit = (value: unknown, path: string): void => {
    const fact = facts.props[path];
    if (value === null) {
      if (!fact?.includes('?')) out.push(`${path} is null; the document has no nullable there`);
      return;
    }
    if (fact) {
      const type = fact.replace(/[!?]/g, '');
      if (!typeMatches(value, type)) out.push(`${path} is ${JSON.stringify(value)}; the document says ${type}`);
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, `${path}[]`);
      return;
    }
    if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const [p, t] of Object.entries(facts.props)) {
        if (!t.includes('!') || !isChildOf(p, path)) continue;
        const key = p.slice(path.length + 1);
        if (!(key in object)) out.push(`${p} is required and missing`);
      }
      for (const [key, child] of Object.entries(object)) visit(child, `${path}.${key}`);
    }
  };
  visit(body, '$');
  return out;
}

function isChildOf(p: string, parent: string): boolean {
  if (!p.startsWith(`${parent}.`)) return false;
  const rest = p.slice(parent.length + 1);
  return !rest.includes('.') && !rest.includes('[');
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'int32':
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}
