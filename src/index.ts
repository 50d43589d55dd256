import { run } from './main.js'

/** Set by bin/pitcrew.js before it loads this bundle (a global, so no child process inherits it). */
const CLI_FLAG = Symbol.for('pitcrew.cli')

if ((globalThis as Record<symbol, unknown>)[CLI_FLAG] === true) {
  // The `pitcrew` command: the same bundle, the CLI loaded on demand.
  const { startCli } = await import('./cli/index.js')
  // Let stdout drain (a pipe may be slow) instead of process.exit cutting the output short.
  process.exitCode = await startCli()
} else {
  // The runner executes this file; everything else lives behind run().
  await run()
}
