import { describe, expect, it } from 'vitest'
import { compileExpr } from '../../src/rollback/expr.js'

describe('compileExpr', () => {
  it.each([
    ['result < 0.05', 0.04, true],
    ['result < 0.05', 0.05, false],
    ['result <= 0.05', 0.05, true],
    ['result >= 10 && result <= 20', 15, true],
    ['result >= 10 && result <= 20', 21, false],
    ['result < 1 || result > 100', 50, false],
    ['!(result > 5)', 3, true],
    ['!result > 5', 3, true], // ! binds looser than comparison
    ['result * 100 < 5', 0.04, true],
    ['result / 2 + 1 == 2', 2, true],
    ['-result < -1', 2, true],
    ['1 - 2 - 3 == -4', 0, true], // left associative
    ['2 + 3 * 4 == 14', 0, true],
    ['(2 + 3) * 4 == 20', 0, true],
    ['result != 0', 0, false],
    ['true && !false', 0, true],
    ['result < 1e3', 999, true],
  ])('%s with result=%s -> %s', (src, result, expected) => {
    expect(compileExpr(src)(result)).toBe(expected)
  })

  it('treats NaN as failing every comparison but !=', () => {
    expect(compileExpr('result < 5')(Number.NaN)).toBe(false)
    expect(compileExpr('result >= 5')(Number.NaN)).toBe(false)
  })

  it.each([
    ['result <', /unexpected end/],
    ['result < 0.05)', /unexpected '\)'/],
    ['(result < 1', /missing '\)'/],
    ['process.exit() < 1', /unexpected character '\.'|unknown name 'process'/],
    ['constructor < 1', /unknown name 'constructor'/],
    ['result + 1', /a number, not a condition/],
    ['result && true', /'&&' needs boolean operands/],
    ['(result < 1) + 2 > 0', /'\+' needs number operands/],
    ['result = 1', /unexpected character '='/],
  ])('rejects %s', (src, message) => {
    expect(() => compileExpr(src)).toThrow(message)
    expect(() => compileExpr(src)).toThrow(/^Invalid expression '/)
  })
})
