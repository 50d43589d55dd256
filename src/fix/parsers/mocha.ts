import type { LineParser, ParserOptions } from './types.js'
import { ParserState, Section, makeFailure } from './common.js'

const FAILING = /^\s*(\d+) failing\s*$/
const PASSING = /^\s*(\d+) passing \(/
const PENDING = /^\s*(\d+) pending\s*$/
const ITEM = /^(\s*)(\d+)\) (.+?)\s*$/

/**
 * mocha's spec reporter: after `N passing` / `N failing`, one block per failure, headed
 * `1) suite` with the rest of the title on the following indented lines, the last ending in `:`.
 */
export function createMochaParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, failures, counts } = state
  let inFailures = false
  let current: { parts: string[]; titleDone: boolean; section: Section } | null = null
  // the spec tree before the totals: suite titles by level; a pass is `✔ title`
  const tree: string[] = []

  const flush = () => {
    if (current) {
      const name = current.parts.join(' ').trim()
      const file = current.section.frames.find((f) =>
        /(^|\/)(tests?|spec|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f.file),
      )?.file
      failures.add(makeFailure('mocha', { id: name, name, file }, current.section))
    }
    current = null
  }

  return state.parser('mocha', {
    push(line) {
      const p = PASSING.exec(line)
      if (p) {
        state.detected = true
        counts.passed = Number(p[1])
        return
      }
      const pe = PENDING.exec(line)
      if (pe && !inFailures) {
        counts.skipped = Number(pe[1])
        return
      }
      const f = FAILING.exec(line)
      if (f && !inFailures) {
        counts.failed = Number(f[1])
        counts.total = (counts.passed ?? 0) + counts.failed + (counts.skipped ?? 0)
        inFailures = true
        return
      }
      if (!inFailures) {
        const indent = line.length - line.trimStart().length
        const t = line.trim()
        if (!t || indent < 2) return
        const level = Math.floor(indent / 2) - 1
        const ok = /^(?:✔|✓) (.+?)(?: \(\d+ms\))?$/.exec(t)
        if (ok && state.wantsPassed()) state.pass([...tree.slice(0, level), ok[1]!].join(' '))
        else if (!/^\d+\) /.test(t) && !/^- /.test(t)) {
          tree.length = level
          tree[level] = t
        }
        return
      }
      const item = ITEM.exec(line)
      if (item && (!current || current.titleDone || item[1]!.length <= 4)) {
        flush()
        const title = item[3]!
        const done = title.endsWith(':')
        current = {
          parts: [done ? title.slice(0, -1) : title],
          titleDone: done,
          section: new Section(caps, opts.workspace),
        }
        return
      }
      if (!current) return
      if (!current.titleDone) {
        const t = line.trim()
        if (t === '') {
          current.titleDone = true
          return
        }
        current.parts.push(t.endsWith(':') ? t.slice(0, -1) : t)
        if (t.endsWith(':')) current.titleDone = true
        return
      }
      current.section.add(line)
    },
    end: flush,
  })
}
