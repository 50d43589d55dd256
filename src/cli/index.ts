/**
 * Entry of the `pitcrew` command (bundled to dist/cli/index.js, started by bin/pitcrew.js).
 * Importing this module runs the CLI: it is an entry point only; the logic is in run.ts.
 */
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
  env: process.env,
  cwd: process.cwd(),
})
// Let stdout drain (a pipe may be slow) instead of process.exit cutting the output short.
process.exitCode = code
