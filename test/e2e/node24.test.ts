/**
 * action.yml declares `runs.using: node24`; these tests prove the bundle runs there. The Node 24
 * binary comes from scripts/test-all.sh (`.node24/`, or PITCREW_NODE24). Without it the tests
 * skip on a developer machine and fail under CI=true, so CI can never pass without the proof.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { toolUse } from '../harness/anthropic-server.js'
import { node24Binary } from '../harness/node-runtime.js'
import { runAction } from '../harness/run-action.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const node24 = node24Binary()
const TOKEN = 'ghs_node24TokenNode24TokenNode24Token01'

describe('the declared runtime', () => {
  it('action.yml runs the bundle on node24, and a Node 24 binary is there to prove it', (ctx) => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'))
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js' })
    if (!node24) {
      if (process.env.CI === 'true') {
        throw new Error(
          "No Node 24 binary under CI=true. Expected PITCREW_NODE24 or '.node24/' (run scripts/test-all.sh).",
        )
      }
      ctx.skip()
    }
    const version = execFileSync(node24!, ['-p', 'process.versions.node'], { encoding: 'utf8' })
    expect(version.trim()).toMatch(/^24\./)
  })
})

describe.runIf(node24)('the bundle on Node 24', () => {
  let pr: PrFixture
  beforeAll(async () => {
    pr = await prFixture({
      token: TOKEN,
      baseFiles: { 'src/a.ts': 'export const a = 1\n' },
      headFiles: { 'src/a.ts': 'export const a = 2\n' },
      branch: 'n24',
      numbers: [7],
    })
  })
  afterAll(async () => pr?.close())

  it('reviews a pull request end to end (GitHub emulator, fake model)', async () => {
    pr.model.queue(
      toolUse('submit_review', {
        summary: 'Looks fine on Node 24.',
        findings: [
          {
            path: 'src/a.ts',
            line: 1,
            severity: 'major',
            title: 'a changed',
            body: 'The constant changed from 1 to 2.',
          },
        ],
      }),
    )
    const run = await pr.review(7, { spawn: true, node: node24 })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.outcome).toBe('reviewed')
    expect(run.stderr).not.toMatch(/DeprecationWarning|ExperimentalWarning/)
    expect(JSON.stringify(pr.emu.requests.map((r) => r.body))).toContain('a changed')
  })

  it('fails cleanly on a bad input', async () => {
    const run = await runAction({
      spawn: true,
      node: node24,
      eventName: 'pull_request',
      payload: { action: 'opened' },
      workspace: mkdtempSync(join(tmpdir(), 'pitcrew-ws-')),
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-x', 'max-turns': 'lots' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/max-turns.*lots/)
  })
})
