// Writes every non-ASCII character of the bundle's JavaScript as a \uXXXX escape. V8 keeps a
// source with even one non-ASCII character as a two-byte string: Node decodes it more slowly and
// the parser scans twice the bytes. On Node 20 that was about 14 ms of every run's start (the
// cold-start bench). An escape means the same character in a string, a template's cooked value,
// a regular expression and an identifier; a character escaped with a backslash already (`\é`,
// which is `é`) loses that backslash so it does not become a literal backslash. Each file that
// changed is checked to still parse.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'dist'
let changed = 0
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name)
  const text = readFileSync(path, 'utf8')
  const ascii = text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, ch) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes
    return kept + `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  if (ascii === text) continue
  writeFileSync(path, ascii)
  changed++
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' })
  if (check.status !== 0) {
    console.error(`ascii-dist: ${path} no longer parses after escaping:\n${check.stderr}`)
    process.exit(1)
  }
}
console.error(`ascii-dist: ${changed} file(s) escaped`)
