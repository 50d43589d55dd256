import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../harness/run-action.js'
import { toolUse } from '../harness/anthropic-server.js'
import { createTestRepo } from '../harness/git.js'
import { deploymentStatusEvent } from '../harness/events.js'
import { prFixture, type PrFixture } from './pr-fixture.js'

let pr: PrFixture

beforeAll(async () => {
  pr = await prFixture({
    token: 'ghs_failureReportToken0000000000000000',
    baseFiles: { 'src/a.ts': 'export const a = 1\n' },
    headFiles: { 'src/a.ts': 'export const a = 2\n' },
    branch: 'change',
    numbers: [5],
  })
})
afterAll(async () => pr?.close())

describe('a run that fails midway', () => {
  it('fails the step but still reports the usage already spent, in outputs and summary', async () => {
    const { emu, model } = pr
    model.queue(toolUse('submit_review', { summary: 'Fine.', findings: [] }))
    // GitHub keeps failing every write after the model was paid for.
    emu.fault({ method: 'POST', path: /\/repos\/acme\/widgets\//, status: 500, times: 1000 })
    emu.fault({ method: 'PATCH', path: /\/repos\/acme\/widgets\//, status: 500, times: 1000 })
    try {
      const run = await pr.review(5)
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/::error::/)
      expect(run.outputs.mode).toBe('review')
      expect(Number(run.outputs['output-tokens'])).toBeGreaterThan(0)
      expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0)
      expect(run.summary).toMatch(/### Usage/)
    } finally {
      emu.clearFaults()
    }
  })
  it('turns an error thrown inside a mode into a failed step whose summary says what failed', async () => {
    // The rollback config names a token variable the step does not set: the mode throws.
    const ws = await createTestRepo({
      '.github/pitcrew.yml': [
        'rollback:',
        '  environment: production',
        '  metrics:',
        '    - name: errors',
        '      provider:',
        '        type: prometheus',
        '        address: http://127.0.0.1:9',
        '        query: sum(rate(errors[1m]))',
        '        bearer-token-env: PROM_TOKEN_NOT_SET',
        '      condition: { max: 0.05 }',
        '',
      ].join('\n'),
    })
    const { emu, base, head, token } = pr
    emu.addDeployment({
      owner: 'acme',
      repo: 'widgets',
      sha: base,
      environment: 'production',
      statuses: ['success'],
    })
    const bad = emu.addDeployment({
      owner: 'acme',
      repo: 'widgets',
      sha: head,
      environment: 'production',
      statuses: ['success'],
    })
    try {
      const run = await runAction({
        eventName: 'deployment_status',
        payload: deploymentStatusEvent({ deploymentId: bad, sha: head, environment: 'production' }),
        repository: 'acme/widgets',
        workspace: ws.work,
        inputs: { 'github-token': token },
        env: { GITHUB_API_URL: emu.url, ANTHROPIC_API_KEY: undefined },
      })
      expect(run.exitCode, run.stdout).toBe(1)
      expect(run.stdout).toMatch(/::error::.*PROM_TOKEN_NOT_SET/)
      expect(run.outputs.mode).toBe('rollback')
      expect(run.outputs['cost-usd']).toBe('0.0000')
      expect(run.summary).toMatch(/## pitcrew failed/)
      expect(run.summary).toMatch(/PROM_TOKEN_NOT_SET/)
      expect(run.summary).toMatch(/### Usage so far/)
    } finally {
      await ws.cleanup()
    }
  })
})
