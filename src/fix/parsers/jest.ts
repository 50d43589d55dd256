import type { LineParser, ParserOptions } from './types.js'
import {
  ParserState,
  Section,
  countOf,
  makeFailure,
  toWorkspacePath,
  readCounts,
} from './common.js'

const FILE_HEADER = /^\s*(FAIL|PASS)\s+(?:\[[^\]]+\]\s+)?(\S+?)(?:\s+\([\d.]+ m?s\))?\s*$/
const TEST_HEADER = /^\s*● (.+?)\s*$/
const DETECT = /^(Test Suites:|Tests:\s+\d|Summary of all failing tests)/
/** A test in the verbose tree: `    ✓ name (3 ms)`; ✕ failed, ○ skipped, ✎ todo (√/× on Windows). */
const TREE_TEST = /^(\s+)(✓|√|✕|×|○|✎) (?:skipped |todo )?(.+?)(?: \(\d+(?:\.\d+)? m?s\))?$/

/**
 * jest's default reporter: `FAIL path` per test file, then a `● suite › test` block per failed
 * test. "Summary of all failing tests" repeats them; duplicates are dropped by id.
 */
export function createJestParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, failures, counts } = state
  let file: string | undefined
  let current: { name: string; section: Section } | null = null
  // the verbose tree under a file header: describe names by level, until a blank line
  let inTree = false
  const tree: string[] = []

  const flush = () => {
    if (current) {
      const name = current.name
      const suiteError = name === 'Test suite failed to run'
      const id = file ? `${file} > ${suiteError ? '(suite failed to run)' : name}` : name
      failures.add(makeFailure('jest', { id, name, file }, current.section))
    }
    current = null
  }

  return state.parser('jest', {
    detect: DETECT,
    push(line) {
      const fh = FILE_HEADER.exec(line)
      if (fh && !line.startsWith('  ')) {
        flush()
        file = toWorkspacePath(fh[2]!, opts.workspace) ?? fh[2]!
        inTree = true
        tree.length = 0
        return
      }
      if (inTree && !current) {
        if (line.trim() === '' || line.trimStart().startsWith('●')) inTree = false
        else {
          const indent = line.length - line.trimStart().length
          const level = Math.max(0, Math.floor(indent / 2) - 1)
          const t = TREE_TEST.exec(line)
          if (t) {
            if ((t[2] === '✓' || t[2] === '√') && state.wantsPassed()) {
              const name = [...tree.slice(0, level), t[3]!].join(' > ')
              state.pass(file ? `${file} > ${name}` : name)
            }
          } else {
            tree.length = level
            tree[level] = line.trim()
          }
          return
        }
      }
      if (line.startsWith('Test Suites:') || line.startsWith('Summary of all failing tests')) {
        flush()
        return
      }
      if (line.startsWith('Tests:')) {
        flush()
        readCounts(line, counts)
        counts.total = countOf(line, 'total')
        return
      }
      const th = TEST_HEADER.exec(line)
      if (th) {
        flush()
        // `● Console` heads the console output jest captured from a suite (passing or not)
        if (th[1] === 'Console') return
        current = {
          name: th[1]!.replace(/ › /g, ' > '),
          section: new Section(caps, opts.workspace),
        }
        return
      }
      current?.section.add(line)
    },
    end: flush,
  })
}
