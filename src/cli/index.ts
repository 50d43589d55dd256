/**
 * Entry of the `pitcrew` command. bin/pitcrew.js loads the action's own bundle (dist/index.js)
 * with the CLI flag set, and src/index.ts calls `startCli`: one build serves both.
 */
import { pathToFileURL } from 'node:url'
import { runCli } from './run.js'

/** Runs the CLI on this process's arguments and terminal; resolves to the exit code. */
export function startCli(): Promise<number> {
  return runCli(process.argv.slice(2), {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns,
    env: process.env,
    cwd: process.cwd(),
  })
}

// Run directly from source (`node --import tsx src/cli/index.ts`, as the CLI tests do).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await startCli()
}
