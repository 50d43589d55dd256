/**
 * Test configuration: everything that decides which tests run and how. Loosening it is the
 * cheapest way to make a failing test "pass" (`"test": "echo ok"`, `jest || true`,
 * `passWithNoTests`), so a change to it is judged like a test edit. Whole files (vitest.config,
 * pytest.ini, tox.ini…) are refused by path in guards.ts; the files that also hold other things
 * (package.json, pyproject.toml, setup.cfg, pom.xml) are judged here by the keys or sections
 * that changed, so a dependency bump stays possible. Pure functions over file contents.
 */

/** package.json keys read by test runners and coverage tools. */
export const RUNNER_KEYS = ['jest', 'mocha', 'ava', 'vitest', 'c8', 'nyc'] as const

/** Files judged by content: the test configuration is only a part of them. */
export function isMixedConfigFile(path: string): boolean {
  return /(^|\/)(package\.json|pyproject\.toml|setup\.cfg|pom\.xml)$/.test(path)
}

type Scripts = Record<string, string>

/** Script names a command line runs directly: `npm test`, `npm run x`, `yarn x`, `pnpm run x`. */
export function scriptsInvoked(command: string): string[] {
  const out: string[] = []
  // each simple command of the line (&&, ||, ;, |)
  for (const part of command.split(/&&|\|\||[;|\n]/)) {
    const words = part.trim().split(/\s+/).filter(Boolean)
    // skip env assignments and wrappers (`CI=1 npm test`, `npx cross-env X=1 npm test`)
    while (words.length && /^\w+=/.test(words[0]!)) words.shift()
    const tool = words[0]?.replace(/^.*\//, '')
    if (!tool) continue
    const rest = words.slice(1).filter((w) => !w.startsWith('-'))
    if (tool === 'npm' || tool === 'pnpm' || tool === 'bun') {
      const sub = rest[0]
      if (sub === 'test' || sub === 't' || sub === 'tst') out.push('test')
      else if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
        if (rest[1]) out.push(rest[1])
      } else if (tool === 'pnpm' && sub && !PNPM_BUILTINS.has(sub)) out.push(sub)
    } else if (tool === 'yarn') {
      const sub = rest[0]
      if (sub === 'run') {
        if (rest[1]) out.push(rest[1])
      } else if (sub && !YARN_BUILTINS.has(sub)) out.push(sub)
    }
  }
  return out
}

const YARN_BUILTINS = new Set(['add', 'install', 'remove', 'upgrade', 'exec', 'dlx', 'workspace'])
const PNPM_BUILTINS = new Set(['add', 'install', 'i', 'remove', 'update', 'exec', 'dlx', 'why'])

/**
 * Every script the command reaches, following script references (`"test": "npm run unit"`) and
 * npm's pre/post hooks. `scripts` of several versions of package.json may be given: a script the
 * fix adds or removes on the way counts too.
 */
export function scriptsReached(command: string, ...versions: Scripts[]): string[] {
  const defined = (n: string) => versions.some((s) => typeof s[n] === 'string')
  const seen = new Set<string>()
  const queue = scriptsInvoked(command)
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    for (const scripts of versions) {
      const body = scripts[name]
      if (typeof body === 'string') queue.push(...scriptsInvoked(body))
    }
  }
  while (queue.length) {
    const name = queue.shift()!
    if (seen.has(name)) continue
    visit(name)
    // npm runs pre<name> and post<name> around it (hooks of hooks are not run)
    for (const hook of [`pre${name}`, `post${name}`]) if (defined(hook)) visit(hook)
  }
  return [...seen]
}

function parseJson(text: string | null): Record<string, unknown> | null | 'invalid' {
  if (text === null) return null
  try {
    const v: unknown = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
  } catch {
    return 'invalid'
  }
}

function scriptsOf(pkg: Record<string, unknown> | null): Scripts {
  const s = pkg?.scripts
  if (!s || typeof s !== 'object') return {}
  const out: Scripts = {}
  for (const [k, v] of Object.entries(s)) if (typeof v === 'string') out[k] = v
  return out
}

/** Order-independent JSON text, so reformatting a key is not a change of it. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'undefined'
}

/**
 * The test-configuration keys of package.json that differ between two versions, as
 * `scripts.<name>` and runner keys (`jest`). Only scripts the test command reaches count: a new
 * `lint` script is not test configuration.
 */
export function packageJsonChanges(
  before: string | null,
  after: string | null,
  testCommand: string | undefined,
): string[] {
  const a = parseJson(before)
  const b = parseJson(after)
  if (a === 'invalid' || b === 'invalid')
    return b === 'invalid' && a !== 'invalid' ? ['(the whole file: not valid JSON)'] : []
  const changed: string[] = []
  const sa = scriptsOf(a)
  const sb = scriptsOf(b)
  // with no known command the `test` script is what `npm test` runs
  for (const name of scriptsReached(testCommand ?? 'npm test', sa, sb)) {
    if (sa[name] !== sb[name]) changed.push(`scripts.${name}`)
  }
  for (const key of RUNNER_KEYS) {
    if (canonical(a?.[key]) !== canonical(b?.[key])) changed.push(key)
  }
  return changed
}

/**
 * The text of INI/TOML sections whose header matches, by header: `[tool.pytest.ini_options]`
 * in pyproject.toml, `[tool:pytest]` in setup.cfg. Lines are trimmed and blank or comment lines
 * dropped, so only a change of a setting counts.
 */
function sections(text: string | null, header: RegExp): Map<string, string> {
  const out = new Map<string, string>()
  if (text === null) return out
  let current: string | null = null
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    const h = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line)
    if (h) {
      current = header.test(h[1]!) ? h[1]! : null
      if (current !== null && !out.has(current)) out.set(current, '')
      continue
    }
    if (current === null || line === '' || line.startsWith('#') || line.startsWith(';')) continue
    out.set(current, `${out.get(current)}${line}\n`)
  }
  return out
}

function sectionChanges(before: string | null, after: string | null, header: RegExp): string[] {
  const a = sections(before, header)
  const b = sections(after, header)
  const changed: string[] = []
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(name) !== b.get(name)) changed.push(`[${name}]`)
  }
  return changed
}

/**
 * surefire/failsafe configuration in pom.xml: the plugin blocks and the properties that skip or
 * select tests (`skipTests`, `maven.test.skip`, `surefire.*`, `failsafe.*`, `test`).
 */
function pomChanges(before: string | null, after: string | null): string[] {
  const blocks = (text: string | null): string => {
    if (text === null) return ''
    const plugins = [...text.matchAll(/<plugin>[\s\S]*?<\/plugin>/g)]
      .map((m) => m[0])
      .filter((p) => /<artifactId>\s*maven-(surefire|failsafe)[\w-]*\s*<\/artifactId>/.test(p))
    const props = [
      ...text.matchAll(
        /<(skipTests|skipITs|maven\.test\.[\w.]+|surefire\.[\w.]+|failsafe\.[\w.]+|test|it\.test)>[\s\S]*?<\/\1>/g,
      ),
    ].map((m) => m[0])
    return [...plugins, ...props].map((s) => s.replace(/\s+/g, ' ')).join('\n')
  }
  return blocks(before) === blocks(after) ? [] : ['surefire/failsafe configuration']
}

/**
 * What of the test configuration one file's change touches: the keys or sections, named for
 * the refusal; empty when none (a dependency bump). `before`/`after` are null for a file that
 * does not exist in that version.
 */
export function testConfigChanges(
  path: string,
  before: string | null,
  after: string | null,
  testCommand?: string,
): string[] {
  const name = path.replace(/^.*\//, '')
  if (before === after) return []
  switch (name) {
    case 'package.json':
      return packageJsonChanges(before, after, testCommand)
    case 'pyproject.toml':
      return sectionChanges(before, after, /^tool\.pytest/)
    case 'setup.cfg':
      return sectionChanges(before, after, /^tool:pytest$/)
    case 'pom.xml':
      return pomChanges(before, after)
    default:
      return []
  }
}

/** The refusal for a change of test configuration (guards.ts words the test-file refusals alike). */
export function testConfigRefusal(path: string, keys: string[]): string {
  return `it changes test configuration (${keys.join(', ')} in ${path}), which decides which tests run and how, and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass with the configuration as it is.`
}
