/**
 * Fix-mode benchmarks:
 * - failure extraction from a generated 1 GB mixed jest log (colours, console output, handled
 *   errors with stack traces, 25 failing suites between 25% and 75% of the log): time and peak RSS
 *   of a child process (compiled JavaScript, as the action runs) that only extracts, with the
 *   same child's RSS on an empty log, median and spread of PITCREW_BENCH_FIX_RUNS (3) runs
 *   (target: under 150 MB RSS, every planted failure found). PITCREW_BENCH_FIX_LOG_MB shrinks the
 *   log (quick runs).
 * - failure-context tokens for a 50,000-line failing log, relative to the log (target: < 5%).
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseLogFile, parseOutput } from '../src/fix/parsers/index.js'
import { buildFailureContext } from '../src/fix/context.js'
import { spread } from './lib/stats.js'

const SELF = fileURLToPath(import.meta.url)
const WORKSPACE = '/home/runner/work/shop/shop'

const ESC = '\u001b'
const red = (t: string) => `${ESC}[31m${t}${ESC}[39m`
const green = (t: string) => `${ESC}[32m${t}${ESC}[39m`
const dim = (t: string) => `${ESC}[2m${t}${ESC}[22m`

/**
 * A passing jest suite as CI prints it: colours, console output captured from the code under
 * test, application logs, a deprecation warning, and handled errors with stack traces that are
 * not test failures.
 */
function noiseBlock(i: number): string {
  const file = `src/services/module_${i % 97}/handler_${i % 13}.test.ts`
  const lines: string[] = [`${green(' PASS ')} ${dim(file)} (${(i % 40) / 10 + 0.3} s)`]
  if (i % 5 === 0) {
    lines.push(
      '  ● Console',
      '',
      '    console.log',
      `      [info] request ${i} GET /api/items/${i} 200 ${i % 50}ms {"user":"u${i % 311}","cache":"miss"}`,
      '',
      `      at Object.log (${file.replace('.test', '')}:${(i % 80) + 10}:13)`,
      '',
      '    console.error',
      `      Error: connect ECONNREFUSED 127.0.0.1:${5432 + (i % 3)} (retrying, attempt ${(i % 4) + 1})`,
      `          at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)`,
      `          at ${WORKSPACE}/node_modules/pg-pool/index.js:45:11`,
      '',
    )
  }
  if (i % 17 === 0)
    lines.push(
      `(node:${2000 + (i % 900)}) [DEP0040] DeprecationWarning: The \`punycode\` module is deprecated.`,
      '(Use `node --trace-deprecation ...` to show where the warning was created)',
    )
  for (let k = 0; k < 12; k++) {
    const n = i * 12 + k
    lines.push(`    ${green('✓')} handles case ${n} of suite ${i % 13} ${dim(`(${n % 7} ms)`)}`)
  }
  lines.push('')
  return lines.join('\n') + '\n'
}

/** A failing jest suite, printed where it ran: in the middle of the log. */
function failureBlock(i: number): string {
  const file = `test/pricing/rule_${i}.test.ts`
  return (
    [
      `${red(' FAIL ')} ${dim(file)}`,
      `  pricing rule ${i}`,
      `    ${red('✕')} computes value ${i} ${dim('(12 ms)')}`,
      `    ${green('✓')} keeps the default ${dim('(1 ms)')}`,
      '',
      `  ${red(`● pricing rule ${i} › computes value ${i}`)}`,
      '',
      '    expect(received).toBe(expected) // Object.is equality',
      '',
      `    Expected: ${green(String(i * 3 + 1))}`,
      `    Received: ${red(String(i * 3))}`,
      '',
      `      ${10 + i} |   it('computes value ${i}', () => {`,
      `    > ${11 + i} |     expect(compute(${i})).toBe(${i * 3 + 1})`,
      '         |                       ^',
      `      ${12 + i} |   })`,
      '',
      `      at Object.<anonymous> (${file}:${11 + i}:23)`,
      '',
    ].join('\n') + '\n'
  )
}

function footer(failures: number, suites: number, passed: number): string {
  return [
    '',
    `Test Suites: ${red(`${failures} failed`)}, ${green(`${suites} passed`)}, ${failures + suites} total`,
    `Tests:       ${red(`${failures} failed`)}, ${green(`${passed} passed`)}, ${failures + passed} total`,
    'Snapshots:   0 total',
    'Time:        812.33 s',
    'Ran all test suites.',
    '',
  ].join('\n')
}

/**
 * Writes a mixed jest log of about `mb` megabytes, streaming (never built in memory), with the
 * `failures` failing suites spread through the middle (between 25% and 75% of the log).
 */
export async function generateLog(path: string, mb: number, failures: number): Promise<number> {
  const out = createWriteStream(path)
  const target = mb * 1024 * 1024
  let written = 0
  let i = 0
  let placed = 0
  const write = (s: string) =>
    new Promise<void>((resolve) => {
      written += Buffer.byteLength(s)
      if (out.write(s)) resolve()
      else out.once('drain', () => resolve())
    })
  const chunkBytes = Math.min(1_000_000, Math.max(10_000, Math.floor(target / (failures * 4))))
  while (written < target) {
    let chunk = ''
    while (chunk.length < chunkBytes) chunk += noiseBlock(i++)
    // the next failure goes in once the log has passed its share of the middle half
    while (placed < failures && written >= target * (0.25 + (0.5 * placed) / failures)) {
      chunk += failureBlock(placed++)
    }
    await write(chunk)
  }
  let rest = ''
  while (placed < failures) rest += failureBlock(placed++)
  await write(rest + footer(failures, i, i * 12))
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  )
  return written
}

/** Child: extract failures from the log and report time and peak RSS. */
async function child(path: string): Promise<void> {
  const t0 = performance.now()
  const s = await parseLogFile(path, { workspace: WORKSPACE })
  const ms = performance.now() - t0
  const context = buildFailureContext(s)
  process.stdout.write(
    JSON.stringify({
      ms,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      failures: s.failures.length,
      runner: s.runner,
      linesSeen: s.linesSeen,
      contextChars: context.length,
    }),
  )
}

/**
 * This file compiled to one JavaScript module, as the action runs compiled code: a child started
 * with `--import tsx` counted the TypeScript loader's own memory (about 40 MB of the peak RSS:
 * 82 MB for an empty log against 39 MB for a bare `node`).
 */
async function compiledSelf(dir: string): Promise<string> {
  const { build } = await import('esbuild')
  const outfile = join(dir, 'fix-logs.mjs')
  await build({
    entryPoints: [SELF],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  })
  return outfile
}

function runChild(script: string, path: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, '--child', path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('error', reject)
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`extraction child exited with code ${code}`))
      else resolve(JSON.parse(out) as Record<string, number | string>)
    })
  })
}

/** The 50,000-line log of the context benchmark, in memory: same mix, failures in the middle. */
function fiftyThousandLines(failures: number): string {
  const blocks: string[] = []
  let lines = 0
  let i = 0
  while (lines < 50_000) {
    const b = noiseBlock(i++)
    blocks.push(b)
    lines += b.split('\n').length - 1
  }
  const step = Math.floor(blocks.length / 2 / failures)
  for (let f = failures - 1; f >= 0; f--)
    blocks.splice(Math.floor(blocks.length / 4) + f * step, 0, failureBlock(f))
  return blocks.join('') + footer(failures, i, i * 12)
}

const FAILURES = 25
/** Extraction runs (each a fresh child process); the report gives their median and spread. */
const RUNS = Number(process.env.PITCREW_BENCH_FIX_RUNS ?? 3)

export async function benchFix(): Promise<Record<string, unknown>> {
  const mb = Number(process.env.PITCREW_BENCH_FIX_LOG_MB ?? 1024)
  const dir = await mkdtemp(join(tmpdir(), 'pitcrew-bench-fix-'))
  const path = join(dir, 'test.log')
  try {
    const g0 = performance.now()
    await generateLog(path, mb, FAILURES)
    const genMs = performance.now() - g0
    const size = (await stat(path)).size
    const script = await compiledSelf(dir)
    // The same child on an empty log: the process's fixed cost, apart from the extraction's.
    const empty = join(dir, 'empty.log')
    await writeFile(empty, '')
    const baseline = await runChild(script, empty)
    const runs: Record<string, number | string>[] = []
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`  fix-logs extraction run ${r + 1}/${RUNS}\n`)
      runs.push(await runChild(script, path))
    }
    const ms = runs.map((r) => Number(r.ms))
    const rss = runs.map((r) => Number(r.maxRssMb))
    const found = runs.map((r) => Number(r.failures))
    const log = fiftyThousandLines(10)
    const s = parseOutput(log, { workspace: WORKSPACE })
    const context = buildFailureContext(s)
    const logTokens = Math.ceil(log.length / 4)
    const contextTokens = Math.ceil(context.length / 4)
    const mbPerSecond = ms.map((m) => size / 1024 / 1024 / (m / 1000))
    return {
      extraction: {
        log: 'jest, colours, console output and handled errors; failing suites between 25% and 75% of the log',
        logBytes: size,
        logMb: Math.round(size / 1024 / 1024),
        generateMs: Math.round(genMs),
        extractMs: spread(ms, 0),
        mbPerSecond: spread(mbPerSecond, 0),
        peakRssMb: spread(rss, 0),
        emptyLogRssMb: Math.round(Number(baseline.maxRssMb)),
        child: 'compiled JavaScript (esbuild bundle of this file), plain node, as the action runs',
        loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
        targetRssMb: 150,
        withinTarget: Math.max(...rss) < 150,
        failuresPlanted: FAILURES,
        failuresFound: found[0],
        allFound: found.every((f) => f === FAILURES),
        linesSeen: runs[0]!.linesSeen,
        runner: runs[0]!.runner,
      },
      context: {
        logLines: log.split('\n').length - 1,
        logTokens,
        failuresPlanted: 10,
        failures: s.failures.length,
        contextTokens,
        ratioPercent: Math.round((contextTokens / logTokens) * 10_000) / 100,
        targetPercent: 5,
        withinTarget: contextTokens / logTokens < 0.05,
      },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!)
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchFix(), null, 2))
}
