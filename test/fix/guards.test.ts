import { describe, expect, it } from 'vitest'
import {
  checkDiff,
  editGuard,
  failingTestFiles,
  isProtected,
  isTestFile,
  parseDiffEntries,
  type GuardConfig,
} from '../../src/fix/guards.js'
import type { TestFailure } from '../../src/fix/parsers/types.js'

const cfg = (over: Partial<GuardConfig> = {}): GuardConfig => ({
  protectedPaths: ['.github/**'],
  allowTestEdits: false,
  maxChangedLines: 50,
  testFiles: ['checks/odd_name.ts'],
  ...over,
})

describe('isProtected', () => {
  it('matches .github/** by default, dot files included', () => {
    expect(isProtected('.github/workflows/ci.yml')).toBe(true)
    expect(isProtected('./.github/pitcrew.yml')).toBe(true)
    expect(isProtected('src/github.ts')).toBe(false)
    expect(isProtected('deploy/prod.yml', ['deploy/**'])).toBe(true)
  })
})

describe('isTestFile', () => {
  it.each([
    'test/a.ts',
    'tests/test_x.py',
    'src/__tests__/a.js',
    'src/a.test.ts',
    'src/a.spec.tsx',
    'pkg/test_calc.py',
    'pkg/calc_test.py',
    'pkg/conftest.py',
    'calc/calc_test.go',
    'src/test/java/com/x/CalcTest.java',
    'vitest.config.ts',
    'pytest.ini',
  ])('%s is a test file', (p) => expect(isTestFile(p)).toBe(true))

  it.each(['src/math.ts', 'pkg/calc.py', 'calc/calc.go', 'src/testing-utils.ts', 'src/latest.ts'])(
    '%s is not',
    (p) => expect(isTestFile(p)).toBe(false),
  )

  it('recognises the failing tests files whatever their name', () => {
    expect(isTestFile('checks/odd_name.ts', ['checks/odd_name.ts'])).toBe(true)
    const f = {
      id: 'checks/odd.py::test_x',
      name: 'test_x',
      message: '',
      details: '',
      frames: [],
      runner: 'pytest',
    } as TestFailure
    expect(failingTestFiles([f])).toEqual(['checks/odd.py'])
  })
})

describe('editGuard', () => {
  it('refuses protected paths and test files, allows code', () => {
    const g = editGuard(cfg())
    expect(g('.github/workflows/ci.yml')).toMatch(/protected path/)
    expect(g('test/math.spec.ts')).toMatch(/test file/)
    expect(g('checks/odd_name.ts')).toMatch(/test file/)
    expect(g('src/math.ts')).toBeNull()
  })

  it('allows test edits when configured, never protected paths', () => {
    const g = editGuard(cfg({ allowTestEdits: true }))
    expect(g('test/math.spec.ts')).toBeNull()
    expect(g('.github/x.yml')).not.toBeNull()
  })
})

describe('parseDiffEntries and checkDiff', () => {
  // as printed by `git diff -z --name-status -M` and `git diff -z --numstat -M`
  const ns = [
    'M',
    'src/a.ts',
    'R095',
    'test/old.spec.ts',
    'src/new.ts',
    'D',
    'src/gone.ts',
    'A',
    'src/with space.ts',
    '',
  ].join('\0')
  const num = [
    '3\t1\tsrc/a.ts',
    '1\t1\t',
    'test/old.spec.ts',
    'src/new.ts',
    '0\t10\tsrc/gone.ts',
    '-\t-\tsrc/with space.ts',
    '',
  ].join('\0')

  it('parses -z output including renames and binaries', () => {
    const e = parseDiffEntries(ns, num)
    expect(e).toEqual([
      { status: 'M', path: 'src/a.ts', added: 3, deleted: 1, binary: false },
      {
        status: 'R',
        path: 'src/new.ts',
        oldPath: 'test/old.spec.ts',
        added: 1,
        deleted: 1,
        binary: false,
      },
      { status: 'D', path: 'src/gone.ts', added: 0, deleted: 10, binary: false },
      { status: 'A', path: 'src/with space.ts', added: 0, deleted: 0, binary: true },
    ])
  })

  it('refuses deletions, renamed-away tests, protected paths and oversized diffs', () => {
    const reasons = checkDiff(parseDiffEntries(ns, num), cfg({ maxChangedLines: 10 }))
    expect(reasons.join('\n')).toMatch(/'src\/gone.ts' is deleted/)
    expect(reasons.join('\n')).toMatch(/'test\/old.spec.ts': it is a test file/)
    expect(reasons.join('\n')).toMatch(/changes 16 lines, more than max-changed-lines \(10\)/)
    const gh = checkDiff(
      [{ status: 'M', path: '.github/workflows/ci.yml', added: 1, deleted: 0, binary: false }],
      cfg(),
    )
    expect(gh[0]).toMatch(/protected path/)
  })

  it('accepts a small change to code', () => {
    expect(
      checkDiff([{ status: 'M', path: 'src/a.ts', added: 1, deleted: 1, binary: false }], cfg()),
    ).toEqual([])
  })

  it('refuses an empty diff', () => {
    expect(checkDiff([], cfg())).toEqual(['The diff is empty: nothing was changed.'])
  })
})
