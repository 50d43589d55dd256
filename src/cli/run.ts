/**
 * The `pitcrew` command: builds the same Settings and TaskDeps the action builds, with the
 * local checkout as the workspace and no GitHub client, then runs the action's own modes
 * (runReview, runFix, runRollback) and prints their results for a terminal or as JSON.
 */
import { VERSION } from '../version.js'
import { ConfigError } from '../config/types.js'
import { Redactor } from '../safety/redact.js'
import { EXIT, UsageError, helpText, parseCli, type Parsed } from './args.js'
import { configCheckCommand } from './commands/config.js'
import { fixCommand } from './commands/fix.js'
import { reviewCommand } from './commands/review.js'
import { rollbackCommand } from './commands/rollback.js'
import type { Cmd, CliIO } from './command-context.js'
import { createProgress } from './progress.js'

export type { CliIO } from './command-context.js'
export { measurementLine } from './commands/rollback.js'

/** Runs one CLI invocation and returns its exit code (see args.ts EXIT). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const redactor = new Redactor([io.env.ANTHROPIC_API_KEY])
  let parsed: Parsed
  try {
    parsed = parseCli(argv)
  } catch (err) {
    io.stderr(`pitcrew: ${redactor.redact((err as Error).message)}\n`)
    return EXIT.usage
  }
  if (parsed.kind === 'help') {
    io.stdout(helpText(parsed.topic))
    return EXIT.ok
  }
  if (parsed.kind === 'version') {
    io.stdout(`pitcrew ${VERSION}\n`)
    return EXIT.ok
  }
  const progress = createProgress({
    write: io.stderr,
    tty: io.stderrIsTTY && !parsed.common.json,
    verbose: parsed.common.verbose,
    redact: (t) => redactor.redact(t),
    columns: io.columns,
  })
  const out = (text: string) => io.stdout(redactor.redact(text.endsWith('\n') ? text : `${text}\n`))
  const cmd: Cmd = { io, progress, redactor, out }
  try {
    switch (parsed.kind) {
      case 'config-check':
        return await configCheckCommand(parsed, io, out)
      case 'review':
        return await reviewCommand(parsed, cmd)
      case 'fix':
        return await fixCommand(parsed, cmd)
      case 'rollback':
        return await rollbackCommand(parsed, cmd)
    }
  } catch (err) {
    progress.stop()
    const usage = err instanceof UsageError || err instanceof ConfigError
    const message = usage ? flagNames((err as Error).message) : (err as Error).message
    io.stderr(`pitcrew: ${redactor.redact(message)}\n`)
    if (parsed.common.json) {
      out(
        JSON.stringify({
          command: parsed.kind,
          error: redactor.redact(message),
          exitCode: usage ? EXIT.usage : EXIT.runtime,
        }),
      )
    }
    return usage ? EXIT.usage : EXIT.runtime
  } finally {
    progress.stop()
  }
}

/** The settings parser speaks of action inputs; on the command line they are flags. */
function flagNames(message: string): string {
  return message
    .replace(/input 'config-file'/gi, '--config')
    .replace(/input '(model|max-cost-usd|max-turns|test-command)'/gi, '--$1')
}
