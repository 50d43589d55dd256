/**
 * The seeds' war stories that concern the loop, each through the fake API over HTTP.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startAnthropicServer, toolUse, type FakeAnthropic } from '../harness/anthropic-server.js'
import { editFileTool } from '../../src/tools/edit.js'
import { workspaceTools } from '../../src/tools/workspace.js'
import {
  API_KEY,
  MODEL,
  budgets,
  finishTool,
  lastResults,
  makeClient,
  tool,
  runTask,
} from './helpers.js'

let api: FakeAnthropic
beforeEach(async () => {
  api = await startAnthropicServer()
})
afterEach(async () => {
  await api.close()
})

describe('war stories', () => {
  it('a model calling tools forever ($200 overnight) is stopped at the cost ceiling', async () => {
    const { client } = makeClient(api.url)
    // Every turn bills 150k input tokens: $0.45 + 4k output: $0.06 on Sonnet. Without the cost
    // guard this runs to the 1000-turn budget (~$510).
    api.onRequest((_b, i) => ({
      ...toolUse('search', { path: `dir${i}` }),
      usage: {
        input_tokens: 150_000,
        output_tokens: 4_000,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    }))
    const res = await runTask(
      client,
      [tool('search', () => 'more results, keep looking'), finishTool()],
      budgets({ maxCostUsd: 2, maxTurns: 1000 }),
    )
    expect(res.stopReason).toBe('max_cost')
    expect(res.detail).toContain('cost budget of $2')
    expect(res.usage.turns).toBe(3)
    expect(res.usage.costUsd).toBeCloseTo(3 * 0.51, 6)
    expect(res.usage.costUsd!).toBeLessThanOrEqual(2)
    expect(res.usage.inputTokens).toBe(450_000)
    expect(res.toolStats.search!.calls).toBe(3)
  })

  it('the run-level ceiling stops a second loop once all loops together reach it', async () => {
    const { client } = makeClient(api.url, {
      run: { maxCostUsd: 1, deadline: Date.now() + 60_000 },
    })
    api.onRequest((_b, i) => ({
      ...toolUse('search', { path: `d${i}` }),
      usage: { input_tokens: 100_000, output_tokens: 1_000 },
    }))
    const opts = {
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [tool('search'), finishTool()],
      budgets: budgets({ maxCostUsd: 10, maxTurns: 1000 }),
      workspace: '/tmp',
    }
    const first = await client.run(opts)
    const second = await client.run(opts)
    expect(first.stopReason).toBe('max_cost')
    expect(first.detail).toContain('run cost ceiling of $1')
    expect(second.stopReason).toBe('max_cost')
    expect(second.detail).toContain('run cost ceiling of $1')
    // A fresh loop cannot know its first call will bill 100k tokens: at most that one call.
    expect(second.usage.turns).toBeLessThanOrEqual(1)
    expect(client.usage().costUsd!).toBeLessThanOrEqual(1 + 0.315 + 1e-9)
  })

  it('no secret from a tool output reaches the transcript or the model', async () => {
    const ghToken = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'
    const { client, transcriptPath, redactor } = makeClient(api.url)
    redactor.add('hunter2-deploy-secret')
    api.queue(
      toolUse('read_file', { path: '.env' }),
      toolUse('finish', { status: 'fixed', summary: `saw ${ghToken}` }),
    )
    const res = await client.run({
      model: MODEL,
      system: 'Repository instructions: deploy with hunter2-deploy-secret.',
      prompt: `Task. (key ${API_KEY})`,
      tools: [
        tool(
          'read_file',
          () =>
            `ANTHROPIC_API_KEY=${API_KEY}\nGITHUB_TOKEN=${ghToken}\nDEPLOY=hunter2-deploy-secret\n`,
        ),
        finishTool(),
      ],
      budgets: budgets(),
      workspace: '/tmp',
    })
    expect(res.stopReason).toBe('final_tool')
    const text = readFileSync(transcriptPath, 'utf8')
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
    expect(lines.map((l) => l.type)).toEqual([
      'start',
      'request',
      'response',
      'tool',
      'request',
      'response',
      'tool',
      'stop',
    ])
    expect(text).toContain('***')
    for (const secret of [API_KEY, ghToken, 'hunter2-deploy-secret']) {
      expect(text).not.toContain(secret)
      // The tool result sent back to the model is redacted too.
      expect(JSON.stringify(api.requests[1]!.body.messages.at(-1))).not.toContain(secret)
      // Nor does anything else sent to the API: task, system prompt, history.
      expect(JSON.stringify(api.requests.map((r) => r.body))).not.toContain(secret)
    }
  })
})

describe('war stories through the workspace tools', () => {
  function workspace() {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'pitcrew-war-')))
    const ws = join(base, 'ws')
    mkdirSync(join(ws, 'src'), { recursive: true })
    mkdirSync(join(base, 'outside'))
    writeFileSync(join(base, 'outside', 'keep.txt'), 'precious\n')
    writeFileSync(join(ws, 'src', 'a.ts'), 'export const a = 1\n')
    symlinkSync(join(base, 'outside'), join(ws, 'link'))
    return { base, ws }
  }

  it('the 2 GB log is refused by its size without being read, and the loop goes on', async () => {
    const { ws } = workspace()
    const big = join(ws, 'build.log')
    writeFileSync(big, '')
    truncateSync(big, 2 * 1024 ** 3)
    const { client } = makeClient(api.url)
    api.queue(
      toolUse('read_file', { path: 'build.log' }),
      toolUse('search', { pattern: 'ERROR' }),
      toolUse('finish', { status: 'gave_up', summary: 'log too big' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [...workspaceTools(), finishTool()],
      budgets: budgets(),
      workspace: ws,
    })
    expect(res.stopReason).toBe('final_tool')
    const read = lastResults(api.requests[1]!.body)[0]
    expect(read.is_error).toBe(true)
    expect(read.content).toContain('2.0 GB')
    expect(read.content).toContain('not read')
    expect(lastResults(api.requests[2]!.body)[0].content).toContain('1 file(s) over')
  })

  it('writes outside the workspace (.., absolute, through a symlink) are refused', async () => {
    const { base, ws } = workspace()
    const attempts = [
      { path: '../outside/keep.txt', old_text: 'precious', new_text: 'gone' },
      { path: join(base, 'outside', 'keep.txt'), old_text: 'precious', new_text: 'gone' },
      { path: 'link/keep.txt', old_text: 'precious', new_text: 'gone' },
      { path: 'link/new.txt', old_text: '', new_text: 'planted' },
    ]
    const { client } = makeClient(api.url, { guards: { circuitLimit: 10, errorRepeatLimit: 10 } })
    api.queue(
      ...attempts.map((a) => toolUse('edit_file', a)),
      toolUse('finish', { status: 'gave_up', summary: 'refused' }),
    )
    const res = await client.run({
      model: MODEL,
      system: 's',
      prompt: 'p',
      tools: [editFileTool({ guard: () => null }), finishTool()],
      budgets: budgets(),
      workspace: ws,
    })
    expect(res.stopReason).toBe('final_tool')
    for (let i = 1; i <= attempts.length; i++) {
      const r = lastResults(api.requests[i]!.body)[0]
      expect(r.is_error, JSON.stringify(attempts[i - 1])).toBe(true)
      expect(r.content).toMatch(/outside the workspace|absolute paths are refused/)
    }
    expect(readFileSync(join(base, 'outside', 'keep.txt'), 'utf8')).toBe('precious\n')
    expect(existsSync(join(base, 'outside', 'new.txt'))).toBe(false)
    expect(res.toolStats.edit_file).toMatchObject({ calls: 4, errors: 4 })
  })
})
