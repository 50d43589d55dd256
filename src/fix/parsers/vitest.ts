import type { LineParser, ParserOptions } from './types.js'
import { ParserState, Section, makeFailure, toWorkspacePath, readCounts } from './common.js'

const FAIL_HEADER = /^\s*FAIL\s+(\S.*?)\s*$/
const SECTION_HEADER =
  /^⎯+\s*(Failed Tests|Failed Suites|Unhandled Errors?|Unhandled Rejection)[^⎯]*⎯+$/
const SEPARATOR = /^⎯+(\[\d+\/\d+\])?⎯*$/
/** verbose reporter: ` ✓ test/a.spec.ts > suite > name 3ms` */
const PASS_LINE = /^\s*(?:✓|√) ([^\s>]+\.[cm]?[jt]sx?) > (.+?)(?: \d+(?:\.\d+)?m?s)?$/
const DETECT = /^\s*(RUN\s+v\d|Test Files\s+\d|⎯+ Failed Tests \d)/

/**
 * vitest's default reporter: failures are printed after the run under "Failed Tests N", one block
 * per `FAIL  file > suite > test` header, ended by a `⎯⎯[1/3]⎯` rule. Identical errors share a
 * block with several headers.
 */
export function createVitestParser(opts: ParserOptions): LineParser {
  const state = new ParserState(opts)
  const { caps, failures, counts } = state
  let inFailures = false
  let headers: { file?: string; name: string; id: string }[] = []
  let section: Section | null = null
  let unhandled = false

  const flush = () => {
    if (section && headers.length) {
      for (const h of headers) failures.add(makeFailure('vitest', h, section))
    }
    headers = []
    section = null
  }

  const header = (text: string) => {
    // `test/a.spec.ts > suite > name` or, for a suite that failed to load, `test/a.spec.ts [ test/a.spec.ts ]`
    const suite = /^(\S+?)\s+\[\s*\S+\s*\]$/.exec(text)
    if (suite) {
      const file = toWorkspacePath(suite[1]!, opts.workspace) ?? suite[1]!
      return { file, name: '(suite failed to load)', id: file }
    }
    const parts = text.split(' > ')
    const rawFile = parts.length > 1 ? parts.shift()! : undefined
    const file = rawFile ? (toWorkspacePath(rawFile, opts.workspace) ?? rawFile) : undefined
    const name = parts.join(' > ')
    return { file, name, id: file ? `${file} > ${name}` : name }
  }

  return state.parser('vitest', {
    detect: DETECT,
    push(line) {
      const t = line.trim()
      if (t.startsWith('⎯')) {
        const sh = SECTION_HEADER.exec(t)
        if (sh) {
          flush()
          inFailures = true
          unhandled = sh[1]!.startsWith('Unhandled')
          if (unhandled) {
            headers = [{ name: sh[1]!, id: `(${sh[1]!.toLowerCase()})` }]
            section = new Section(caps, opts.workspace)
          }
          return
        }
        if (SEPARATOR.test(t)) {
          if (!unhandled) flush()
          return
        }
      }
      if (t.startsWith('Test Files ') || t.startsWith('Tests ')) {
        flush()
        inFailures = false
        unhandled = false
        if (t.startsWith('Tests ')) {
          readCounts(t, counts)
          const total = /\((\d+)\)/.exec(t)
          if (total) counts.total = Number(total[1])
        }
        return
      }
      if (!inFailures) {
        const p = PASS_LINE.exec(line)
        if (p) {
          const file = toWorkspacePath(p[1]!, opts.workspace) ?? p[1]!
          if (state.wantsPassed()) state.pass(`${file} > ${p[2]!.replace(/ \[[^\]]*\]$/, '')}`)
        }
        return
      }
      const fh = FAIL_HEADER.exec(line)
      if (fh && !unhandled) {
        // consecutive headers share one error block
        if (section && section.lines.some((l) => l.trim() !== '')) flush()
        headers.push(header(fh[1]!))
        section ??= new Section(caps, opts.workspace)
        return
      }
      section?.add(line)
    },
    end: flush,
  })
}
