/** `pitcrew config check`: validates a config file as the action would read it, without a run. */
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { stringify } from 'yaml'
import { repoConfigFileForm } from '../../config/file-form.js'
import { parseRepoConfig } from '../../config/parse.js'
import { ConfigValidationError, DEFAULT_CONFIG_FILE } from '../../config/schema.js'
import { compileExpr } from '../../rollback/expr.js'
import { requiredEnv } from '../../rollback/providers/index.js'
import { Git } from '../../tools/git.js'
import { EXIT, UsageError, type Parsed } from '../args.js'
import type { CliIO } from '../command-context.js'

/** Schema and expression problems exit 1; a valid file prints the effective settings. */
export async function configCheckCommand(
  p: Extract<Parsed, { kind: 'config-check' }>,
  io: CliIO,
  out: (t: string) => void,
): Promise<number> {
  let file = p.file ?? p.common.config
  // As in the action: no file at the default path means defaults; a file the user named must exist.
  const named = file !== undefined
  if (file === undefined) {
    const top = await new Git(io.cwd)
      .run(['rev-parse', '--show-toplevel'], { allowFail: true })
      .catch(() => null)
    file = join(top?.code === 0 ? top.stdout.trim() : io.cwd, DEFAULT_CONFIG_FILE)
  }
  const abs = isAbsolute(file) ? file : resolve(io.cwd, file)
  const shown = relative(io.cwd, abs) || abs
  let text: string
  let missing = false
  try {
    text = await readFile(abs, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (!named && (code === 'ENOENT' || code === 'ENOTDIR')) {
      text = ''
      missing = true
    } else
      throw new UsageError(
        `Cannot read config file '${shown}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Expected an existing YAML file.`,
      )
  }
  const problems: { key: string; message: string; line?: number }[] = []
  let config
  try {
    config = parseRepoConfig(text, shown)
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err
    if (p.common.json) {
      out(JSON.stringify({ file: shown, valid: false, problems: err.problems }))
    } else out(err.message)
    return EXIT.attention
  }
  // What rollback mode checks before watching, with the same functions.
  config.rollback.metrics.forEach((m, i) => {
    if (m.condition.expr === undefined) return
    try {
      compileExpr(m.condition.expr)
    } catch (err) {
      problems.push({
        key: `rollback.metrics[${i}].condition.expr`,
        message: (err as Error).message,
      })
    }
  })
  if (problems.length) {
    if (p.common.json) out(JSON.stringify({ file: shown, valid: false, problems }))
    else
      out(
        `Invalid configuration in '${shown}' (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((x) => `  - ${x.key}: ${x.message}`).join('\n')}`,
      )
    return EXIT.attention
  }
  const envNeeded = [...new Set(config.rollback.metrics.flatMap((m) => requiredEnv(m)))]
  const unset = envNeeded.filter((n) => !io.env[n])
  // The file's own keys and units, so the output can be pasted back (secret values masked).
  const settings = repoConfigFileForm(config)
  if (p.common.json) {
    out(
      JSON.stringify({
        file: shown,
        exists: !missing,
        valid: true,
        config: settings,
        env: { needed: envNeeded, unsetHere: unset },
      }),
    )
    return EXIT.ok
  }
  const lines = [missing ? `✓ No ${shown}: every setting is its default.` : `✓ ${shown} is valid.`]
  if (envNeeded.length) {
    lines.push(
      `The metric providers read these environment variables at run time: ${envNeeded.join(', ')}${unset.length ? ` (not set here: ${unset.join(', ')})` : ''}.`,
    )
  }
  lines.push(
    '',
    `Effective settings (defaults filled in), in ${DEFAULT_CONFIG_FILE}'s own keys and units:`,
    '',
    stringify(settings, { lineWidth: 100 }).trimEnd(),
  )
  out(lines.join('\n'))
  return EXIT.ok
}
