/**
 * Redaction end to end, through the bundle in fix mode: a failing test prints a registered
 * secret (a deploy token the workflow passes as `env:`) raw and in every encoding a tool may
 * use. None of those forms may reach the test logs under RUNNER_TEMP, the job summary, the
 * outputs, the transcript, the Actions log, GitHub or the model.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { giveUp, setup, VITEST, type Env, runFixBundle } from '../fix/setup.js'

const bundle = resolve(import.meta.dirname, '../../dist/index.js')
// '>>>' and '???' encode to '+' and '/' in base64: the base64url form differs from base64.
const SECRET = 'deploy>>>key???with spaces&=value-42'

/** Every form the secret may be printed in. */
const forms: Record<string, string> = {
  raw: SECRET,
  hex: Buffer.from(SECRET).toString('hex'),
  HEX: Buffer.from(SECRET).toString('hex').toUpperCase(),
  base64: Buffer.from(SECRET).toString('base64'),
  base64url: Buffer.from(SECRET).toString('base64url'),
  url: encodeURIComponent(SECRET),
  form: new URLSearchParams({ k: SECRET }).toString().slice(2),
}

/** A committed test fixture holding the same credential, printed as a failing test would. */
const LEAKY_TEST = `const secret = ${JSON.stringify(SECRET)}
const b = Buffer.from(secret)
console.log('hex ' + b.toString('hex'))
console.log('HEX ' + b.toString('hex').toUpperCase())
console.log('b64 ' + b.toString('base64'))
console.log('b64url ' + b.toString('base64url'))
console.log('url ' + encodeURIComponent(secret))
console.log('form ' + new URLSearchParams({ k: secret }).toString())
console.error('AssertionError: token check failed for ' + secret)
process.exit(1)
`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

let env: Env | undefined
afterEach(async () => {
  await env?.cleanup()
  env = undefined
})

describe.skipIf(!existsSync(bundle))('redaction of encoded secrets (bundle, fix mode)', () => {
  it('a test printing the hex, base64url and URL-encoded forms of a registered secret leaks none of them', async () => {
    env = await setup('fix-ts-vitest', VITEST, { fixFirst: { 'leaky.test.mjs': LEAKY_TEST } })
    const e = env
    e.ai.queue(giveUp)
    const run = await runFixBundle(e, {
      command: 'node leaky.test.mjs',
      runId: 9200,
      env: { GITHUB_SHA: e.headSha, DEPLOY_TOKEN: SECRET },
    })
    expect(run.outputs.mode, run.stdout).toBe('fix')
    expect(run.outputs.outcome, run.stdout).toBe('not-fixed')
    // The model was called with the failure, so the transcript and the request carry the output.
    expect(e.ai.requests.length).toBeGreaterThan(0)

    const logs = filesUnder(run.runnerTemp).filter((f) => f.endsWith('.log'))
    expect(logs.length).toBeGreaterThan(0)
    const places: Record<string, string> = {
      logs: logs.map((f) => readFileSync(f, 'utf8')).join('\n'),
      transcript: readFileSync(run.outputs.transcript, 'utf8'),
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
      stdout: run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: run.stderr,
      github: JSON.stringify(e.emu.requests.map((r) => r.body)),
      model: JSON.stringify(e.ai.requests.map((r) => r.body)),
    }
    // The log did get the test's lines, masked.
    expect(places.logs).toMatch(/hex \*\*\*/)
    expect(places.logs).toMatch(/b64url \*\*\*/)
    for (const [where, text] of Object.entries(places)) {
      for (const [name, form] of Object.entries(forms)) {
        expect(text.includes(form), `${where} holds the ${name} form`).toBe(false)
      }
    }
  })
})
