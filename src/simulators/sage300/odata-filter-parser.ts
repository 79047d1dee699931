/**
 * A small recursive-descent parser for the OData v4 `$filter` subset the Sage 300 Web API is seen to accept
 * (sheet §3.2): `eq ne gt ge lt le`, `and or not`, parentheses, `contains startswith endswith length
 * tolower toupper trim`, string/number/boolean/null literals, v4 date literals (`2026-11-01T00:00:00Z`,
 * `2026-11-01`), enum values as string literals.
 *
 * Hand-written on purpose: the maintained npm parsers (@odata/parser 0.2.14, odata-v4-parser 0.1.29) parse
 * `not contains(A,'x') and B eq 1` as `not (… and …)` (wrong rows, silently), reject integers of 11+ digits,
 * exponents and surrounding spaces, and odata-v4-parser fails on `endswith(Item,'/0')`. Precedence here is
 * that of Microsoft's ODataUriParser, which ASP.NET Web API OData (Sage's stack) uses:
 * `or` < `and` < `not` < comparison < primary.
 *
 * With `v3Literals` it also reads the OData v3 forms DEVREF22 still prints (`datetime'…'`, `99.99m`,
 * `substringof`); real v1.0 servers are INFERRED to reject them, so that switch is off by default.
 */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'date'; value: number; raw: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'compare'; op: CompareOp; left: FilterExpr; right: FilterExpr }
  | { kind: 'call'; name: string; args: FilterExpr[]; position: number }
  | { kind: 'property'; name: string; position: number }
  | { kind: 'literal'; literal: Literal; position: number };

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'lparen' | 'rparen' | 'comma' | 'end'; pos: number }
  | { t: 'word'; value: string; pos: number }
  | { t: 'literal'; literal: Literal; pos: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?/;
const NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WORD_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function dateLiteral(raw: string, pos: number): Literal {
  const ms = Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(ms)) throw new FilterSyntaxError(`Invalid date literal '${raw}'`, pos);
  return { kind: 'date', value: ms, raw };
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) throw new FilterSyntaxError('Unterminated string literal', start);
    value += text.slice(i, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      i = quote + 2;
    } else {
      return { value, end: quote + 1 };
    }
  }
}

export function tokenize(text: string, v3Literals = false): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', pos: i });
      i++;
    } else if (ch === "'") {
      const s = readString(text, i);
      tokens.push({ t: 'literal', literal: { kind: 'string', value: s.value }, pos: i });
      i = s.end;
    } else if (DATE_RE.test(rest)) {
      const raw = (DATE_RE.exec(rest) as RegExpExecArray)[0];
      tokens.push({ t: 'literal', literal: dateLiteral(raw, i), pos: i });
      i += raw.length;
    } else if (NUMBER_RE.test(rest)) {
      let raw = (NUMBER_RE.exec(rest) as RegExpExecArray)[0];
      let next = text[i + raw.length];
      if (v3Literals && next !== undefined && /[mMdDfFlL]/.test(next)) {
        raw += next;
        next = text[i + raw.length];
      }
      if (next !== undefined && /[A-Za-z0-9_.]/.test(next)) {
        throw new FilterSyntaxError(`Unexpected character '${next}'`, i + raw.length);
      }
      const value = Number(v3Literals ? raw.replace(/[mMdDfFlL]$/, '') : raw);
      tokens.push({ t: 'literal', literal: { kind: 'number', value, raw }, pos: i });
      i += raw.length;
    } else if (WORD_RE.test(rest)) {
      const word = (WORD_RE.exec(rest) as RegExpExecArray)[0];
      if (v3Literals && (word === 'datetime' || word === 'datetimeoffset') && text[i + word.length] === "'") {
        const s = readString(text, i + word.length);
        tokens.push({ t: 'literal', literal: dateLiteral(s.value, i), pos: i });
        i = s.end;
        continue;
      }
      tokens.push({ t: 'word', value: word, pos: i });
      i += word.length;
    } else {
      throw new FilterSyntaxError(`Unexpected character '${ch}'`, i);
    }
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

const FUNCTIONS: Record<string, number> = {
  contains: 2,
  startswith: 2,
  endswith: 2,
  length: 1,
  tolower: 1,
  toupper: 1,
  trim: 1,
};

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly v3Literals: boolean,
  ) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    return this.tokens[this.i++] as Token;
  }

  private isWord(value: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.value === value;
  }

  parse(): FilterExpr {
    const expr = this.or();
    const t = this.peek();
    if (t.t !== 'end') throw new FilterSyntaxError('Unexpected token after the end of the expression', t.pos);
    return expr;
  }

  private or(): FilterExpr {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterExpr {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    return this.comparison();
  }

  private comparison(): FilterExpr {
    const left = this.primary();
    const t = this.peek();
    if (t.t === 'word' && COMPARE_OPS.has(t.value)) {
      this.next();
      return { kind: 'compare', op: t.value as CompareOp, left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterExpr {
    const t = this.next();
    if (t.t === 'lparen') {
      const inner = this.or();
      const close = this.next();
      if (close.t !== 'rparen') throw new FilterSyntaxError("')' expected", close.pos);
      return inner;
    }
    if (t.t === 'literal') return { kind: 'literal', literal: t.literal, position: t.pos };
    if (t.t !== 'word') throw new FilterSyntaxError('Expression expected', t.pos);
    switch (t.value) {
      case 'true':
      case 'false':
        return { kind: 'literal', literal: { kind: 'boolean', value: t.value === 'true' }, position: t.pos };
      case 'null':
        return { kind: 'literal', literal: { kind: 'null' }, position: t.pos };
      case 'and':
      case 'or':
      case 'not':
      case 'eq':
      case 'ne':
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        throw new FilterSyntaxError(`Expression expected before '${t.value}'`, t.pos);
    }
    if (this.peek().t === 'lparen') return this.call(t.value, t.pos);
    return { kind: 'property', name: t.value, position: t.pos };
  }

  private call(name: string, pos: number): FilterExpr {
    const arity = FUNCTIONS[name] ?? (this.v3Literals && name === 'substringof' ? 2 : undefined);
    if (arity === undefined) throw new FilterSyntaxError(`Unknown function '${name}'`, pos);
    this.next();
    const args: FilterExpr[] = [];
    if (this.peek().t !== 'rparen') {
      args.push(this.or());
      while (this.peek().t === 'comma') {
        this.next();
        args.push(this.or());
      }
    }
    const close = this.next();
    if (close.t !== 'rparen') throw new FilterSyntaxError("')' or ',' expected", close.pos);
    if (args.length !== arity) {
      throw new FilterSyntaxError(`The function '${name}' takes ${arity} argument(s), ${args.length} given`, pos);
    }
    return { kind: 'call', name, args, position: pos };
  }
}

export function parseFilter(text: string, options: { v3Literals?: boolean } = {}): FilterExpr {
  const v3 = options.v3Literals ?? false;
  if (text.trim() === '') throw new FilterSyntaxError('Empty $filter', 0);
  return new Parser(tokenize(text, v3), v3).parse();
}
