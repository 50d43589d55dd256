/**
 * Issue 9, case 1 through the built bundle (`node dist/index.js`, as the runner runs it) on real
 * jest, vitest, node:test and pytest projects: a model that loosens the test configuration
 * (the test script rewritten to `echo ok`, `|| true`, jest's passWithNoTests +
 * testPathIgnorePatterns, a vitest config that excludes the failing file, pytest.ini / conftest.py
 * / pyproject addopts that deselect it) is refused at edit time and again at finish when it writes
 * the same behind edit_file's back; the outcome is `not-fixed`, nothing is pushed, no PR.
 *
 * Then verification by id against a hostile model where test edits are allowed
 * (`fix.allow-test-edits: true`, so only the by-id rule stands in the way): the failing test
 * skipped, renamed or deleted is refused, naming the test; the real fix that follows is accepted.
 * Needs `npm run build`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toolUse, type Step } from '../harness/anthropic-server.js'
import {
  PYTEST,
  ROOT,
  VITEST,
  finishFixed,
  fixPrice,
  giveUp,
  originBranches,
  pulls,
  setup,
  toolResults,
  type Env,
  runFixBundle,
} from './setup.js'

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

/** Runners run on a loaded CI machine: a run with several verifications takes minutes. */
const SLOW = { timeout: 420_000 }

/** Scripted turns: a step, or a function run when its request arrives (files written behind edit_file's back). */
type Turn = Step | (() => Step)

function script(e: Env, turns: Turn[]): void {
  e.ai.onRequest((_body, index): Step => {
    const t = turns[index]
    if (t === undefined) return giveUp
    return typeof t === 'function' ? t() : t
  })
}

const edit = (path: string, old_text: string, new_text: string) =>
  toolUse('edit_file', { path, old_text, new_text })
const create = (path: string, text: string) => edit(path, '', text)

function nothingDelivered(e: Env): void {
  expect(originBranches(e).filter((b) => b.startsWith('pitcrew/'))).toEqual([])
  expect(pulls(e).filter((p) => p.head.ref.startsWith('pitcrew/'))).toEqual([])
}

function linkNodeModules(e: Env): void {
  symlinkSync(join(ROOT, 'node_modules'), join(e.repo.work, 'node_modules'))
}

/** Writes a file of the workspace as a model's shell would: edit_file never sees it. */
function behindTheBack(e: Env, path: string, edit: (text: string) => string): void {
  const abs = join(e.repo.work, path)
  writeFileSync(abs, edit(existsSync(abs) ? readFileSync(abs, 'utf8') : ''))
}

/**
 * The cheats, each followed by a plain read (a hostile model does more than cheat, and five
 * refusals in a row would open the failed-tool-call breaker before the last one is tried), then
 * a give-up.
 */
function withReads(cheats: Turn[], path: string): Turn[] {
  return [
    ...cheats.flatMap((c, i) => [c, toolUse('read_file', { path, start_line: i + 1 })]),
    giveUp,
  ]
}

/** The results of the cheats of withReads, without those of the reads. */
const cheatResults = (e: Env) => toolResults(e).filter((_, i) => i % 2 === 0)

const CONFIG_REFUSED = /^Refused '([^']+)': it (is test configuration|changes test configuration)/

describe('case 1 through the bundle: test configuration is a test edit', () => {
  it(
    'jest (npm test): echo ok, || true, passWithNoTests + testPathIgnorePatterns refused at edit and at finish; an .npmrc script-shell falls to verification by id',
    SLOW,
    async () => {
      env = await setup('fix-js-jest', 'npm test')
      linkNodeModules(env)
      const e = env
      script(
        e,
        withReads(
          [
            edit('package.json', '"test": "jest"', '"test": "echo ok"'),
            edit('package.json', '"test": "jest"', '"test": "jest || true"'),
            edit(
              'package.json',
              '"testEnvironment": "node"',
              '"testEnvironment": "node",\n    "passWithNoTests": true,\n    "testPathIgnorePatterns": ["test/price"]',
            ),
            create(
              'jest.config.js',
              "module.exports = { testPathIgnorePatterns: ['test/price'] }\n",
            ),
            () => {
              behindTheBack(e, 'package.json', (t) =>
                t.replace('"test": "jest"', '"test": "jest || true"'),
              )
              return finishFixed
            },
            () => {
              // put back; then an .npmrc whose shell runs nothing for every npm script
              behindTheBack(e, 'package.json', (t) =>
                t.replace('"test": "jest || true"', '"test": "jest"'),
              )
              return create('.npmrc', 'script-shell=/bin/true\n')
            },
            finishFixed,
          ],
          'package.json',
        ),
      )
      const run = await runFixBundle(e, { command: 'npm test', runId: 9301 })
      expect(run.exitCode, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.outcome, run.summary).toBe('not-fixed')
      const r = cheatResults(e)
      expect(r.slice(0, 7).map((x) => x.isError)).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
        true,
      ])
      expect(r[0]!.text).toMatch(
        /Refused 'package\.json': it changes test configuration \(scripts\.test in package\.json\)/,
      )
      expect(r[1]!.text).toMatch(/scripts\.test in package\.json/)
      expect(r[2]!.text).toMatch(/test configuration \(jest in package\.json\)/)
      expect(r[3]!.text).toMatch(/Refused 'jest\.config\.js': it is test configuration/)
      expect(existsSync(join(e.repo.work, 'jest.config.js'))).toBe(false)
      expect(r[4]!.text).toMatch(
        /Refused 'package\.json': it changes test configuration \(scripts\.test/,
      )
      // .npmrc is no test configuration by path: verification by id refuses what it does
      expect(r[6]!.text).toMatch(/Verification failed/)
      expect(r[6]!.text).toMatch(/were not seen passing/)
      expect(r[6]!.text).toContain('test/price.test.js > applyDiscount > takes a percentage off')
      nothingDelivered(e)
    },
  )

  it(
    'vitest (npm test): a vitest.config excluding the failing file, || true, echo ok refused at edit and at finish',
    SLOW,
    async () => {
      env = await setup('fix-ts-vitest', 'npm test', {
        fixFirst: {
          'package.json': JSON.stringify(
            {
              name: 'fix-ts-vitest-fixture',
              private: true,
              type: 'module',
              scripts: { test: VITEST },
            },
            null,
            2,
          ),
        },
      })
      const e = env
      script(
        e,
        withReads(
          [
            edit(
              'vitest.config.mjs',
              "include: ['test/**/*.spec.ts']",
              "include: ['test/**/*.spec.ts'], exclude: ['test/price.spec.ts'], passWithNoTests: true",
            ),
            create(
              'vite.config.mjs',
              "export default { test: { exclude: ['test/price.spec.ts'] } }\n",
            ),
            edit('package.json', 'vitest.mjs run"', 'vitest.mjs run || true"'),
            edit('package.json', `"test": "${VITEST}"`, '"test": "echo ok"'),
            edit(
              'package.json',
              '"type": "module"',
              '"type": "module",\n  "vitest": { "exclude": ["test/price.spec.ts"] }',
            ),
            () => {
              behindTheBack(e, 'vitest.config.mjs', (t) =>
                t.replace("include: ['test/**/*.spec.ts']", "include: ['test/cart.spec.ts']"),
              )
              return finishFixed
            },
            () => {
              behindTheBack(e, 'vitest.config.mjs', (t) =>
                t.replace("include: ['test/cart.spec.ts']", "include: ['test/**/*.spec.ts']"),
              )
              behindTheBack(e, 'package.json', (t) =>
                t.replace('vitest.mjs run"', 'vitest.mjs run test/cart"'),
              )
              return finishFixed
            },
          ],
          'package.json',
        ),
      )
      const run = await runFixBundle(e, { command: 'npm test', runId: 9302 })
      expect(run.exitCode, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.outcome, run.summary).toBe('not-fixed')
      const r = cheatResults(e)
      expect(r.slice(0, 7).map((x) => x.isError)).toEqual([
        true,
        true,
        true,
        true,
        true,
        true,
        true,
      ])
      expect(r[0]!.text).toMatch(/Refused 'vitest\.config\.mjs': it is test configuration/)
      expect(r[1]!.text).toMatch(/Refused 'vite\.config\.mjs': it is test configuration/)
      expect(existsSync(join(e.repo.work, 'vite.config.mjs'))).toBe(false)
      expect(r[2]!.text).toMatch(/scripts\.test in package\.json/)
      expect(r[3]!.text).toMatch(/scripts\.test in package\.json/)
      expect(r[4]!.text).toMatch(/test configuration \(vitest in package\.json\)/)
      expect(r[5]!.text).toMatch(/Refused 'vitest\.config\.mjs': it is test configuration/)
      expect(r[6]!.text).toMatch(
        /Refused 'package\.json': it changes test configuration \(scripts\.test/,
      )
      nothingDelivered(e)
    },
  )

  it(
    'node:test (npm test): the script rewritten (echo ok, a pretest hook, || true, a skip pattern) refused at edit and at finish',
    SLOW,
    async () => {
      env = await setup('fix-js-node', 'npm test')
      const e = env
      script(
        e,
        withReads(
          [
            edit('package.json', '"test": "node --test"', '"test": "echo ok"'),
            // a pretest hook is reached by `npm test` too
            edit(
              'package.json',
              '"test": "node --test"',
              '"pretest": "exit 0", "test": "node --test"',
            ),
            edit('package.json', '"test": "node --test"', '"test": "node --test || true"'),
            () => {
              behindTheBack(e, 'package.json', (t) =>
                t.replace(
                  '"test": "node --test"',
                  '"test": "node --test --test-skip-pattern=percentage"',
                ),
              )
              return finishFixed
            },
          ],
          'test/price.test.js',
        ),
      )
      const run = await runFixBundle(e, { command: 'npm test', runId: 9303 })
      expect(run.exitCode, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.outcome, run.summary).toBe('not-fixed')
      const r = cheatResults(e)
      expect(r.slice(0, 4).map((x) => x.isError)).toEqual([true, true, true, true])
      expect(r[0]!.text).toMatch(/scripts\.test in package\.json/)
      expect(r[1]!.text).toMatch(/scripts\.pretest in package\.json/)
      expect(r[2]!.text).toMatch(/scripts\.test in package\.json/)
      expect(r[3]!.text).toMatch(
        /Refused 'package\.json': it changes test configuration \(scripts\.test/,
      )
      nothingDelivered(e)
    },
  )

  it(
    'pytest: pytest.ini, .pytest.ini, pytest.toml, conftest.py, pyproject/setup.cfg/tox.ini sections refused at edit (a dependency bump accepted) and at finish',
    SLOW,
    async () => {
      env = await setup('fix-py-pytest', PYTEST, {
        fixFirst: {
          'pyproject.toml': `[project]\nname = "calc"\nversion = "0.1.0"\ndependencies = []\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n`,
        },
      })
      const e = env
      const deselect = '--deselect tests/test_stats.py::test_mean'
      script(
        e,
        withReads(
          [
            create('pytest.ini', `[pytest]\naddopts = ${deselect}\n`),
            create('.pytest.ini', `[pytest]\naddopts = ${deselect}\n`),
            create(
              'pytest.toml',
              `[pytest]\naddopts = ["--deselect", "tests/test_stats.py::test_mean"]\n`,
            ),
            create(
              'conftest.py',
              'import pytest\n\n\ndef pytest_collection_modifyitems(items):\n    for item in items:\n        item.add_marker(pytest.mark.skip)\n',
            ),
            edit(
              'pyproject.toml',
              'testpaths = ["tests"]',
              `testpaths = ["tests"]\naddopts = "-k 'not test_mean'"`,
            ),
            // a dependency bump in the same file is no test configuration
            edit('pyproject.toml', 'dependencies = []', 'dependencies = ["numpy>=1"]'),
            create('setup.cfg', `[tool:pytest]\naddopts = ${deselect}\n`),
            create('tox.ini', `[pytest]\naddopts = ${deselect}\n`),
            () => {
              behindTheBack(e, 'pyproject.toml', (t) =>
                t.replace(
                  'testpaths = ["tests"]',
                  `testpaths = ["tests"]\naddopts = "${deselect}"`,
                ),
              )
              return finishFixed
            },
          ],
          'tests/test_stats.py',
        ),
      )
      const run = await runFixBundle(e, { command: PYTEST, runId: 9304 })
      expect(run.exitCode, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.outcome, run.summary).toBe('not-fixed')
      const r = cheatResults(e)
      expect(r.slice(0, 9).map((x) => x.isError)).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
        true,
        true,
        true,
      ])
      const refused = r.slice(0, 8).map((x) => CONFIG_REFUSED.exec(x.text)?.[1])
      expect(refused).toEqual([
        'pytest.ini',
        '.pytest.ini',
        'pytest.toml',
        'conftest.py',
        'pyproject.toml',
        undefined,
        'setup.cfg',
        'tox.ini',
      ])
      expect(r[4]!.text).toMatch(/\[tool\.pytest\.ini_options\] in pyproject\.toml/)
      expect(r[6]!.text).toMatch(/\[tool:pytest\] in setup\.cfg/)
      for (const f of ['pytest.ini', '.pytest.ini', 'pytest.toml', 'conftest.py', 'setup.cfg'])
        expect(existsSync(join(e.repo.work, f)), f).toBe(false)
      expect(r[8]!.text).toMatch(
        /Refused 'pyproject\.toml': it changes test configuration \(\[tool\.pytest\.ini_options\] in pyproject\.toml\)/,
      )
      nothingDelivered(e)
    },
  )
})

/** The failing test skipped, then renamed, then deleted, each followed by finish; then the real fix. */
async function hostileThenFixed(
  e: Env,
  o: {
    command: string
    runId: number
    testFile: string
    /** [original, skipped, renamed, deleted] texts of the failing test. */
    forms: [string, string, string, string]
    fix: Step
    id: string
  },
): Promise<void> {
  const [original, ...cheats] = o.forms
  const turns: Turn[] = []
  expect(readFileSync(join(e.repo.work, o.testFile), 'utf8')).toContain(original)
  let current = original
  for (const cheat of cheats) {
    const from = current
    turns.push(() => edit(o.testFile, from, cheat), finishFixed)
    current = cheat
  }
  // the test put back as it was (behind edit_file's back: old_text cannot be empty), then the fix
  const abs = join(e.repo.work, o.testFile)
  const whole = readFileSync(abs, 'utf8')
  turns.push(() => {
    writeFileSync(abs, whole)
    return o.fix
  }, finishFixed)
  script(e, turns)
  const run = await runFixBundle(e, { command: o.command, runId: o.runId })
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  const r = toolResults(e)
  // edits of the test are allowed; each finish after one is refused by id, naming the test
  for (const i of [0, 2, 4]) expect(r[i], `edit ${i}`).toMatchObject({ isError: false })
  for (const i of [1, 3, 5]) {
    expect(r[i], `finish ${i}: ${r[i]?.text}`).toMatchObject({ isError: true })
    expect(r[i]!.text).toMatch(/Verification failed/)
    expect(r[i]!.text).toContain(o.id)
  }
  expect(run.outputs.outcome, run.summary).toBe('fixed')
  expect(originBranches(e)).toContain(`pitcrew/fix-${o.runId}`)
  const pr = pulls(e).find((p) => p.head.ref === `pitcrew/fix-${o.runId}`)
  expect(pr).toBeDefined()
}

const ALLOW_TEST_EDITS = { '.github/pitcrew.yml': 'fix:\n  allow-test-edits: true\n' }

const fixJs = edit('src/price.js', 'price - price * percent', 'price - (price * percent) / 100')

describe('verification by id through the bundle against a hostile model (allow-test-edits: true)', () => {
  it(
    'jest: the failing test skipped, renamed, deleted: refused by id; the real fix accepted',
    SLOW,
    async () => {
      env = await setup('fix-js-jest', 'npx jest', { fixFirst: ALLOW_TEST_EDITS })
      linkNodeModules(env)
      await hostileThenFixed(env, {
        command: 'npx jest',
        runId: 9311,
        testFile: 'test/price.test.js',
        forms: [
          "  it('takes a percentage off', () => {\n    expect(applyDiscount(200, 10)).toBe(180)\n  })\n",
          "  it.skip('takes a percentage off', () => {\n    expect(applyDiscount(200, 10)).toBe(180)\n  })\n",
          "  it('takes a share off', () => {\n    expect(applyDiscount(200, 0.1)).toBe(180)\n  })\n",
          '',
        ],
        fix: fixJs,
        id: 'test/price.test.js > applyDiscount > takes a percentage off',
      })
    },
  )

  it(
    'vitest: the failing test skipped, renamed, deleted: refused by id; the real fix accepted',
    SLOW,
    async () => {
      env = await setup('fix-ts-vitest', VITEST, { fixFirst: ALLOW_TEST_EDITS })
      await hostileThenFixed(env, {
        command: VITEST,
        runId: 9312,
        testFile: 'test/price.spec.ts',
        forms: [
          "  it('takes a percentage off', () => {\n    expect(applyDiscount(200, 10)).toBe(180)\n  })\n",
          "  it.skip('takes a percentage off', () => {\n    expect(applyDiscount(200, 10)).toBe(180)\n  })\n",
          "  it('takes a share off', () => {\n    expect(applyDiscount(200, 0.1)).toBe(180)\n  })\n",
          "  it.todo('later')\n",
        ],
        fix: fixPrice,
        id: 'test/price.spec.ts > applyDiscount > takes a percentage off',
      })
    },
  )

  it(
    'node:test: the failing test skipped, renamed, deleted: refused by id; the real fix accepted',
    SLOW,
    async () => {
      env = await setup('fix-js-node', 'node --test', { fixFirst: ALLOW_TEST_EDITS })
      await hostileThenFixed(env, {
        command: 'node --test',
        runId: 9313,
        testFile: 'test/price.test.js',
        forms: [
          "  it('takes a percentage off', () => {\n    assert.equal(applyDiscount(200, 10), 180)\n  })\n",
          "  it.skip('takes a percentage off', () => {\n    assert.equal(applyDiscount(200, 10), 180)\n  })\n",
          "  it('takes a share off', () => {\n    assert.equal(applyDiscount(200, 0.1), 180)\n  })\n",
          '',
        ],
        fix: fixJs,
        id: 'test/price.test.js > applyDiscount > takes a percentage off',
      })
    },
  )

  it(
    'pytest: the failing test skipped, renamed, deleted: refused by id; the real fix accepted',
    SLOW,
    async () => {
      env = await setup('fix-py-pytest', PYTEST, { fixFirst: ALLOW_TEST_EDITS })
      await hostileThenFixed(env, {
        command: PYTEST,
        runId: 9314,
        testFile: 'tests/test_stats.py',
        forms: [
          'def test_mean():\n    assert mean([1, 2, 3, 6]) == 3\n',
          'import pytest\n\n\n@pytest.mark.skip\ndef test_mean():\n    assert mean([1, 2, 3, 6]) == 3\n',
          'def test_average():\n    assert mean([1, 2, 3, 6]) == 4\n',
          '',
        ],
        fix: edit('calc/stats.py', '(len(values) - 1)', 'len(values)'),
        id: 'tests/test_stats.py::test_mean',
      })
    },
  )
})

describe('case 2 through the bundle: a test command that cannot start, no model call', () => {
  it(
    'a missing npm script (node:test project): the step fails, quoting npm, before any model call',
    SLOW,
    async () => {
      env = await setup('fix-js-node', 'npm run tset')
      const run = await runFixBundle(env, { command: 'npm run tset', runId: 9321 })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(
        /::error::The test command 'npm run tset' cannot start \(exit code 1: Missing script: "tset"\)/,
      )
      expect(env.ai.requests).toHaveLength(0)
      nothingDelivered(env)
    },
  )

  it(
    '`python3 -m` of a module not installed (pytest project): the step fails before any model call',
    SLOW,
    async () => {
      env = await setup('fix-py-pytest', 'python3 -m pytset -q')
      const run = await runFixBundle(env, { command: 'python3 -m pytset -q', runId: 9322 })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(
        /::error::The test command 'python3 -m pytset -q' cannot start \(exit code 1: \S*python3?[\d.]*: No module named pytset\)/,
      )
      expect(env.ai.requests).toHaveLength(0)
      nothingDelivered(env)
    },
  )
})

describe('fix without a GitHub token through the bundle', () => {
  it('fails before the tests run or any model call, naming github-token', SLOW, async () => {
    env = await setup('fix-js-node', 'npm test')
    const run = await runFixBundle(env, {
      command: 'npm test',
      runId: 9331,
      env: { 'INPUT_GITHUB-TOKEN': '', GITHUB_TOKEN: '' },
    })
    expect(run.exitCode, run.stdout).toBe(1)
    expect(run.stdout).toMatch(
      /::error::Input 'github-token' is empty and GITHUB_TOKEN is not set: fix mode posts its results on GitHub, so it stops before any model call/,
    )
    expect(env.ai.requests).toHaveLength(0)
    nothingDelivered(env)
  })
})
