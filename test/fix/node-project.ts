/**
 * A node:test project of two files for the fix tests that exercise delivery rather than a test
 * runner: each run of its tests takes about a second, against several for vitest.
 */
import { toolUse } from '../harness/anthropic-server.js'

export const NODE_TEST = 'node --test lib/'
export const NODE_FILES = {
  'lib/price.mjs':
    'export function applyDiscount(price, percent) {\n  return price - price * percent\n}\n',
  'lib/price.test.mjs': [
    "import { test } from 'node:test'",
    "import assert from 'node:assert/strict'",
    "import { applyDiscount } from './price.mjs'",
    '',
    "test('applyDiscount takes a percentage off', () => {",
    '  assert.equal(applyDiscount(200, 10), 180)',
    '})',
    "test('applyDiscount keeps the price at 0 percent', () => {",
    '  assert.equal(applyDiscount(200, 0), 200)',
    '})',
    '',
  ].join('\n'),
}
export const fixLib = toolUse('edit_file', {
  path: 'lib/price.mjs',
  old_text: 'price - price * percent',
  new_text: 'price - (price * percent) / 100',
})
export const finish = toolUse('finish', {
  status: 'fixed',
  root_cause: 'lib/price.mjs applyDiscount multiplied by the percent as if it were a fraction.',
  summary: 'Divide the percent by 100.',
})
