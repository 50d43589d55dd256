import type { LineParser, ParseSummary, ParserOptions, RunnerKind, TestFailure } from './types.js'
import { DEFAULT_CAPS, MAX_PASSED_IDS } from './types.js'
import { resolveCaps, streamFile, stripAnsi } from './common.js'
import { createVitestParser } from './vitest.js'
import { createJestParser } from './jest.js'
import { createPytestParser } from './pytest.js'
import { createNodeSpecParser, createTapParser } from './node.js'
import { createMochaParser } from './mocha.js'
import { createGoParser } from './go.js'

export * from './types.js'
export { createJUnitParser, parseJUnitFile } from './junit.js'
export { stripAnsi, framesInLine, toWorkspacePath } from './common.js'

type OutputRunner = Exclude<RunnerKind, 'junit'>

const FACTORIES: Record<OutputRunner, (o: ParserOptions) => LineParser> = {
  vitest: createVitestParser,
  jest: createJestParser,
  pytest: createPytestParser,
  'node-tap': createTapParser,
  'node-spec': createNodeSpecParser,
  mocha: createMochaParser,
  go: createGoParser,
}

/** Lines read before auto-detection settles on the runners that recognised their output. */
const DETECT_LINES = 5_000

/**
 * Guesses the runner from the test command; undefined when the command hides it (`npm test`,
 * `make test`), and the output decides.
 */
export function detectRunner(command: string): OutputRunner[] | undefined {
  const c = command.toLowerCase()
  if (/\bvitest\b/.test(c)) return ['vitest']
  if (/\bjest\b/.test(c)) return ['jest']
  if (/\bpy\.?test\b/.test(c)) return ['pytest']
  if (/\bgo\s+test\b/.test(c)) return ['go']
  if (/\bmocha\b/.test(c)) return ['mocha']
  if (/\bnode\b.*\s--test\b/.test(c)) return ['node-spec', 'node-tap']
  return undefined
}

export interface OutputParser {
  /** Feed raw output as it comes (any chunking). */
  write(chunk: string): void
  end(): ParseSummary
}

/**
 * Parses a test runner's output as a stream of chunks. With `runners` unset every parser reads
 * the first lines and those that recognise their runner's output carry on alone; memory stays
 * bounded by the parsers' caps, never by the log's size.
 */
export function createOutputParser(
  opts: ParserOptions & { runners?: OutputRunner[] },
): OutputParser {
  const caps = resolveCaps(opts.caps)
  const kinds = opts.runners?.length ? opts.runners : (Object.keys(FACTORIES) as OutputRunner[])
  let parsers = kinds.map((k) => FACTORIES[k]({ ...opts, caps }))
  const auto = !opts.runners?.length
  let settled = !auto
  let lines = 0
  let partial = ''

  const pushLine = (raw: string) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.length > caps.maxLineChars * 4) line = line.slice(0, caps.maxLineChars * 4)
    line = stripAnsi(line)
    // carriage-return progress bars: only the last repaint is visible
    const cr = line.lastIndexOf('\r')
    if (cr !== -1) line = line.slice(cr + 1)
    for (const p of parsers) p.push(line)
    lines++
    if (!settled && (lines >= DETECT_LINES || parsers.some((p) => p.detected))) {
      const hits = parsers.filter((p) => p.detected)
      if (hits.length) parsers = hits
      settled = lines >= DETECT_LINES || hits.length > 0
    }
  }

  return {
    write(chunk) {
      let start = 0
      let nl = chunk.indexOf('\n')
      if (nl === -1) {
        partial += chunk
        // a line without end: cut it so one giant line cannot take the memory
        if (partial.length > caps.maxLineChars * 8)
          partial = partial.slice(0, caps.maxLineChars * 4)
        return
      }
      pushLine(partial + chunk.slice(0, nl))
      partial = ''
      start = nl + 1
      while ((nl = chunk.indexOf('\n', start)) !== -1) {
        pushLine(chunk.slice(start, nl))
        start = nl + 1
      }
      partial = chunk.slice(start)
      if (partial.length > caps.maxLineChars * 8) partial = partial.slice(0, caps.maxLineChars * 4)
    },
    end() {
      if (partial) pushLine(partial)
      partial = ''
      const results = parsers.map((p) => p.end())
      return pickBest(results, lines)
    },
  }
}

/** When several parsers claim the output (TAP inside a spec log…), the one with most findings wins. */
function pickBest(results: ParseSummary[], lines: number): ParseSummary {
  let best: ParseSummary | undefined
  const score = (r: ParseSummary) =>
    r.failures.length * 10 +
    ((r.counts.total ?? r.counts.passed ?? 0) ? 1 : 0) +
    (r.passed?.length ? 1 : 0)
  for (const r of results) if (!best || score(r) > score(best)) best = r
  if (!best || score(best) === 0) {
    return {
      runner: best && score(best) > 0 ? best.runner : 'unknown',
      failures: [],
      counts: best?.counts ?? {},
      truncated: false,
      linesSeen: lines,
    }
  }
  return { ...best, linesSeen: lines }
}

/** Parses a log file line by line; a 1 GB log is read in 64 KB chunks and never held whole. */
export async function parseLogFile(
  path: string,
  opts: ParserOptions & { runners?: OutputRunner[] },
): Promise<ParseSummary> {
  return streamFile(path, createOutputParser(opts))
}

/** Parses a complete output held in memory (tests, short runs). */
export function parseOutput(
  text: string,
  opts: ParserOptions & { runners?: OutputRunner[] },
): ParseSummary {
  const p = createOutputParser(opts)
  p.write(text)
  return p.end()
}

/**
 * Merges the summaries of several report files into one, keeping at most `maxFailures` failures
 * in all (hundreds of report files must not add up to more than one report may hold).
 */
export function mergeSummaries(
  list: ParseSummary[],
  maxFailures = DEFAULT_CAPS.maxFailures,
): ParseSummary {
  if (list.length === 1) return list[0]!
  const failures: TestFailure[] = []
  const seen = new Set<string>()
  const counts = { passed: 0, failed: 0, skipped: 0, total: 0 }
  let truncated = false
  let linesSeen = 0
  const passed = new Set<string>()
  for (const s of list) {
    for (const id of s.passed ?? []) if (passed.size < MAX_PASSED_IDS) passed.add(id)
    for (const f of s.failures) {
      if (seen.has(f.id)) continue
      seen.add(f.id)
      if (failures.length < maxFailures) failures.push(f)
      else truncated = true
    }
    counts.passed += s.counts.passed ?? 0
    counts.failed += s.counts.failed ?? 0
    counts.skipped += s.counts.skipped ?? 0
    counts.total += s.counts.total ?? 0
    truncated ||= s.truncated
    linesSeen += s.linesSeen
  }
  const merged: ParseSummary = {
    runner: list[0]?.runner ?? 'unknown',
    failures,
    counts,
    truncated,
    linesSeen,
  }
  if (passed.size) merged.passed = [...passed]
  return merged
}
