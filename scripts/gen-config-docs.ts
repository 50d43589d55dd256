/**
 * Writes docs/configuration.md and the editor schema schema/pitcrew.schema.json from the config
 * schema (src/config/docs.ts, src/config/json-schema.ts). Run after changing
 * src/config/schema.ts or src/config/inputs.ts: `node --import tsx scripts/gen-config-docs.ts`.
 * `--check` exits 1 when a committed file is stale instead of writing it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderConfigDocs } from '../src/config/docs.js'
import { repoConfigJsonSchema } from '../src/config/json-schema.js'

const targets = [
  { path: '../docs/configuration.md', text: renderConfigDocs() },
  {
    path: '../schema/pitcrew.schema.json',
    text: `${JSON.stringify(repoConfigJsonSchema(), null, 2)}\n`,
  },
].map((t) => ({ ...t, path: fileURLToPath(new URL(t.path, import.meta.url)) }))

if (process.argv.includes('--check')) {
  let stale = false
  for (const { path, text } of targets) {
    let current = ''
    try {
      current = readFileSync(path, 'utf8')
    } catch {
      // A missing file is stale too.
    }
    if (current !== text) {
      console.error(`${path} is stale. Run: node --import tsx scripts/gen-config-docs.ts`)
      stale = true
    } else console.log(`${path} is up to date`)
  }
  if (stale) process.exit(1)
} else {
  for (const { path, text } of targets) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
    console.log(`wrote ${path}`)
  }
}
