/**
 * `pitcrew review --dry-run --print-prompt`: the request bodies it prints are exactly what a real
 * run sends to the Messages API (compared with what the loopback server receives), and they
 * carry review.language and the review.instructions that apply to every file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { API_KEY, cleanEnv, pitcrew } from './helpers.js'

const CONFIG = `review:
  language: German
  instructions:
    - text: Flag any new dependency.
    - path: 'docs/**'
      text: Check the spelling.
`

let repo: TestRepo
let ai: FakeAnthropic
beforeAll(async () => {
  repo = await createTestRepo({
    '.github/pitcrew.yml': CONFIG,
    'src/a.ts': 'export const a = 1\n',
  })
  await repo.checkout('feature')
  await repo.commit({ 'src/a.ts': 'export const a = 2\n' }, 'change a')
  ai = await startAnthropicServer()
})
afterAll(async () => {
  await ai?.close()
  await repo?.cleanup()
})

describe('pitcrew review --dry-run --print-prompt', () => {
  it('prints the very request body a real run sends', async () => {
    const dry = await pitcrew(['review', '--dry-run', '--print-prompt', '--json'], {
      cwd: repo.work,
      env: cleanEnv(),
    })
    expect(dry.code, dry.stderr).toBe(0)
    const printed = JSON.parse(dry.stdout).requestBodies
    expect(printed).toHaveLength(1)

    ai.queue(toolUse('submit_review', { summary: 'Fine.', findings: [] }))
    const before = ai.requests.length
    const real = await pitcrew(['review'], {
      cwd: repo.work,
      env: cleanEnv({ ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: ai.url }),
    })
    expect(real.code, real.stderr + real.stdout).toBe(0)
    expect(ai.requests.length).toBeGreaterThan(before)
    expect(ai.requests[before]!.body).toEqual(printed[0])
  })

  it('shows the language and the instructions for every file in the prompt', async () => {
    const r = await pitcrew(['review', '--dry-run', '--print-prompt'], {
      cwd: repo.work,
      env: cleanEnv(),
    })
    expect(r.code, r.stderr).toBe(0)
    const at = r.stdout.indexOf('Request 1 of 1: POST /v1/messages\n')
    expect(at).toBeGreaterThan(-1)
    const body = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n', at) + 1).split('\n\n')[0]!)
    const prompt = JSON.stringify(body.messages)
    expect(prompt).toContain('- For every file: Flag any new dependency.')
    expect(prompt).not.toContain('Check the spelling.') // docs/** matches no changed file
    expect(prompt).toContain("every finding's title and body in German")
    expect(body.tools.map((t: { name: string }) => t.name)).toContain('submit_review')
  })

  it('needs --dry-run', async () => {
    const r = await pitcrew(['review', '--print-prompt'], { cwd: repo.work, env: cleanEnv() })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("Invalid flag '--print-prompt' without '--dry-run'")
  })
})
