import { type FilterExpr, FilterSyntaxError, parseFilter } from './odata-filter-parser.js';
import { invalidParameters } from './sage-error.js';

/**
 * The query options of one collection request (sheet §3.2). "each type of query option should only appear
 * once per request" (DEVREF22); a malformed option is a 400 `InvalidParameters` whose message follows
 * ASP.NET OData's wording, never a crash.
 */
export interface ODataQuery {
  filter?: FilterExpr;
  filterText?: string;
  select?: string[];
  top?: number;
  skip?: number;
  orderby?: { name: string; desc: boolean }[];
  count: boolean;
  /** Every option as received (non-$ parameters included), for building `@odata.nextLink`. */
  params: [string, string][];
}

const KNOWN = new Set(['$filter', '$select', '$top', '$skip', '$orderby', '$count', '$expand', '$format']);

function nonNegativeInt(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw invalidParameters(
      `The query specified in the URI is not valid. Invalid value '${value}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  }
  return Number(value);
}

export function parseQuery(search: string, options: { v3Literals?: boolean } = {}): ODataQuery {
  const params = [...new URLSearchParams(search)];
  const query: ODataQuery = { count: false, params };
  const seen = new Set<string>();
  for (const [rawName, value] of params) {
    const name = rawName.trim();
    if (!name.startsWith('$')) continue;
    if (!KNOWN.has(name)) {
      throw invalidParameters(`The query parameter '${name}' is not supported.`);
    }
    if (seen.has(name)) {
      throw invalidParameters(
        `The query parameter '${name}' is specified more than once but it must be specified at most once.`,
      );
    }
    seen.add(name);
    switch (name) {
      case '$filter':
        try {
          query.filter = parseFilter(value, options);
          query.filterText = value;
        } catch (error) {
          if (!(error instanceof FilterSyntaxError)) throw error;
          throw invalidParameters(
            `The query specified in the URI is not valid. Syntax error at position ${error.position} in '${value}': ${error.message}.`,
          );
        }
        break;
      case '$select':
        query.select = value.split(',').map((s) => s.trim());
        if (query.select.some((s) => !/^(\*|[A-Za-z_][A-Za-z0-9_]*)$/.test(s))) {
          throw invalidParameters(`The query specified in the URI is not valid. Syntax error in $select '${value}'.`);
        }
        break;
      case '$top':
        query.top = nonNegativeInt('$top', value);
        break;
      case '$skip':
        query.skip = nonNegativeInt('$skip', value);
        break;
      case '$count':
        if (value !== 'true' && value !== 'false') {
          throw invalidParameters(
            `The query specified in the URI is not valid. '${value}' is not a valid count option.`,
          );
        }
        query.count = value === 'true';
        break;
      case '$orderby':
        query.orderby = value.split(',').map((part) => {
          const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
          if (!m)
            throw invalidParameters(
              `The query specified in the URI is not valid. Syntax error in $orderby '${value}'.`,
            );
          return { name: m[1] as string, desc: m[2] === 'desc' };
        });
        break;
      case '$expand':
        // Details are complex types returned inline; there are no navigation properties to expand (sheet §3.1).
        throw invalidParameters(
          `The query specified in the URI is not valid. Could not find a property named '${value}' on type 'entity' to expand.`,
        );
      default:
        break;
    }
  }
  return query;
}
