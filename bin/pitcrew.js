#!/usr/bin/env node
/* global process, URL */
// The `pitcrew` command: runs the bundled CLI (dist/cli/index.js, built by `npm run build`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/cli/index.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `pitcrew: ${fileURLToPath(entry)} is missing. Expected a built checkout: run 'npm ci && npm run build' first.\n`,
  )
  process.exit(3)
}
await import(entry.href)
