import { pathToFileURL } from 'node:url'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs every benchmark in bench/ (each module exports an async `bench*` function returning a
 * JSON-able record) and prints one JSON document. `npm run bench -- name` runs those matching.
 */
const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv.slice(2)
const results: Record<string, unknown> = {}
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.ts') || file === 'run.ts') continue
  if (filter.length && !filter.some((f) => file.includes(f))) continue
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue
    process.stderr.write(`running ${file}:${name}\n`)
    try {
      results[`${file.replace(/\.ts$/, '')}:${name}`] = await (fn as () => Promise<unknown>)()
    } catch (err) {
      results[`${file.replace(/\.ts$/, '')}:${name}`] = { error: (err as Error).message }
    }
  }
}
console.log(JSON.stringify(results, null, 2))
