/**
 * `pitcrew config check` as a subprocess: the effective settings it prints (YAML or --json) are
 * in the file's own keys and units and parse back to the very same settings; a repository
 * without .github/pitcrew.yml gets the defaults, as the action does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXAMPLE_CONFIG } from '../../src/config/docs.js'
import { parseRepoConfig } from '../../src/config/parse.js'
import { defaultRepoConfig } from '../../src/config/schema.js'
import { cleanEnv, pitcrew } from './helpers.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pitcrew-config-check-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function repo(name: string, config?: string): string {
  const ws = join(dir, name)
  mkdirSync(join(ws, '.github'), { recursive: true })
  if (config !== undefined) writeFileSync(join(ws, '.github', 'pitcrew.yml'), config)
  return ws
}

/** The YAML after the "Effective settings" line. */
function printedSettings(stdout: string): string {
  const at = stdout.indexOf('Effective settings')
  expect(at, stdout).toBeGreaterThan(-1)
  return stdout.slice(stdout.indexOf('\n\n', at) + 2)
}

const CONFIG = `${EXAMPLE_CONFIG}
`.replace('review:\n', 'review:\n  language: German\n')

describe('pitcrew config check: settings that paste back', () => {
  it('prints the effective settings in the file’s keys and units; they parse to the same settings', async () => {
    const ws = repo('example', CONFIG)
    const r = await pitcrew(['config', 'check'], { cwd: ws, env: cleanEnv() })
    expect(r.code, r.stderr).toBe(0)
    const printed = printedSettings(r.stdout)
    expect(printed).toContain('test-timeout: 10m')
    expect(printed).toContain('initial-delay: 2m')
    expect(printed).not.toMatch(/-seconds:|-minutes:|[a-z][A-Z]\w*:/)
    expect(parseRepoConfig(printed, 'printed.yml')).toEqual(parseRepoConfig(CONFIG))
  })

  it('--json gives the same keys, and its config parses to the same settings', async () => {
    const ws = repo('example-json', CONFIG)
    const r = await pitcrew(['config', 'check', '--json'], { cwd: ws, env: cleanEnv() })
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ valid: true, exists: true })
    expect(out.config.fix['test-timeout']).toBe('10m')
    expect(out.config.review.language).toBe('German')
    expect(parseRepoConfig(JSON.stringify(out.config), 'json')).toEqual(parseRepoConfig(CONFIG))
  })

  it('a repository without .github/pitcrew.yml: the defaults, exit 0 (not ENOENT)', async () => {
    const ws = repo('none')
    const r = await pitcrew(['config', 'check'], { cwd: ws, env: cleanEnv() })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('No .github/pitcrew.yml: every setting is its default.')
    expect(parseRepoConfig(printedSettings(r.stdout))).toEqual(defaultRepoConfig())
    const j = await pitcrew(['config', 'check', '--json'], { cwd: ws, env: cleanEnv() })
    expect(JSON.parse(j.stdout)).toMatchObject({ valid: true, exists: false })
  })

  it('a file the user names must exist', async () => {
    const ws = repo('named')
    const r = await pitcrew(['config', 'check', 'other.yml'], { cwd: ws, env: cleanEnv() })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Cannot read config file 'other.yml'")
  })
})
