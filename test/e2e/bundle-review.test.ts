import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { toolUse } from '../harness/anthropic-server.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const API_KEY = 'sk-ant-api03-e2eSecretKeyDoNotLeak0123456789abcdefABCDEF'
const TOKEN = 'ghs_e2eSecretTokenDoNotLeak0123456789abcd'
const FILE_TOKEN = 'ghp_FileTokenDoNotLeak0123456789abcdefABCD'
// A credential the workflow passes as `env:` that matches no token pattern.
const DEPLOY_KEY = 'deploy-key-value-that-matches-no-pattern-42'
const repoRoot = resolve(import.meta.dirname, '..', '..')

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: TOKEN,
    baseFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b\n}\n',
    },
    headFiles: {
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a - b\n}\n',
      'config/.env.example': `GITHUB_TOKEN=${FILE_TOKEN}\n`,
    },
    branch: 'feature',
    numbers: [3, 4],
  })
})
afterAll(async () => pr?.close())

const reviewWithBundle = (bundleDir: string, number: number) =>
  pr.review(number, {
    spawn: true,
    bundle: join(bundleDir, 'index.js'),
    apiKey: API_KEY,
    env: { DEPLOY_KEY },
  })

describe('the bundled action', () => {
  it('loads its system prompt from the bundle, not from the source tree', async () => {
    // A copy of dist/ with no prompts/ folder beside it: only dist/prompts can serve the prompt.
    const copy = join(mkdtempSync(join(tmpdir(), 'pitcrew-dist-')), 'dist')
    cpSync(join(repoRoot, 'dist'), copy, { recursive: true })
    expect(existsSync(join(copy, '..', 'prompts'))).toBe(false)
    const { model } = pr
    model.queue(toolUse('submit_review', { summary: 'Nothing to add.', findings: [] }))
    const before = model.requests.length
    const run = await reviewWithBundle(copy, 3)
    expect(run.exitCode, run.stdout).toBe(0)
    const system = JSON.stringify(model.requests[before].body.system)
    const firstLine = readFileSync(join(copy, 'prompts', 'review.md'), 'utf8').split('\n')[0]
    expect(firstLine.length).toBeGreaterThan(5)
    expect(system).toContain(JSON.stringify(firstLine).slice(1, -1))
  })

  it('never lets a secret out: outputs, summary, log, transcript and GitHub are all clean', async () => {
    const { emu, model } = pr
    // The model reads a file holding a token and quotes it back in a finding.
    model.queue(
      toolUse('read_file', { path: 'config/.env.example' }),
      toolUse('submit_review', {
        summary: `Reviewed. Note the key ${API_KEY} and token ${TOKEN}.`,
        findings: [
          {
            path: 'src/math.ts',
            line: 2,
            severity: 'critical',
            title: 'add subtracts',
            body: `This returns a - b. Also found ${FILE_TOKEN} committed, and ${DEPLOY_KEY}.`,
          },
        ],
      }),
    )
    const run = await reviewWithBundle(join(repoRoot, 'dist'), 4)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')

    const transcript = run.outputs.transcript
    expect(transcript, JSON.stringify(run.outputs)).toBeTruthy()
    expect(existsSync(transcript)).toBe(true)
    const places: Record<string, string> = {
      // The runner consumes ::add-mask:: lines to learn secrets; they never reach the log.
      stdout: run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: run.stderr,
      outputs: JSON.stringify(run.outputs),
      summary: run.summary,
      transcript: readFileSync(transcript, 'utf8'),
      runnerTemp: readdirSync(run.runnerTemp)
        .map((f) => readFileSync(join(run.runnerTemp, f), 'utf8'))
        .join('\n'),
      github: JSON.stringify(emu.requests.map((r) => r.body)),
      model: JSON.stringify(model.requests.map((r) => r.body)),
    }
    for (const [where, text] of Object.entries(places)) {
      for (const secret of [API_KEY, TOKEN, FILE_TOKEN, DEPLOY_KEY]) {
        expect(text.includes(secret), `${where} leaks ${secret.slice(0, 8)}…`).toBe(false)
      }
    }
    // The finding itself still got through, redacted.
    expect(places.github).toMatch(/add subtracts/)
  })
})
