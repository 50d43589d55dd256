/** report.ts and not-fixed.ts: the words users read, pure. */
import { describe, expect, it } from 'vitest'
import { newFilesList, prBody } from '../../src/fix/report.js'
import { testsDiagnosis } from '../../src/fix/not-fixed.js'
import { emptyUsage } from '../../src/agent/types.js'
import type { TestFailure } from '../../src/fix/parsers/types.js'

const failure: TestFailure = {
  id: 'lib/a.test.mjs > adds',
  name: 'adds',
  message: 'expected 3, got 4',
  details: '',
  frames: [{ file: 'lib/a.mjs', line: 7 }],
  runner: 'node-tap',
} as TestFailure

describe('prBody: New files', () => {
  const facts = {
    failingBefore: [failure],
    headRef: 'feature',
    headSha: 'a'.repeat(40),
    rootCause: 'off by one',
    summary: 'fixed it',
    diffStat: ' lib/a.mjs | 2 +-',
    verification: { ok: true, steps: [] },
    usage: emptyUsage(),
    stopReason: 'end_turn' as const,
  }

  it('lists each new file, escaped when its name is unusual; no section without new files', () => {
    const body = prBody({ ...facts, newFiles: ['lib/b.mjs', 'lib/odd`name.mjs'] })
    expect(body).toContain('### New files\n\n- `lib/b.mjs`\n- `"lib/odd\\u0060name.mjs"`')
    expect(prBody(facts)).not.toContain('### New files')
    expect(newFilesList(['a\nb'])).toBe('- `"a\\nb"`')
  })
})

describe('testsDiagnosis', () => {
  it('names the first failing test, its message and where, and how many more', () => {
    expect(testsDiagnosis([failure, { ...failure, id: 'x' }], 'max_turns')).toBe(
      'No diagnosis from the model (it stopped: max_turns). From the tests: lib/a.test.mjs > adds fails with "expected 3, got 4" at lib/a.mjs:7 (and 1 more failing).',
    )
  })
})
