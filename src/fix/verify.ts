/**
 * Verification in code, not by the model, bound to the reproduction: each test that failed must
 * be seen passing by id (an exit code 0 proves nothing: a filtered, skipped or emptied run exits
 * 0 too), then the full suite must run at least as many tests as at reproduction and show no
 * failure that was not already failing before the fix.
 */
import { detectRunner } from './parsers/index.js'
import type { ParseSummary, TestFailure } from './parsers/types.js'
import type { RunTests, TestRun } from './runner.js'

/** Quotes one shell word. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The failing-tests run for a command that hides its runner behind an npm script (`npm test`,
 * `npm run unit`) whose body is one runner invocation (`jest`, `vitest run`): the selectors and
 * the listing flag go after `--`, which npm hands to the script. Anything else is left as is.
 */
export function narrowScript(
  command: string,
  scripts: Record<string, string>,
  targets: TestFailure[],
): Narrowed | null {
  const m = /^\s*npm\s+(?:(test|t)|run(?:-script)?\s+([\w:.-]+))\s*$/.exec(command)
  if (!m) return null
  const body = scripts[m[1] ? 'test' : m[2]!]
  if (!body || /&&|\|\||[;|<>`$]/.test(body) || !detectRunner(body)) return null
  if (scripts[`pre${m[1] ? 'test' : m[2]!}`] || scripts[`post${m[1] ? 'test' : m[2]!}`]) return null
  const flag = listingFlag(body)
  const base = flag ? `${body} ${flag}` : body
  const n = narrowCommand(base, targets)
  if (!n.narrowed) return null
  return {
    command: `${command.trim()} -- ${n.command.slice(body.length).trim()}`,
    narrowed: true,
    selectors: n.selectors,
  }
}

/** Tests a run reports: its total, else passed + failed, else undefined (nothing parsed). */
function totalOf(s: ParseSummary): number | undefined {
  if (s.counts.total !== undefined) return s.counts.total
  if (s.counts.passed !== undefined || s.counts.failed !== undefined)
    return (s.counts.passed ?? 0) + (s.counts.failed ?? 0) + (s.counts.skipped ?? 0)
  return undefined
}

export interface Narrowed {
  command: string
  /** False when the runner cannot be told which tests to run: the full command is used. */
  narrowed: boolean
  selectors: string[]
}

/**
 * The configured command restricted to some tests, per runner: vitest/jest/mocha/node get the
 * test files, pytest the node ids, go test a `-run` pattern of the top-level test names. Anything
 * else runs the full command. Only the configured command ever runs; selectors are quoted words
 * and never options.
 */
export function narrowCommand(command: string, targets: (TestFailure | string)[]): Narrowed {
  const kinds = detectRunner(command)
  const full: Narrowed = { command, narrowed: false, selectors: [] }
  if (!kinds || targets.length === 0) return full
  const kind = kinds[0]!
  const selectors = new Set<string>()
  for (const t of targets) {
    if (typeof t === 'string') {
      const s = t.trim()
      if (!s || s.startsWith('-')) continue
      if (kind === 'pytest') selectors.add(s)
      else if (kind === 'go')
        selectors.add((s.includes('::') ? s.split('::').pop()! : s).split('/')[0]!)
      else selectors.add(s.split(' > ')[0]!)
      continue
    }
    if (kind === 'pytest') {
      const id = t.id.includes('::') || t.id.endsWith('.py') ? t.id : t.file
      if (id) selectors.add(id)
    } else if (kind === 'go') {
      selectors.add(t.name.split('/')[0]!)
    } else if (t.file) selectors.add(t.file)
  }
  const list = [...selectors].filter((s) => !s.startsWith('-'))
  if (list.length === 0) return full
  if (kind === 'go') {
    if (list.some((n) => n.startsWith('('))) return full
    const pattern = `^(${list.map(escapeRegex).join('|')})$`
    return { command: `${command} -run ${shellQuote(pattern)}`, narrowed: true, selectors: list }
  }
  return {
    command: `${command} ${list.map(shellQuote).join(' ')}`,
    narrowed: true,
    selectors: list,
  }
}

/**
 * The option that makes a runner list every test it ran (its passing ids), for the narrowed run
 * of the failing tests; runners that list them by default need none.
 */
export function listingFlag(command: string): string | undefined {
  const kind = detectRunner(command)?.[0]
  if (kind === 'jest' && !/\s--verbose\b/.test(command)) return '--verbose'
  if (kind === 'vitest' && !/\s--reporter\b/.test(command)) return '--reporter=verbose'
  if (kind === 'pytest' && !/\s-r\w*A/.test(command)) return '-rA'
  if (kind === 'go' && !/\s-v\b/.test(command)) return '-v'
  return undefined
}

/** The id of the command-level failure (no test id: a compile or collection error). */
export const COMMAND_FAILURE_ID = '(test command)'

function leafMatch(target: TestFailure, passedId: string): boolean {
  const withFile = /^(\S+\.[A-Za-z]+) > (.+)$/.exec(passedId)
  if (withFile && target.file && withFile[1] !== target.file) return false
  const p = withFile ? withFile[2]! : passedId
  const name = target.name
  return p === name || p.endsWith(` > ${name}`) || name.endsWith(` > ${p}`)
}

/**
 * True when the test is among the run's passing ids: the same id, or (runners that print no file
 * for a passing test, node's reporters) the same suite path in the same or an unnamed file.
 */
export function seenPassing(target: TestFailure, passed: readonly string[] = []): boolean {
  if (passed.includes(target.id)) return true
  return passed.some((p) => leafMatch(target, p))
}

/** Tests of the reproduction run that the verification run does not show at all. */
export function disappeared(baseline: ParseSummary, run: ParseSummary): string[] {
  const seen = new Set([...run.failures.map((f) => f.id), ...(run.passed ?? [])])
  const known: TestFailure[] = [
    ...baseline.failures,
    ...(baseline.passed ?? []).map((id) => ({
      id,
      name: id.replace(/^\S+\.[A-Za-z]+ > /, ''),
      file: /^(\S+\.[A-Za-z]+) > /.exec(id)?.[1],
      message: '',
      details: '',
      frames: [],
      runner: 'junit' as const,
    })),
  ].filter((t) => t.id !== COMMAND_FAILURE_ID)
  return known.filter((t) => !seen.has(t.id) && !seenPassing(t, [...seen])).map((t) => t.id)
}

export interface VerifyStep {
  kind: 'failing-tests' | 'full-suite'
  command: string
  exitCode: number | null
  timedOut: boolean
  durationMs: number
  passed?: number
  failed?: number
  total?: number
  /** Target tests still failing. */
  stillFailing: string[]
  /** Failures that were not failing before the fix. */
  newFailures: string[]
  /** Target tests not seen passing by id (skipped, filtered out, not listed). */
  notSeen?: string[]
  /** Tests of the reproduction run missing from this run. */
  disappeared?: string[]
  ok: boolean
  note?: string
}

export interface Verification {
  ok: boolean
  /** Why it failed, written for the model to act on. */
  reason?: string
  steps: VerifyStep[]
}

function step(
  kind: VerifyStep['kind'],
  run: TestRun,
  targets: Set<string>,
  baseline: Set<string>,
): VerifyStep {
  const ids = run.summary.failures.map((f) => f.id)
  return {
    kind,
    command: run.command,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    passed: run.summary.counts.passed,
    failed: run.summary.counts.failed ?? run.summary.failures.length,
    total: run.summary.counts.total,
    stillFailing: ids.filter((id) => targets.has(id)),
    newFailures: ids.filter((id) => !baseline.has(id)),
    ok: false,
  }
}

function describeFailures(run: TestRun, ids: string[]): string {
  const byId = new Map(run.summary.failures.map((f) => [f.id, f]))
  return ids
    .slice(0, 10)
    .map((id) => {
      const f = byId.get(id)
      return `- ${id}${f?.message ? `: ${f.message}` : ''}`
    })
    .join('\n')
}

/**
 * Re-runs the failing tests, then the full suite. `baseline` is the reproduction run: failures it
 * already had do not count against the fix (they were failing before), every other one does.
 */
export async function verifyFix(opts: {
  command: string
  targets: TestFailure[]
  baseline: ParseSummary
  runTests: RunTests
  /** package.json scripts of the failing commit: `npm test` is narrowed through them. */
  scripts?: Record<string, string>
}): Promise<Verification> {
  const targets = new Set(opts.targets.map((f) => f.id))
  const baseline = new Set(opts.baseline.failures.map((f) => f.id))
  const steps: VerifyStep[] = []
  const plain = narrowCommand(opts.command, opts.targets)
  const flag = plain.narrowed ? listingFlag(opts.command) : undefined
  const narrowed =
    (!plain.narrowed && opts.scripts && narrowScript(opts.command, opts.scripts, opts.targets)) ||
    (flag ? narrowCommand(`${opts.command} ${flag}`, opts.targets) : plain)

  const first = await opts.runTests(narrowed.command, 'verify-failing')
  const s1 = step('failing-tests', first, targets, baseline)
  // narrowed to the failing tests, any failure at all is a failure of the fix
  const failingNow = first.summary.failures.map((f) => f.id)
  s1.ok = !first.timedOut && first.exitCode === 0 && failingNow.length === 0 && !first.error
  // each test that failed must be seen passing, by id
  const byId = opts.targets.filter((t) => t.id !== COMMAND_FAILURE_ID)
  const notSeen = byId.filter((t) => !seenPassing(t, first.summary.passed)).map((t) => t.id)
  if (s1.ok && notSeen.length) {
    s1.ok = false
    s1.notSeen = notSeen
  }
  if (s1.ok && first.summary.counts.passed === 0) {
    s1.ok = false
    s1.note = 'no test ran'
  }
  steps.push(s1)
  if (!s1.ok) {
    const why = first.timedOut
      ? `the test command timed out`
      : first.error
        ? `the test command could not run: ${first.error}`
        : failingNow.length
          ? `these tests still fail:\n${describeFailures(first, failingNow)}`
          : s1.note === 'no test ran'
            ? 'no test ran'
            : s1.notSeen
              ? `the command exited 0, but these tests that failed at reproduction were not seen passing in its results (skipped, filtered out, not run, or the output lists no test ids; pitcrew needs per-test results: a runner it can narrow, or JUnit reports in fix.reports):\n${s1.notSeen
                  .slice(0, 20)
                  .map((id) => `- ${id}`)
                  .join('\n')}`
              : `the command exited with code ${first.exitCode} without a parsable test failure (a compile or collection error?). Output tail:\n${first.output.slice(-1500)}`
    return {
      ok: false,
      reason: `Verification failed: re-running the failing tests (\`${first.command}\`): ${why}`,
      steps,
    }
  }

  const full = narrowed.narrowed ? await opts.runTests(opts.command, 'verify-full') : first
  const s2 = step('full-suite', full, targets, baseline)
  if (!narrowed.narrowed) s2.note = 'same run as the failing tests (the command cannot be narrowed)'
  const allBaseline = full.summary.failures.every((f) => baseline.has(f.id) && !targets.has(f.id))
  s2.ok =
    !full.timedOut &&
    !full.error &&
    s2.newFailures.length === 0 &&
    s2.stillFailing.length === 0 &&
    (full.exitCode === 0 || (full.summary.failures.length > 0 && allBaseline))
  // fewer tests than at reproduction, or none parsed at all, is not a pass
  const before = totalOf(opts.baseline)
  const after = totalOf(full.summary)
  const shrank = before !== undefined && (after === undefined || after < before)
  if (s2.ok && shrank) {
    s2.ok = false
    s2.disappeared = disappeared(opts.baseline, full.summary)
  }
  steps.push(s2)
  if (!s2.ok) {
    const why = full.timedOut
      ? 'the full suite timed out'
      : shrank && s2.disappeared
        ? `${after === undefined ? 'no test results could be parsed from it' : `${after} tests ran, fewer than the ${before} at reproduction`}${
            s2.disappeared.length
              ? `; these tests are gone:\n${s2.disappeared
                  .slice(0, 20)
                  .map((id) => `- ${id}`)
                  .join(
                    '\n',
                  )}${s2.disappeared.length > 20 ? `\n… and ${s2.disappeared.length - 20} more` : ''}`
              : ''
          }`
        : s2.newFailures.length
          ? `the change breaks tests that passed before:\n${describeFailures(full, s2.newFailures)}`
          : s2.stillFailing.length
            ? `in the full suite these tests still fail:\n${describeFailures(full, s2.stillFailing)}`
            : `the full suite exited with code ${full.exitCode} without a parsable test failure. Output tail:\n${full.output.slice(-1500)}`
    return {
      ok: false,
      reason: `Verification failed: full suite (\`${full.command}\`): ${why}`,
      steps,
    }
  }
  return { ok: true, steps }
}
