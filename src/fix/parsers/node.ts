import type { LineParser, ParserOptions, TestCounts } from './types.js'
import { FailureList, ParserState, Section, makeFailure, toWorkspacePath } from './common.js'

const SUBTEST = /^(\s*)# Subtest: (.+)$/
const RESULT = /^(\s*)(not ok|ok) \d+ - (.+?)(?:\s+#\s*(?:SKIP|TODO).*)?$/
const TAP_COUNT = /^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$/

/** One of node's totals by its label: `# pass 3` in TAP, `ℹ pass 3` from the spec reporter. */
function readCount(counts: TestCounts, label: string, value: string): void {
  const n = Number(value)
  if (label === 'tests') counts.total = n
  else if (label === 'pass') counts.passed = n
  else if (label === 'fail') counts.failed = n
  else if (label === 'skipped') counts.skipped = n
}

/**
 * TAP as node's test runner prints it (also other TAP producers): `not ok N - name` followed by
 * an indented YAML block (`---` … `...`) with `location`, `error` and `stack`. Suites whose only
 * error is a failed subtest are not failures of their own.
 */
export function createTapParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, failures, counts } = state
  // names of the enclosing subtests, by indentation level
  const path: string[] = []
  let current: {
    name: string
    indent: number
    section: Section
    location?: string
    subtests: boolean
    inYaml: boolean
  } | null = null

  const flush = () => {
    const c = current
    current = null
    if (!c || c.subtests) return
    const loc = c.location ? /^(.*?):\d+:\d+$/.exec(c.location)?.[1] : undefined
    const file = loc ? (toWorkspacePath(loc, opts.workspace) ?? undefined) : undefined
    const level = c.indent / 4
    const name = [...path.slice(0, level), c.name].join(' > ')
    const id = file ? `${file} > ${name}` : name
    const err = c.section.lines.find((l) => /^\s*error:/.test(l))
    let message: string | undefined
    if (err) {
      const value = err.replace(/^\s*error:\s*/, '')
      if (value && !/^[|>]/.test(value)) message = value.replace(/^'(.*)'$|^"(.*)"$/, '$1$2')
      else {
        const i = c.section.lines.indexOf(err)
        message = c.section.lines[i + 1]?.trim()
      }
    }
    failures.add(makeFailure('node-tap', { id, name, file, message }, c.section))
  }

  return state.parser('node-tap', {
    push(line) {
      if (line.startsWith('TAP version')) {
        state.detected = true
        return
      }
      const st = SUBTEST.exec(line)
      if (st) {
        if (current && !current.inYaml) flush()
        const level = Math.floor(st[1]!.length / 4)
        path.length = level
        path[level] = st[2]!
        return
      }
      const r = RESULT.exec(line)
      if (r && !current?.inYaml) {
        flush()
        state.detected = true
        if (r[2] === 'ok' && !/#\s*(SKIP|TODO)/i.test(line)) {
          // node prints no location for a passing test: its id is the suite path
          const level = Math.floor(r[1]!.length / 4)
          if (state.wantsPassed()) state.pass([...path.slice(0, level), r[3]!].join(' > '))
        }
        if (r[2] === 'not ok') {
          current = {
            name: r[3]!,
            indent: r[1]!.length,
            section: new Section(caps, opts.workspace),
            subtests: false,
            inYaml: false,
          }
        }
        return
      }
      const tc = TAP_COUNT.exec(line)
      if (tc) {
        flush()
        readCount(counts, tc[1]!, tc[2]!)
        return
      }
      if (!current) return
      const t = line.trim()
      if (t === '---') {
        current.inYaml = true
        return
      }
      if (t === '...') {
        current.inYaml = false
        flush()
        return
      }
      if (/^failureType: '?subtestsFailed'?$/.test(t)) current.subtests = true
      const loc = /^location: '?(.*?)'?$/.exec(t)
      if (loc) {
        current.location = loc[1]
        return
      }
      if (/^duration_ms:/.test(t) || /^type: '?(suite|test)'?$/.test(t)) return
      current.section.add(line)
    },
    end: flush,
  })
}

const SPEC_FAIL = /^(\s*)✖ (.+?)(?: \([\d.]+m?s\))?$/
const SPEC_COUNT = /^ℹ (tests|pass|fail|skipped|cancelled|todo) (\d+)$/
const SPEC_AT = /^test at (.+?):\d+:\d+$/

/**
 * node's spec reporter. Since Node 20 it ends with `✖ failing tests:` listing each failure as
 * `test at file:line:col` + `✖ name` + the error; that list is used when present. Older output:
 * `✖ name` lines followed by a more-indented error (suites have no error of their own).
 */
export function createNodeSpecParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, counts } = state
  let inList = false
  let pendingFile: string | undefined
  let current: { name: string; indent: number; file?: string; section: Section } | null = null
  const stack: string[] = []

  const flush = () => {
    const c = current
    current = null
    if (!c || c.section.lines.every((l) => l.trim() === '')) return
    const file =
      c.file ??
      c.section.frames.find((f) => /(^|\/)(tests?|__tests__)\/|\.test\.|\.spec\./.test(f.file))
        ?.file
    const id = file ? `${file} > ${c.name}` : c.name
    state.failures.add(makeFailure('node-spec', { id, name: c.name, file }, c.section))
  }

  return state.parser('node-spec', {
    push(line) {
      if (line.startsWith('✖ failing tests:')) {
        flush()
        state.detected = true
        inList = true
        state.failures = new FailureList(caps)
        return
      }
      const cnt = SPEC_COUNT.exec(line)
      if (cnt) {
        flush()
        state.detected = true
        readCount(counts, cnt[1]!, cnt[2]!)
        return
      }
      if (inList) {
        const at = SPEC_AT.exec(line)
        if (at) {
          flush()
          pendingFile = toWorkspacePath(at[1]!, opts.workspace) ?? undefined
          return
        }
      }
      const sf = SPEC_FAIL.exec(line)
      if (sf && (!current || sf[1]!.length <= current.indent)) {
        flush()
        const indent = sf[1]!.length
        const level = indent / 2
        const name = inList ? sf[2]! : [...stack.slice(0, level), sf[2]!].join(' > ')
        current = {
          name,
          indent,
          file: inList ? pendingFile : undefined,
          section: new Section(caps, opts.workspace),
        }
        pendingFile = undefined
        return
      }
      const suite = /^(\s*)▶ (.+)$/.exec(line)
      if (suite && !inList) {
        flush()
        const level = Math.floor(suite[1]!.length / 2)
        stack.length = level
        stack[level] = suite[2]!
        return
      }
      const ok = /^(\s*)✔ (.+?)(?: \([\d.]+m?s\))?$/.exec(line)
      if (ok) {
        flush()
        if (!inList && !/ # (SKIP|TODO)\b/i.test(ok[2]!)) {
          const level = Math.floor(ok[1]!.length / 2)
          if (state.wantsPassed()) state.pass([...stack.slice(0, level), ok[2]!].join(' > '))
        }
        return
      }
      if (current) {
        if (line.trim() !== '' && line.length - line.trimStart().length <= current.indent) {
          flush()
          return
        }
        current.section.add(line)
      }
    },
    end: flush,
  })
}
