/**
 * Writes docs/configuration.md from the config schema (src/config/docs.ts). Run after changing
 * src/config/schema.ts or src/config/inputs.ts: `node --import tsx scripts/gen-config-docs.ts`.
 * `--check` exits 1 when the committed file is stale instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderConfigDocs } from '../src/config/docs.js'

const target = fileURLToPath(new URL('../docs/configuration.md', import.meta.url))
const text = renderConfigDocs()

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    // A missing file is stale too.
  }
  if (current !== text) {
    console.error(
      'docs/configuration.md is stale. Run: node --import tsx scripts/gen-config-docs.ts',
    )
    process.exit(1)
  }
  console.log('docs/configuration.md is up to date')
} else {
  writeFileSync(target, text)
  console.log(`wrote ${target}`)
}
