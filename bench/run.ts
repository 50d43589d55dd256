import { pathToFileURL } from 'node:url'
import { readdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

/**
 * Runs every benchmark in bench/ (each module exports an async `bench*` function returning a
 * JSON-able record) and prints ONE JSON document on stdout; progress goes to stderr.
 * `npm run bench -- name` runs those whose file name contains `name`. The document's `_run`
 * says on what it ran (Node, cores, load average: a busy machine slows every wall time) and how
 * long each bench took.
 */
const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv.slice(2)
const results: Record<string, unknown> = {}
const elapsedMs: Record<string, number> = {}
const started = performance.now()
const loadBefore = loadavg().map((n) => Number(n.toFixed(2)))
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.ts') || file === 'run.ts') continue
  if (filter.length && !filter.some((f) => file.includes(f))) continue
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue
    const key = `${file.replace(/\.ts$/, '')}:${name}`
    process.stderr.write(`running ${key}\n`)
    const t0 = performance.now()
    try {
      results[key] = await (fn as () => Promise<unknown>)()
    } catch (err) {
      results[key] = { error: (err as Error).message }
    }
    elapsedMs[key] = Math.round(performance.now() - t0)
    process.stderr.write(`  ${key}: ${(elapsedMs[key] / 1000).toFixed(1)} s\n`)
  }
}
const output = {
  _run: {
    node: process.version,
    cores: cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg().map((n) => Number(n.toFixed(2))),
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
    elapsedMs,
  },
  ...results,
}
console.log(JSON.stringify(output, null, 2))
