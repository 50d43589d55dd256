import type { LineParser, ParserOptions, TestFailure } from './types.js'
import { ParserState, Section, makeFailure } from './common.js'

const RUN = /^=== (RUN|CONT|PAUSE|NAME)\s+(\S+)/
const RESULT = /^(\s*)--- (FAIL|PASS|SKIP): (\S+) \(/
const PKG_FAIL = /^FAIL\s+(\S+)\s+(?:[\d.]+s|\[(build failed|setup failed)\])/
const PKG_OK = /^ok\s+(\S+)\s/
const BUILD_HEADER = /^# (\S+)$/
const PANIC = /^panic: (.*)$/
const MAX_PENDING = 64

/**
 * `go test` (with or without -v). Output of a running test is buffered by name until its
 * `--- FAIL`/`--- PASS` line (capped, and only for a few tests at once); the package comes from
 * the `FAIL\tpkg\t0.01s` line that ends it. Build failures (`# pkg` + compiler errors) and panics
 * are failures too.
 */
export function createGoParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts, { passed: 0, failed: 0, skipped: 0 })
  const { caps, failures, counts } = state
  const pending = new Map<string, Section>()
  let running: string | null = null
  // failures of the package being run (the package is named only at its end)
  let unassigned: { name: string; section: Section }[] = []
  let current: { name: string; section: Section; indent: number } | null = null
  let build: { pkg: string; section: Section } | null = null
  let panic: Section | null = null
  // tests of the running package seen passing (`-v`), named once the package is
  let passedNames: string[] = []

  const take = (pkg: string) => {
    for (const n of passedNames) state.pass(pkg ? `${pkg}::${n}` : n)
    passedNames = []
    const names = new Set(unassigned.map((u) => u.name))
    for (const u of unassigned) {
      // a parent whose subtests failed adds nothing but its name
      const hasChild = [...names].some((n) => n.startsWith(u.name + '/'))
      if (hasChild && u.section.lines.every((l) => !l.trim())) continue
      failures.add(goFailure(pkg, u.name, u.section))
    }
    if (panic) {
      failures.add(goFailure(pkg, running ?? '(panic)', panic))
      panic = null
    }
    unassigned = []
    pending.clear()
    running = null
    current = null
  }

  const section = () => new Section(caps, opts.workspace)

  return state.parser('go', {
    push(line) {
      const run = RUN.exec(line)
      if (run) {
        state.detected = true
        current = null
        const name = run[2]!
        running = name
        if (run[1] === 'RUN' && !pending.has(name)) {
          if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!)
          pending.set(name, section())
        }
        return
      }
      const res = RESULT.exec(line)
      if (res) {
        state.detected = true
        const [, indent, status, name] = res as unknown as [string, string, string, string]
        const buffered = pending.get(name)
        pending.delete(name)
        current = null
        if (status === 'PASS') {
          counts.passed!++
          if (passedNames.length < 20_000) passedNames.push(name)
        } else if (status === 'SKIP') counts.skipped!++
        else {
          counts.failed!++
          const s = buffered ?? section()
          if (unassigned.length < caps.maxFailures) {
            unassigned.push({ name, section: s })
            current = { name, section: s, indent: indent.length }
          } else failures.truncated = true
        }
        return
      }
      const pf = PKG_FAIL.exec(line)
      if (pf) {
        state.detected = true
        if (pf[2] && build) {
          failures.add(
            makeFailure(
              'go',
              { id: `${pf[1]}::(build)`, name: '(build failed)', suite: pf[1] },
              build.section,
            ),
          )
          build = null
        }
        take(pf[1]!)
        return
      }
      const ok = PKG_OK.exec(line)
      if (ok) {
        state.detected = true
        take(ok[1]!)
        return
      }
      const bh = BUILD_HEADER.exec(line)
      if (bh) {
        build = { pkg: bh[1]!, section: section() }
        return
      }
      if (build && /^\S+\.go:\d+:\d+: /.test(line)) {
        build.section.add(line)
        return
      }
      const p = PANIC.exec(line)
      if (p) {
        panic = section()
        panic.add(line)
        return
      }
      if (panic) {
        panic.add(line)
        return
      }
      if (line === 'FAIL' || line === 'PASS') {
        current = null
        return
      }
      if (current && line.startsWith(' '.repeat(current.indent + 4))) {
        current.section.add(line)
        return
      }
      current = null
      if (running) pending.get(running)?.add(line)
    },
    end() {
      if (unassigned.length || panic || passedNames.length) take('')
      counts.total = counts.passed! + counts.failed! + counts.skipped!
    },
  })
}

function goFailure(pkg: string, name: string, section: Section): TestFailure {
  const id = pkg ? `${pkg}::${name}` : name
  const f = makeFailure('go', { id, name, suite: pkg || undefined }, section)
  // `    calc_test.go:8: want 3` — the message follows the position
  f.message = f.message.replace(/^\S+\.go:\d+:\s*/, '')
  const testFile = section.frames.find((fr) => fr.file.endsWith('_test.go'))
  if (testFile) f.file = testFile.file
  return f
}
