import type { ParseSummary, ParserOptions, TestCounts } from './types.js'
import { MAX_PASSED_IDS } from './types.js'
import {
  FailureList,
  Section,
  firstMessage,
  makeFailure,
  resolveCaps,
  toWorkspacePath,
  summaryOf,
  streamFile,
} from './common.js'
import { XmlTokenizer } from './xml.js'

interface CaseState {
  name: string
  classname: string
  file?: string
  suiteFile?: string
  failed: boolean
  message?: string
  type?: string
  section: Section | null
  skipped: boolean
}

/**
 * JUnit XML as written by jest-junit, vitest's junit reporter, pytest --junitxml,
 * go-junit-report and Maven Surefire, parsed as a stream: only failing test cases keep text.
 */
export function createJUnitParser(opts: ParserOptions): {
  write(chunk: string): void
  end(): ParseSummary
} {
  const caps = resolveCaps(opts.caps)
  const failures = new FailureList(caps)
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, total: 0 }
  let elements = 0
  const passed: string[] = []
  const suiteFiles: (string | undefined)[] = []
  let tc: CaseState | null = null
  // depth inside <failure>/<error>: only their text is kept
  let capture = false
  let partial = ''

  const addText = (t: string) => {
    if (!tc?.section) return
    const text = partial + t
    const lines = text.split('\n')
    partial = lines.pop() ?? ''
    if (partial.length > caps.maxLineChars) {
      tc.section.add(partial)
      partial = ''
    }
    for (const l of lines) tc.section.add(l.replace(/\r$/, ''))
  }

  const tokenizer = new XmlTokenizer({
    open(name, attrs) {
      elements++
      if (name === 'testsuite') suiteFiles.push(attrs.file ?? attrs.filepath)
      else if (name === 'testcase') {
        tc = {
          name: attrs.name ?? '',
          classname: attrs.classname ?? attrs.class ?? '',
          file: attrs.file ?? attrs.filepath,
          suiteFile: suiteFiles.at(-1),
          failed: false,
          section: null,
          skipped: false,
        }
      } else if (tc && (name === 'failure' || name === 'error')) {
        if (!tc.failed) {
          tc.failed = true
          tc.message = attrs.message
          tc.type = attrs.type
          tc.section = new Section(caps, opts.workspace)
        }
        capture = true
        partial = ''
      } else if (tc && name === 'skipped') tc.skipped = true
    },
    close(name) {
      if (name === 'testsuite') suiteFiles.pop()
      else if ((name === 'failure' || name === 'error') && capture) {
        if (partial && tc?.section) tc.section.add(partial)
        partial = ''
        capture = false
      } else if (name === 'testcase' && tc) {
        const c: CaseState = tc
        tc = null
        counts.total!++
        if (c.skipped && !c.failed) counts.skipped!++
        else if (!c.failed) {
          counts.passed!++
          if (passed.length < MAX_PASSED_IDS) passed.push(toFailure(c).id)
        } else {
          counts.failed!++
          failures.add(toFailure(c))
        }
      }
    },
    text(t) {
      if (capture) addText(t)
    },
  })

  const toFailure = (c: CaseState) => {
    const section = c.section ?? new Section(caps, opts.workspace)
    const rawFile =
      c.file ??
      c.suiteFile ??
      (/[\\/]/.test(c.classname) && /\.\w+$/.test(c.classname) ? c.classname : undefined)
    let file = rawFile ? (toWorkspacePath(rawFile, opts.workspace) ?? undefined) : undefined
    let id: string
    let name = c.name
    let suite: string | undefined = c.classname || undefined
    const py = !file ? pythonNodeId(c.classname, c.name, section) : null
    if (py) {
      ;({ id, file } = py)
      name = py.id.slice(py.file.length + 2)
    } else if (file && c.classname === rawFile) {
      // vitest: classname is the file, name the suite path: same id as its console output
      id = `${file} > ${c.name}`
      suite = undefined
    } else if (c.classname && c.classname !== c.name) {
      id = `${c.classname} > ${c.name}`
    } else id = c.name
    let message = c.message?.split('\n')[0]?.trim()
    if (!message) message = firstMessage(section.lines)
    if (
      c.type &&
      message &&
      !message.startsWith(c.type) &&
      !/^[\w.]+(Error|Exception)\b/.test(message)
    ) {
      message = `${c.type}: ${message}`
    }
    return makeFailure('junit', { id, name, file, suite, message }, section)
  }

  return {
    write(chunk) {
      tokenizer.write(chunk)
    },
    end() {
      tokenizer.end()
      return summaryOf('junit', failures, counts, elements, passed)
    },
  }
}

/**
 * pytest writes `classname="tests.test_calc.TestParse" name="test_bad"` and no file; the traceback
 * names the file (`tests/test_calc.py:14:`). When the dotted module matches it, rebuild the node id
 * `tests/test_calc.py::TestParse::test_bad` that pytest's own output uses and accepts for a rerun.
 */
function pythonNodeId(
  classname: string,
  name: string,
  section: Section,
): { id: string; file: string } | null {
  if (!classname || classname.includes('/')) return null
  for (const f of section.frames) {
    if (!f.file.endsWith('.py')) continue
    const mod = f.file.slice(0, -3).replace(/\//g, '.')
    if (classname === mod || classname.startsWith(mod + '.')) {
      const rest = classname.slice(mod.length + 1)
      const parts = [f.file, ...(rest ? rest.split('.') : []), name]
      return { id: parts.join('::'), file: f.file }
    }
  }
  return null
}

/** Parses one JUnit XML file as a stream. */
export async function parseJUnitFile(path: string, opts: ParserOptions): Promise<ParseSummary> {
  return streamFile(path, createJUnitParser(opts))
}
