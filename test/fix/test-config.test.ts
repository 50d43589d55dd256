/** Test configuration is judged by what changed: scripts the command reaches, runner keys, sections. */
import { describe, expect, it } from 'vitest'
import {
  packageJsonChanges,
  scriptsInvoked,
  scriptsReached,
  testConfigChanges,
} from '../../src/fix/test-config.js'
import { contentRefusal, isTestFile, type GuardConfig } from '../../src/fix/guards.js'
import { cannotStart, type TestRun } from '../../src/fix/runner.js'

const pkg = (o: Record<string, unknown>) => JSON.stringify(o, null, 2)
const base = pkg({
  name: 'x',
  scripts: { test: 'npm run unit', unit: 'jest', lint: 'eslint .' },
  jest: { testEnvironment: 'node' },
  dependencies: { 'left-pad': '1.0.0' },
})
const cfg: GuardConfig = {
  protectedPaths: ['.github/**'],
  allowTestEdits: false,
  maxChangedLines: 200,
  testFiles: [],
  testCommand: 'npm test',
}

describe('scripts the test command reaches', () => {
  it('follows npm, yarn and pnpm through script references and pre/post hooks', () => {
    expect(scriptsInvoked('CI=1 npm test -- --ci')).toEqual(['test'])
    expect(scriptsInvoked('npm run test:unit && yarn e2e; pnpm run lint')).toEqual([
      'test:unit',
      'e2e',
      'lint',
    ])
    expect(scriptsInvoked('npx jest')).toEqual([])
    const scripts = {
      test: 'npm run unit && npm run lint',
      unit: 'jest',
      pretest: 'tsc',
      lint: 'x',
    }
    expect(scriptsReached('npm test', scripts).sort()).toEqual(['lint', 'pretest', 'test', 'unit'])
  })
})

describe('package.json by key', () => {
  it('refuses the cheats of issue 9: echo ok, || true, passWithNoTests + testPathIgnorePatterns', () => {
    const echo = pkg({
      ...JSON.parse(base),
      scripts: { ...JSON.parse(base).scripts, test: 'echo ok' },
    })
    expect(packageJsonChanges(base, echo, 'npm test')).toEqual(['scripts.test'])
    const orTrue = pkg({
      ...JSON.parse(base),
      scripts: { ...JSON.parse(base).scripts, unit: 'jest || true' },
    })
    expect(packageJsonChanges(base, orTrue, 'npm test')).toEqual(['scripts.unit'])
    const jestKeys = pkg({
      ...JSON.parse(base),
      jest: { testEnvironment: 'node', passWithNoTests: true, testPathIgnorePatterns: ['test/'] },
    })
    expect(packageJsonChanges(base, jestKeys, 'npm test')).toEqual(['jest'])
    expect(contentRefusal('package.json', base, jestKeys, cfg)).toMatch(
      /test configuration \(jest in package\.json\)/,
    )
  })

  it('lets a dependency bump, a script the command never reaches and reformatting through', () => {
    const bump = pkg({
      ...JSON.parse(base),
      dependencies: { 'left-pad': '1.3.0' },
      scripts: { ...JSON.parse(base).scripts, lint: 'eslint src' },
    })
    expect(packageJsonChanges(base, bump, 'npm test')).toEqual([])
    expect(packageJsonChanges(base, JSON.stringify(JSON.parse(base)), 'npm test')).toEqual([])
    expect(contentRefusal('package.json', base, bump, cfg)).toBeNull()
    // with allow-test-edits the configuration may change
    const echo = base.replace('"npm run unit"', '"echo ok"')
    expect(contentRefusal('package.json', base, echo, { ...cfg, allowTestEdits: true })).toBeNull()
  })

  it('a runner key added where there was none, and a script the command adds on its way', () => {
    const withMocha = pkg({ ...JSON.parse(base), mocha: { bail: true } })
    expect(packageJsonChanges(base, withMocha, 'npm test')).toEqual(['mocha'])
    const rerouted = base
      .replace('"npm run unit"', '"npm run fake"')
      .replace('"lint": "eslint ."', '"lint": "eslint .",\n    "fake": "true"')
    expect(packageJsonChanges(base, rerouted, 'npm test').sort()).toEqual([
      'scripts.fake',
      'scripts.test',
    ])
  })
})

describe('sections of pyproject.toml, setup.cfg, pom.xml', () => {
  it('pyproject.toml: [tool.pytest.ini_options] is configuration, [project] dependencies are not', () => {
    const py = `[project]\nname = "x"\ndependencies = ["requests==2.0"]\n\n[tool.pytest.ini_options]\naddopts = "-q"\n`
    expect(
      testConfigChanges('pyproject.toml', py, py.replace('requests==2.0', 'requests==2.1')),
    ).toEqual([])
    expect(
      testConfigChanges(
        'pyproject.toml',
        py,
        py.replace('addopts = "-q"', 'addopts = "-q -k not mean"'),
      ),
    ).toEqual(['[tool.pytest.ini_options]'])
    expect(
      testConfigChanges('pyproject.toml', '[project]\n', '[project]\n[tool.pytest]\nx=1\n'),
    ).toEqual(['[tool.pytest]'])
  })

  it('setup.cfg: [tool:pytest]', () => {
    const cfgText = `[metadata]\nname = x\n\n[tool:pytest]\ntestpaths = tests\n`
    expect(
      testConfigChanges('setup.cfg', cfgText, cfgText.replace('name = x', 'name = y')),
    ).toEqual([])
    expect(
      testConfigChanges(
        'setup.cfg',
        cfgText,
        cfgText.replace('testpaths = tests', 'testpaths = none'),
      ),
    ).toEqual(['[tool:pytest]'])
  })

  it('pom.xml: surefire/failsafe plugin configuration and skipTests', () => {
    const pom = `<project><dependencies><dependency><artifactId>junit</artifactId><version>4.12</version></dependency></dependencies>
<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><configuration><excludes></excludes></configuration></plugin></plugins></build></project>`
    expect(testConfigChanges('pom.xml', pom, pom.replace('4.12', '4.13'))).toEqual([])
    expect(
      testConfigChanges(
        'pom.xml',
        pom,
        pom.replace(
          '<excludes></excludes>',
          '<excludes><exclude>**/PriceTest.java</exclude></excludes>',
        ),
      ),
    ).toEqual(['surefire/failsafe configuration'])
    expect(
      testConfigChanges(
        'pom.xml',
        pom,
        pom.replace('<project>', '<project><properties><skipTests>true</skipTests></properties>'),
      ),
    ).toEqual(['surefire/failsafe configuration'])
  })

  it('whole files: runner configs, pytest.ini (and its hidden and TOML forms), tox.ini, conftest.py', () => {
    for (const p of [
      'vitest.config.mjs',
      'vite.config.ts',
      'jest.config.js',
      'jest.config.json',
      'web/karma.conf.js',
      'playwright.config.ts',
      '.mocharc.yml',
      'pytest.ini',
      '.pytest.ini',
      'pytest.toml',
      '.pytest.toml',
      'tox.ini',
      'conftest.py',
      'src/conftest.py',
    ])
      expect(isTestFile(p), p).toBe(true)
    for (const p of [
      'src/price.ts',
      'package.json',
      'pyproject.toml',
      'vite-env.d.ts',
      'mypytest.ini',
    ])
      expect(isTestFile(p), p).toBe(false)
  })
})

describe('cannotStart', () => {
  const run = (exitCode: number, output: string, total?: number): TestRun => ({
    command: 'x',
    exitCode,
    timedOut: false,
    durationMs: 1,
    summary: {
      runner: 'unknown',
      failures: [],
      counts: total === undefined ? {} : { total },
      truncated: false,
      linesSeen: 1,
    },
    source: 'output',
    output,
  })
  it('exit 127/126, a missing npm/yarn/pnpm script: quotes the message', () => {
    expect(cannotStart(run(127, 'bash: line 1: jestt: command not found\n'))).toBe(
      'exit code 127: bash: line 1: jestt: command not found',
    )
    expect(cannotStart(run(126, 'bash: ./run-tests.sh: Permission denied\n'))).toBe(
      'exit code 126: bash: ./run-tests.sh: Permission denied',
    )
    expect(cannotStart(run(1, 'npm error Missing script: "tset"\nnpm error\n'))).toBe(
      'exit code 1: Missing script: "tset"',
    )
    expect(cannotStart(run(1, 'ERR_PNPM_NO_SCRIPT  Missing script: tset\n'))).toMatch(
      /Missing script/,
    )
  })
  it('a test run that failed, even one that prints "command not found", is no start failure', () => {
    expect(
      cannotStart(run(1, 'sh: foo: command not found\nTests: 1 failed, 1 total', 1)),
    ).toBeNull()
    expect(cannotStart(run(0, ''))).toBeNull()
    expect(cannotStart(run(2, 'error TS2304: Cannot find name'))).toBeNull()
  })
  it('`python -m` of a module that is not installed cannot start; a test importing one can', () => {
    expect(cannotStart(run(1, '/usr/bin/python3: No module named pytset\n'))).toBe(
      'exit code 1: /usr/bin/python3: No module named pytset',
    )
    expect(
      cannotStart(
        run(2, "E   ModuleNotFoundError: No module named 'requests'\n1 error in 0.05s\n"),
      ),
    ).toBeNull()
  })
})
