import type { CompareOp, FilterExpr, Literal } from './odata-filter-parser.js';

/**
 * Turns a parsed `$filter` into a predicate over whatever a resource stores (a plain object, or a compact
 * order row). Each property is resolved once, at compile time, to a getter and a type, so a filter is checked
 * against the entity type the way ASP.NET OData checks it (unknown property, incompatible operand types,
 * enum member that does not exist → 400) and then runs without looking names up per row.
 */
export type ValueType = 'string' | 'number' | 'date' | 'boolean' | 'enum';

export interface FilterProperty<Row> {
  type: ValueType;
  /** Dates as epoch milliseconds (or null); strings, numbers and booleans as they are; enums as member names. */
  get(row: Row): string | number | boolean | null;
  /** Enum members (for enum-typed properties). */
  members?: readonly string[];
  /** The EDM type name for error messages, e.g. `Edm.Decimal`. */
  edmType: string;
}

export type PropertyResolver<Row> = (name: string) => FilterProperty<Row> | undefined;

export class FilterTypeError extends Error {
  override readonly name = 'FilterTypeError';
}

type Value = string | number | boolean | null;
type Getter<Row> = (row: Row) => Value;
interface Typed<Row> {
  type: ValueType | 'null';
  edmType: string;
  get: Getter<Row>;
  members?: readonly string[] | undefined;
  literal?: Literal;
}

const EDM_OF_LITERAL: Record<Literal['kind'], string> = {
  string: 'Edm.String',
  number: 'Edm.Decimal',
  date: 'Edm.DateTimeOffset',
  boolean: 'Edm.Boolean',
  null: 'null',
};

const OP_KIND: Record<CompareOp, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

export function compileFilter<Row>(
  expr: FilterExpr,
  resolve: PropertyResolver<Row>,
  typeName: string,
): (row: Row) => boolean {
  const c = new Compiler(resolve, typeName);
  return c.bool(expr);
}

class Compiler<Row> {
  constructor(
    private readonly resolve: PropertyResolver<Row>,
    private readonly typeName: string,
  ) {}

  bool(expr: FilterExpr): (row: Row) => boolean {
    switch (expr.kind) {
      case 'and': {
        const l = this.bool(expr.left);
        const r = this.bool(expr.right);
        return (row) => l(row) && r(row);
      }
      case 'or': {
        const l = this.bool(expr.left);
        const r = this.bool(expr.right);
        return (row) => l(row) || r(row);
      }
      case 'not': {
        const o = this.bool(expr.operand);
        return (row) => !o(row);
      }
      case 'compare':
        return this.compare(expr.op, this.value(expr.left), this.value(expr.right));
      case 'call':
        if (['contains', 'startswith', 'endswith', 'substringof'].includes(expr.name)) return this.stringTest(expr);
        throw new FilterTypeError(`The function '${expr.name}' does not return a Boolean value.`);
      default: {
        const v = this.value(expr);
        if (v.type !== 'boolean') {
          throw new FilterTypeError(`The $filter expression must evaluate to a single boolean value.`);
        }
        return (row) => v.get(row) === true;
      }
    }
  }

  private stringTest(expr: Extract<FilterExpr, { kind: 'call' }>): (row: Row) => boolean {
    // v3 substringof(needle, haystack) has its arguments the other way round.
    const [a, b] = expr.args.map((arg) => this.value(arg)) as [Typed<Row>, Typed<Row>];
    const [hay, needle] = expr.name === 'substringof' ? [b, a] : [a, b];
    for (const arg of [hay, needle]) {
      if (arg.type !== 'string' && arg.type !== 'enum') {
        throw new FilterTypeError(
          `No function signature for the function with name '${expr.name}' matches the specified arguments (found '${arg.edmType}').`,
        );
      }
    }
    const test =
      expr.name === 'startswith'
        ? (h: string, n: string) => h.startsWith(n)
        : expr.name === 'endswith'
          ? (h: string, n: string) => h.endsWith(n)
          : (h: string, n: string) => h.includes(n);
    return (row) => {
      const h = hay.get(row);
      const n = needle.get(row);
      return typeof h === 'string' && typeof n === 'string' && test(h, n);
    };
  }

  private value(expr: FilterExpr): Typed<Row> {
    switch (expr.kind) {
      case 'literal': {
        const lit = expr.literal;
        const v: Value = lit.kind === 'null' ? null : lit.value;
        return { type: lit.kind, edmType: EDM_OF_LITERAL[lit.kind], get: () => v, literal: lit };
      }
      case 'property': {
        const p = this.resolve(expr.name);
        if (!p) throw new FilterTypeError(`Could not find a property named '${expr.name}' on type '${this.typeName}'.`);
        return { type: p.type, edmType: p.edmType, get: p.get, members: p.members };
      }
      case 'call':
        return this.valueCall(expr);
      default: {
        const b = this.bool(expr);
        return { type: 'boolean', edmType: 'Edm.Boolean', get: b };
      }
    }
  }

  private valueCall(expr: Extract<FilterExpr, { kind: 'call' }>): Typed<Row> {
    if (!['length', 'tolower', 'toupper', 'trim'].includes(expr.name)) {
      const b = this.bool(expr);
      return { type: 'boolean', edmType: 'Edm.Boolean', get: b };
    }
    const arg = this.value(expr.args[0] as FilterExpr);
    if (arg.type !== 'string' && arg.type !== 'enum') {
      throw new FilterTypeError(
        `No function signature for the function with name '${expr.name}' matches the specified arguments (found '${arg.edmType}').`,
      );
    }
    const get = arg.get;
    switch (expr.name) {
      case 'length':
        return { type: 'number', edmType: 'Edm.Int32', get: (row) => String(get(row) ?? '').length };
      case 'tolower':
        return { type: 'string', edmType: 'Edm.String', get: (row) => String(get(row) ?? '').toLowerCase() };
      case 'toupper':
        return { type: 'string', edmType: 'Edm.String', get: (row) => String(get(row) ?? '').toUpperCase() };
      default:
        return { type: 'string', edmType: 'Edm.String', get: (row) => String(get(row) ?? '').trim() };
    }
  }

  private compare(op: CompareOp, left: Typed<Row>, right: Typed<Row>): (row: Row) => boolean {
    this.checkCompatible(op, left, right);
    this.checkEnumLiteral(left, right);
    this.checkEnumLiteral(right, left);
    const l = left.get;
    const r = right.get;
    switch (op) {
      case 'eq':
        return (row) => l(row) === r(row);
      case 'ne':
        return (row) => l(row) !== r(row);
      default: {
        const test = ORDER_TESTS[op];
        return (row) => {
          const a = l(row);
          const b = r(row);
          // SQL semantics: an ordering comparison with null is false.
          if (a === null || b === null) return false;
          return test(a < b ? -1 : a > b ? 1 : 0);
        };
      }
    }
  }

  private checkCompatible(op: CompareOp, left: Typed<Row>, right: Typed<Row>): void {
    const norm = (t: Typed<Row>['type']) => (t === 'enum' ? 'string' : t);
    const a = norm(left.type);
    const b = norm(right.type);
    if (a === 'null' || b === 'null') {
      if (op === 'eq' || op === 'ne') return;
    } else if (a === b) {
      if (op === 'eq' || op === 'ne' || a !== 'boolean') return;
    }
    throw new FilterTypeError(
      `A binary operator with incompatible types was detected. Found operand types '${left.edmType}' and '${right.edmType}' for operator kind '${OP_KIND[op]}'.`,
    );
  }

  private checkEnumLiteral(prop: Typed<Row>, other: Typed<Row>): void {
    if (prop.type !== 'enum' || other.literal?.kind !== 'string' || !prop.members) return;
    const value = other.literal.value;
    if (!prop.members.includes(value)) {
      throw new FilterTypeError(`The string '${value}' is not a valid enumerated type constant for '${prop.edmType}'.`);
    }
  }
}

const ORDER_TESTS: Record<'gt' | 'ge' | 'lt' | 'le', (c: number) => boolean> = {
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};
