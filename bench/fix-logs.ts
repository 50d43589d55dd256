/**
 * Fix-mode benchmarks:
 * - failure extraction from a generated 1 GB test log: time and peak RSS of a child process that
 *   only extracts (target: under 150 MB RSS). PITCREW_BENCH_FIX_LOG_MB shrinks the log (quick runs).
 * - failure-context tokens for a 50,000-line failing log, relative to the log (target: < 5%).
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseLogFile, parseOutput } from '../src/fix/parsers/index.js'
import { buildFailureContext } from '../src/fix/context.js'

const SELF = fileURLToPath(import.meta.url)
const WORKSPACE = '/home/runner/work/shop/shop'

function noiseBlock(i: number): string {
  const lines: string[] = []
  for (let k = 0; k < 20; k++) {
    const n = i * 20 + k
    lines.push(`stdout | test/module_${n % 97}.spec.ts > suite ${n % 13} > case ${n}`)
    lines.push(
      `[info] request ${n} GET /api/items/${n} 200 ${n % 50}ms {"user":"u${n % 311}","cache":"miss"}`,
    )
    lines.push(`   ✓ test/module_${n % 97}.spec.ts > suite ${n % 13} > case ${n} ${n % 7}ms`)
  }
  return lines.join('\n') + '\n'
}

function failureBlock(i: number, total: number): string {
  return [
    ` FAIL  test/module_${i}.spec.ts > suite ${i} > computes value ${i}`,
    `AssertionError: expected ${i * 3} to be ${i * 3 + 1} // Object.is equality`,
    '',
    '- Expected',
    '+ Received',
    '',
    `- ${i * 3 + 1}`,
    `+ ${i * 3}`,
    '',
    ` ❯ compute src/module_${i}.ts:${10 + i}:12`,
    ` ❯ test/module_${i}.spec.ts:${20 + i}:30`,
    `    at runTest (${WORKSPACE}/node_modules/@vitest/runner/dist/index.js:781:11)`,
    `    at processTicksAndRejections (node:internal/process/task_queues:95:5)`,
    '',
    `⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[${i + 1}/${total}]⎯`,
    '',
  ].join('\n')
}

function footer(failures: number, passed: number): string {
  return [
    '',
    ` Test Files  ${failures} failed | 80 passed (${80 + failures})`,
    `      Tests  ${failures} failed | ${passed} passed (${failures + passed})`,
    '   Duration  812.33s',
    '',
  ].join('\n')
}

/** Writes a vitest log of about `mb` megabytes, streaming (never built in memory). */
async function generateLog(path: string, mb: number, failures: number): Promise<number> {
  const out = createWriteStream(path)
  const target = mb * 1024 * 1024
  let written = 0
  let i = 0
  out.write(' RUN  v4.1.12 /home/runner/work/shop/shop\n\n')
  const write = (s: string) =>
    new Promise<void>((resolve) => {
      written += Buffer.byteLength(s)
      if (out.write(s)) resolve()
      else out.once('drain', () => resolve())
    })
  while (written < target) {
    // ~1 MB per write
    let chunk = ''
    while (chunk.length < 1_000_000) chunk += noiseBlock(i++)
    await write(chunk)
  }
  let tail = `\n⎯⎯⎯⎯⎯⎯⎯ Failed Tests ${failures} ⎯⎯⎯⎯⎯⎯⎯\n\n`
  for (let f = 0; f < failures; f++) tail += failureBlock(f, failures)
  await write(tail + footer(failures, i * 20))
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

function runChild(path: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', path], {
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

/** The 50,000-line log of the context benchmark, in memory (about 4 MB). */
function fiftyThousandLines(failures: number): string {
  const parts: string[] = [' RUN  v4.1.12 /home/runner/work/shop/shop\n']
  let lines = 1
  let i = 0
  const failText = (() => {
    let t = `\n⎯⎯⎯⎯⎯⎯⎯ Failed Tests ${failures} ⎯⎯⎯⎯⎯⎯⎯\n\n`
    for (let f = 0; f < failures; f++) t += failureBlock(f, failures)
    return t + footer(failures, 9000)
  })()
  const tailLines = failText.split('\n').length
  while (lines + 60 + tailLines <= 50_000) {
    parts.push(noiseBlock(i++))
    lines += 60
  }
  while (lines + tailLines < 50_000) {
    parts.push(`[debug] padding line ${lines}\n`)
    lines++
  }
  parts.push(failText)
  return parts.join('')
}

export async function benchFix(): Promise<Record<string, unknown>> {
  const mb = Number(process.env.PITCREW_BENCH_FIX_LOG_MB ?? 1024)
  const dir = await mkdtemp(join(tmpdir(), 'pitcrew-bench-fix-'))
  const path = join(dir, 'test.log')
  try {
    const g0 = performance.now()
    await generateLog(path, mb, 25)
    const genMs = performance.now() - g0
    const size = (await stat(path)).size
    const r = await runChild(path)
    const log = fiftyThousandLines(10)
    const s = parseOutput(log, { workspace: WORKSPACE })
    const context = buildFailureContext(s)
    const logTokens = Math.ceil(log.length / 4)
    const contextTokens = Math.ceil(context.length / 4)
    return {
      extraction: {
        logBytes: size,
        logMb: Math.round(size / 1024 / 1024),
        generateMs: Math.round(genMs),
        extractMs: Math.round(Number(r.ms)),
        mbPerSecond: Math.round(size / 1024 / 1024 / (Number(r.ms) / 1000)),
        peakRssMb: Math.round(Number(r.maxRssMb)),
        targetRssMb: 150,
        withinTarget: Number(r.maxRssMb) < 150,
        failuresFound: r.failures,
        linesSeen: r.linesSeen,
      },
      context: {
        logLines: log.split('\n').length - 1,
        logTokens,
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
