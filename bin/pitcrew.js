#!/usr/bin/env node
/* global process, URL */
// The `pitcrew` command: the action's own bundle (dist/index.js, committed and kept fresh by CI)
// with the CLI flag set, so the command runs the very code the action runs.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/index.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `pitcrew: ${fileURLToPath(entry)} is missing. Expected a built checkout: run 'npm ci && npm run build' first.\n`,
  )
  process.exit(3)
}
globalThis[Symbol.for('pitcrew.cli')] = true
await import(entry.href)
