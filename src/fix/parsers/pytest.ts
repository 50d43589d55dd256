import type { LineParser, ParserOptions, TestCounts, TestFailure } from './types.js'
import { ParserState, Section, countOf, makeFailure } from './common.js'

const BANNER = /^=+ (.*?) =+$/
const TEST_HEADER = /^_{3,} (.+?) _{3,}$/
const SUMMARY_LINE = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/
/** `-rA`: `PASSED tests/test_x.py::test_a`; `-v`: `tests/test_x.py::test_a PASSED [ 50%]` */
const PASSED_SUMMARY = /^PASSED (\S+::\S.*?)\s*$/
const PASSED_VERBOSE = /^(\S+\.py::\S.*?) PASSED(?:\s+\[\s*\d+%\])?\s*$/
const FRAME = /^(\S+\.py):(\d+):/
const DETECT = /^=+ (test session starts|FAILURES|ERRORS|short test summary info) =+$/

/**
 * pytest's terminal output: sections under `=== FAILURES ===` / `=== ERRORS ===`, each headed
 * `___ Class.test_name ___`; the `short test summary info` lists the node ids
 * (`FAILED tests/test_x.py::Class::test_name - message`), which name the tests for a rerun.
 */
export function createPytestParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, counts } = state
  let zone: 'none' | 'failures' | 'summary' = 'none'
  // sections by their header title ("TestParse.test_bad", "ERROR at setup of test_x")
  const sections: { title: string; section: Section }[] = []
  let current: Section | null = null
  const summary: { kind: string; nodeId: string; message?: string }[] = []
  let sectionsDropped = false

  return state.parser('pytest', {
    detect: DETECT,
    push(line) {
      const banner = BANNER.exec(line)
      if (banner) {
        const title = banner[1]!
        current = null
        if (title === 'FAILURES' || title === 'ERRORS') zone = 'failures'
        else if (title === 'short test summary info') zone = 'summary'
        else {
          zone = 'none'
          readCounts(title, counts)
        }
        return
      }
      if (zone === 'failures') {
        const h = TEST_HEADER.exec(line)
        if (h && !/^(_ )+_?$/.test(line)) {
          if (sections.length >= caps.maxFailures) {
            sectionsDropped = true
            current = null
            return
          }
          current = new Section(caps, opts.workspace)
          sections.push({ title: h[1]!, section: current })
          return
        }
        current?.add(line)
        return
      }
      const pv = PASSED_VERBOSE.exec(line)
      if (pv) {
        state.pass(pv[1]!)
        return
      }
      if (zone === 'summary') {
        const ps = PASSED_SUMMARY.exec(line)
        if (ps) {
          state.pass(ps[1]!)
          return
        }
        const s = SUMMARY_LINE.exec(line)
        if (s) {
          if (summary.length < caps.maxFailures * 2)
            summary.push({ kind: s[1]!, nodeId: s[2]!, message: s[3] })
          return
        }
      }
      // `-q` runs end with a bare `2 failed, 1 passed in 0.51s`
      if (/^\d+ (failed|passed|error)/.test(line) && / in [\d.]+s/.test(line))
        readCounts(line, counts)
    },
    end() {
      // failures are made only here, once the summary has named the tests
      const failures = state.failures
      failures.truncated = sectionsDropped
      const used = new Set<number>()
      for (const s of summary) {
        const idx = sections.findIndex(
          (sec, i) => !used.has(i) && titleMatches(sec.title, s.nodeId),
        )
        const section = idx >= 0 ? sections[idx]!.section : new Section(caps, opts.workspace)
        if (idx >= 0) used.add(idx)
        const file = s.nodeId.split('::')[0]!
        const name = s.nodeId.slice(file.length + 2) || file
        const f = makeFailure('pytest', { id: s.nodeId, name, file, message: s.message }, section)
        if (!s.message || s.message.endsWith('...')) f.message = errorLine(section) ?? f.message
        failures.add(f)
      }
      // sections the summary did not name (`-rN`, or the summary was cut off)
      sections.forEach((sec, i) => {
        if (used.has(i)) return
        failures.add(fromSection(sec.title, sec.section))
      })
    },
  })
}

function fromSection(title: string, section: Section): TestFailure {
  const setup = /^ERROR (?:at (?:setup|teardown) of|collecting) (.+)$/.exec(title)
  const name = setup ? setup[1]! : title
  const testFrame = section.lines.map((l) => FRAME.exec(l)).find((m) => m !== null)
  const file = testFrame ? testFrame[1] : undefined
  const id = file && !name.endsWith('.py') ? `${file}::${name.replace(/\./g, '::')}` : name
  const f = makeFailure('pytest', { id, name, file }, section)
  f.message = errorLine(section) ?? f.message
  return f
}

/** The `E   ValueError: ...` line is pytest's statement of the error. */
function errorLine(section: Section): string | undefined {
  const e = section.lines.find((l) => /^\s*E\s+\S/.test(l))
  return e?.replace(/^\s*E\s+/, '').trim()
}

/** `TestParse.test_bad` names `tests/test_x.py::TestParse::test_bad`; parametrized ids keep brackets. */
function titleMatches(title: string, nodeId: string): boolean {
  const setup = /^ERROR (?:at (?:setup|teardown) of|collecting) (.+)$/.exec(title)
  const t = setup ? setup[1]! : title
  if (t === nodeId) return true
  const rest = nodeId.split('::').slice(1).join('.')
  return rest === t || nodeId.endsWith(`::${t}`)
}

function readCounts(text: string, counts: TestCounts): void {
  if (!/ in [\d.]+s/.test(text)) return
  counts.failed = (countOf(text, 'failed') ?? 0) + (countOf(text, 'errors?') ?? 0)
  counts.passed = countOf(text, 'passed') ?? 0
  counts.skipped = countOf(text, 'skipped')
  counts.total = counts.failed + counts.passed + (counts.skipped ?? 0)
}
