/**
 * A tiny, safe expression language for metric conditions, e.g. `result < 0.05` or
 * `result >= 10 && !(result > 500)`. It is parsed by hand (no eval, no Function) and type-checked
 * at compile time, so a typo in `.github/pitcrew.yml` is a configuration error before the watch
 * starts, not an exception in the middle of it.
 *
 * Grammar (lowest precedence first):
 *   or      := and ('||' and)*
 *   and     := not ('&&' not)*
 *   not     := '!' not | cmp
 *   cmp     := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | 'result' | 'true' | 'false' | '(' or ')'
 * `!` binds looser than comparison, so `!result > 5` means `!(result > 5)`. The whole expression
 * must be boolean; `&&`, `||`, `!` take booleans; arithmetic and comparison take numbers.
 */

type Node =
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'result' }
  | { k: 'not'; a: Node }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }

type Ty = 'number' | 'boolean'

interface Token {
  t: 'num' | 'id' | 'op' | 'end'
  s: string
  pos: number
}

const OPS = ['<=', '>=', '==', '!=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '(', ')']

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))
    if (num) {
      out.push({ t: 'num', s: num[0], pos: i })
      i += num[0].length
      continue
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))
    if (id) {
      out.push({ t: 'id', s: id[0], pos: i })
      i += id[0].length
      continue
    }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (op) {
      out.push({ t: 'op', s: op, pos: i })
      i += op.length
      continue
    }
    throw exprError(src, i, `unexpected character '${c}'`)
  }
  out.push({ t: 'end', s: '', pos: src.length })
  return out
}

function exprError(src: string, pos: number, what: string): Error {
  return new Error(
    `Invalid expression '${src}' at position ${pos}: ${what}. Expected a condition over 'result' using numbers, comparisons (< <= > >= == !=), && || !, + - * / and parentheses, e.g. 'result < 0.05'.`,
  )
}

function parse(src: string): Node {
  const toks = tokenize(src)
  let p = 0
  const peek = (): Token => toks[p]!
  const isOp = (...ops: string[]): boolean => peek().t === 'op' && ops.includes(peek().s)

  const or = (): Node => {
    let a = and()
    while (isOp('||')) {
      p++
      a = { k: 'bin', op: '||', a, b: and() }
    }
    return a
  }
  const and = (): Node => {
    let a = not()
    while (isOp('&&')) {
      p++
      a = { k: 'bin', op: '&&', a, b: not() }
    }
    return a
  }
  const not = (): Node => {
    if (isOp('!')) {
      p++
      return { k: 'not', a: not() }
    }
    return cmp()
  }
  const cmp = (): Node => {
    const a = sum()
    if (isOp('<', '<=', '>', '>=', '==', '!=')) {
      const op = toks[p++]!.s
      return { k: 'bin', op, a, b: sum() }
    }
    return a
  }
  const sum = (): Node => {
    let a = product()
    while (isOp('+', '-')) {
      const op = toks[p++]!.s
      a = { k: 'bin', op, a, b: product() }
    }
    return a
  }
  const product = (): Node => {
    let a = unary()
    while (isOp('*', '/')) {
      const op = toks[p++]!.s
      a = { k: 'bin', op, a, b: unary() }
    }
    return a
  }
  const unary = (): Node => {
    if (isOp('-')) {
      p++
      return { k: 'neg', a: unary() }
    }
    return primary()
  }
  const primary = (): Node => {
    const t = peek()
    if (t.t === 'num') {
      p++
      return { k: 'num', v: Number(t.s) }
    }
    if (t.t === 'id') {
      p++
      if (t.s === 'result') return { k: 'result' }
      if (t.s === 'true' || t.s === 'false') return { k: 'bool', v: t.s === 'true' }
      throw exprError(src, t.pos, `unknown name '${t.s}' (only 'result', 'true', 'false')`)
    }
    if (isOp('(')) {
      p++
      const e = or()
      if (!isOp(')')) throw exprError(src, peek().pos, `missing ')'`)
      p++
      return e
    }
    throw exprError(src, t.pos, t.t === 'end' ? 'unexpected end' : `unexpected '${t.s}'`)
  }

  const node = or()
  if (peek().t !== 'end') throw exprError(src, peek().pos, `unexpected '${peek().s}'`)
  return node
}

function typeOf(src: string, n: Node): Ty {
  const want = (node: Node, ty: Ty, op: string): void => {
    const got = typeOf(src, node)
    if (got !== ty) throw exprError(src, 0, `'${op}' needs ${ty} operands, got ${got}`)
  }
  switch (n.k) {
    case 'num':
    case 'result':
      return 'number'
    case 'bool':
      return 'boolean'
    case 'not':
      want(n.a, 'boolean', '!')
      return 'boolean'
    case 'neg':
      want(n.a, 'number', '-')
      return 'number'
    case 'bin':
      if (n.op === '&&' || n.op === '||') {
        want(n.a, 'boolean', n.op)
        want(n.b, 'boolean', n.op)
        return 'boolean'
      }
      want(n.a, 'number', n.op)
      want(n.b, 'number', n.op)
      return ['+', '-', '*', '/'].includes(n.op) ? 'number' : 'boolean'
  }
}

function evaluate(n: Node, result: number): number | boolean {
  switch (n.k) {
    case 'num':
    case 'bool':
      return n.v
    case 'result':
      return result
    case 'not':
      return !evaluate(n.a, result)
    case 'neg':
      return -(evaluate(n.a, result) as number)
    case 'bin': {
      // Short-circuit like every language users know.
      if (n.op === '&&')
        return (evaluate(n.a, result) as boolean) && (evaluate(n.b, result) as boolean)
      if (n.op === '||')
        return (evaluate(n.a, result) as boolean) || (evaluate(n.b, result) as boolean)
      const a = evaluate(n.a, result) as number
      const b = evaluate(n.b, result) as number
      switch (n.op) {
        case '+':
          return a + b
        case '-':
          return a - b
        case '*':
          return a * b
        case '/':
          return a / b
        case '<':
          return a < b
        case '<=':
          return a <= b
        case '>':
          return a > b
        case '>=':
          return a >= b
        case '==':
          return a === b
        default:
          return a !== b
      }
    }
  }
}

/** A compiled condition: true means the measurement passes. */
export type CompiledExpr = (result: number) => boolean

const compiled = new Map<string, CompiledExpr>()

/**
 * Compiles a condition once; throws `Invalid expression ...` naming the position when it does not
 * parse or is not a boolean condition, so config validation can call it up front.
 */
export function compileExpr(src: string): CompiledExpr {
  const hit = compiled.get(src)
  if (hit) return hit
  const node = parse(src)
  if (typeOf(src, node) !== 'boolean') {
    throw exprError(src, 0, 'the expression is a number, not a condition')
  }
  const fn: CompiledExpr = (result) => evaluate(node, result) === true
  compiled.set(src, fn)
  return fn
}
