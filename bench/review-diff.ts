/**
 * Review-mode benchmarks (JSON):
 * - diff parsing + indexing + anchoring on a diff of 50,000+ lines of real code (and on the old
 *   regular synthetic 50,000-line diff), median and spread of 7 runs (target < 100 ms);
 * - packing a ~1 MB diff of real code (JavaScript sources from node_modules, edited by a seeded
 *   mutator and diffed by real git) with the shipped settings (30,000 tokens per call, the calls
 *   `max-cost-usd` 2 affords on the default model): share of changed lines shown, number of
 *   calls, packed tokens / raw diff tokens (target <= 1.3);
 * - the same for one 550 KB file added (issue 9 case 5: it was skipped as "too large").
 */
import { execFileSync } from 'node:child_process'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { parseGitDiff, indexDiff } from '../src/review/diff.js'
import { anchorFinding } from '../src/review/anchor.js'
import { estimateTokens, lineCoverage, packDiff } from '../src/review/pack.js'
import { reviewCallBudget } from '../src/review/call-cost.js'
import { spread } from './lib/stats.js'

/** The shipped defaults: `model`, `max-cost-usd` and `review.max-tokens-per-call`. */
export const SHIPPED = { model: 'claude-sonnet-4-6', maxCostUsd: 2, maxTokensPerCall: 30_000 }
const shippedPack = {
  maxTokensPerCall: SHIPPED.maxTokensPerCall,
  callBudget: reviewCallBudget({ model: SHIPPED.model, maxCostUsd: SHIPPED.maxCostUsd }),
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** A deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function syntheticDiff(totalLines: number): string {
  const out: string[] = []
  let lines = 0
  let file = 0
  while (lines < totalLines) {
    const path = `src/module${file++}/file.ts`
    out.push(
      `diff --git a/${path} b/${path}`,
      'index 1111111..2222222 100644',
      `--- a/${path}`,
      `+++ b/${path}`,
    )
    lines += 4
    let oldNo = 1
    let newNo = 1
    for (let h = 0; h < 10 && lines < totalLines; h++) {
      out.push(`@@ -${oldNo},10 +${newNo},11 @@ function f${h}() {`)
      for (let i = 0; i < 3; i++) out.push(`   const ctx${i} = load(${i})`)
      for (let i = 0; i < 2; i++) out.push(`-  const old${i} = compute(${i}, 'old')`)
      for (let i = 0; i < 3; i++) out.push(`+  const new${i} = compute(${i}, 'new')`)
      for (let i = 0; i < 5; i++) out.push(`   return ctx${i}`)
      lines += 14
      oldNo += 40
      newNo += 41
    }
  }
  return out.join('\n') + '\n'
}

function listJs(dir: string, acc: string[], limitBytes: { left: number }): void {
  for (const name of readdirSync(dir).sort()) {
    if (limitBytes.left <= 0) return
    const abs = join(dir, name)
    const st = statSync(abs)
    if (st.isDirectory()) listJs(abs, acc, limitBytes)
    else if (
      /\.(js|ts|mjs)$/.test(name) &&
      !name.endsWith('.d.ts') &&
      !name.endsWith('.min.js') &&
      st.size < 150_000
    ) {
      acc.push(abs)
      limitBytes.left -= st.size
    }
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@x',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@x',
    },
  })
}

/** A ~1 MB diff of real code: edits scattered through real files, some files added or deleted. */
export function realisticDiff(bytesPerPackage = 1_000_000): string {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-review-'))
  try {
    const sources: string[] = []
    for (const pkg of [
      'yaml/dist',
      'ajv/dist',
      'picomatch',
      '@octokit/request/dist-src',
      'ajv-formats/dist',
      'eslint/lib',
    ]) {
      const abs = join(root, 'node_modules', pkg)
      try {
        listJs(abs, sources, { left: bytesPerPackage })
      } catch {
        // package layout differs: skip it
      }
    }
    const rand = rng(42)
    const files = new Map<string, string>()
    for (const abs of sources)
      files.set(`lib/${relative(join(root, 'node_modules'), abs)}`, readFileSync(abs, 'utf8'))
    git(dir, 'init', '-q')
    for (const [p, text] of files) {
      mkdirSync(dirname(join(dir, p)), { recursive: true })
      writeFileSync(join(dir, p), text)
    }
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'base')
    let i = 0
    for (const [p, text] of files) {
      i++
      const abs = join(dir, p)
      if (i % 23 === 0) {
        rmSync(abs)
        continue
      }
      const lines = text.split('\n')
      const edits = Math.max(1, Math.floor(lines.length / 14))
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * lines.length)
        const r = rand()
        if (r < 0.4) lines[at] = `${lines[at]} // reviewed: ${Math.floor(rand() * 1e6)}`
        else if (r < 0.7)
          lines.splice(
            at,
            0,
            `  const check${e} = validate(input, ${e}) // new guard`,
            `  if (!check${e}) throw new Error('invalid input ${e}')`,
          )
        else lines.splice(at, Math.min(3, lines.length - at))
      }
      writeFileSync(abs, lines.join('\n'))
      if (i % 11 === 0)
        writeFileSync(abs.replace(/\.(m?js|ts)$/, '.copy.$1'), lines.slice(0, 200).join('\n'))
    }
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'head')
    return git(dir, 'diff', '-M', '--no-color', '--no-ext-diff', 'HEAD~1', 'HEAD')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const PARSE_RUNS = 7

/** Parse + index, then anchor a finding on every changed line; `runs` times. */
function parseRuns(diff: string, runs: number) {
  const parseMs: number[] = []
  const anchorMs: number[] = []
  const cpuMs: number[] = []
  let anchored = 0
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const files = parseGitDiff(diff)
    const index = indexDiff(files)
    const t1 = performance.now()
    anchored = 0
    for (const f of files) {
      for (const h of f.hunks) {
        for (const l of h.lines) {
          const a = anchorFinding(
            {
              path: f.path,
              line: l.newLine ?? l.oldLine ?? 1,
              side: l.kind === 'del' ? 'LEFT' : 'RIGHT',
              severity: 'minor',
              title: 't',
              body: '',
            },
            index,
          )
          if (!a.outside) anchored++
        }
      }
    }
    const t2 = performance.now()
    const c = process.cpuUsage(c0)
    cpuMs.push((c.user + c.system) / 1000)
    parseMs.push(t1 - t0)
    anchorMs.push(t2 - t1)
  }
  return {
    diffLines: diff.split('\n').length - 1,
    diffBytes: Buffer.byteLength(diff),
    parseAndIndexMs: spread(parseMs),
    anchorMs: spread(anchorMs),
    totalMs: spread(parseMs.map((p, i) => p + anchorMs[i]!)),
    // CPU time of the process over the same runs: less sensitive to a busy machine than wall.
    totalCpuMs: spread(cpuMs),
    anchoredFindings: anchored,
    targetMs: 100,
  }
}

export async function benchReview(): Promise<Record<string, unknown>> {
  // 1. Throughput on a 50,000+-line diff of real code (and, for comparison with earlier
  // figures, on the old regular synthetic diff), median and spread of PARSE_RUNS runs.
  process.stderr.write('  review-diff: building the real-code diffs with git\n')
  const realBig = realisticDiff(2_000_000)
  const parseReal = parseRuns(realBig, PARSE_RUNS)
  const parseSynthetic = parseRuns(syntheticDiff(50_000), PARSE_RUNS)

  // 2. Packing a ~1 MB diff at 30,000 tokens per call.
  const real = realisticDiff()
  const files = parseGitDiff(real)
  const packTimes: number[] = []
  let pack = packDiff(files, shippedPack)
  for (let r = 0; r < PARSE_RUNS; r++) {
    const t3 = performance.now()
    pack = packDiff(files, shippedPack)
    packTimes.push(performance.now() - t3)
  }
  const packedTokens = pack.parts.reduce((s, p) => s + p.tokens, 0)
  const rawTokens = estimateTokens(real)
  let systemTokens = 0
  try {
    systemTokens = estimateTokens(readFileSync(join(root, 'prompts', 'review.md'), 'utf8'))
  } catch {
    systemTokens = 0
  }
  // 3. One 550 KB file added (short lines, about 200k packed tokens).
  const rows = Array.from(
    { length: 37_000 },
    (_, i) => `  n${String(i).padStart(5, '0')}: ${i % 1000},`,
  )
  const single = `diff --git a/src/table.ts b/src/table.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/table.ts\n@@ -0,0 +1,${rows.length} @@\n${rows.map((r) => `+${r}`).join('\n')}\n`
  const t4 = performance.now()
  const singlePack = packDiff(parseGitDiff(single), shippedPack)
  const singleMs = performance.now() - t4
  const cost = (p: typeof pack) =>
    Math.round(
      p.parts.reduce((sum, x) => sum + shippedPack.callBudget.costOfCall(x.tokens), 0) * 100,
    ) / 100

  return {
    settings: SHIPPED,
    parse: { realCode: parseReal, synthetic: parseSynthetic },
    pack: {
      diffBytes: Buffer.byteLength(real),
      files: files.length,
      maxTokensPerCall: SHIPPED.maxTokensPerCall,
      calls: pack.parts.length,
      estimatedCostUsd: cost(pack),
      largestCallTokens: Math.max(0, ...pack.parts.map((p) => p.tokens)),
      changedLinesShownShare: Math.round(lineCoverage(pack.coverage) * 10000) / 10000,
      filesShown: pack.coverage.filesShown,
      filesReviewable: pack.coverage.filesReviewable,
      skipped: pack.skipped.length,
      skippedForCapacity: pack.skipped.filter((x) => x.capacity).length,
      capacityReason: pack.skipped.find((x) => x.capacity)?.reason ?? null,
      rawDiffTokens: rawTokens,
      packedTokens,
      packedOverRaw: Math.round((packedTokens / rawTokens) * 1000) / 1000,
      withSystemPromptOverRaw:
        Math.round(((packedTokens + systemTokens * pack.parts.length) / rawTokens) * 1000) / 1000,
      targetRatio: 1.3,
      packMs: spread(packTimes),
    },
    singleFile550k: {
      fileBytes: rows.join('\n').length,
      packedTokens: singlePack.parts.reduce((sum, p) => sum + p.tokens, 0),
      calls: singlePack.parts.length,
      estimatedCostUsd: cost(singlePack),
      changedLinesShown: singlePack.coverage.changedLinesShown,
      changedLinesReviewable: singlePack.coverage.changedLinesReviewable,
      skipped: singlePack.skipped.map((x) => `${x.path}: ${x.reason}`),
      packMs: Math.round(singleMs),
    },
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchReview(), null, 2))
}
