import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand, scrubbedEnv } from '../../src/safety/command.js'
import { Redactor } from '../../src/safety/redact.js'

let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-cmd-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Alive and not a zombie (a container's PID 1 may not reap orphans). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return !alive(pid)
}

const fakeGhToken = `ghs_${'x1Y2'.repeat(9)}`

describe('scrubbedEnv', () => {
  it('drops inputs, known tokens, secret-like names and token-shaped values', () => {
    const env = scrubbedEnv({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CI: 'true',
      GITHUB_REPOSITORY: 'o/r',
      'INPUT_ANTHROPIC-API-KEY': 'k',
      INPUT_MODE: 'fix',
      ANTHROPIC_API_KEY: 'k',
      GITHUB_TOKEN: 't',
      GH_TOKEN: 't',
      ACTIONS_RUNTIME_TOKEN: 't',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
      NPM_TOKEN: 't',
      AWS_SECRET_ACCESS_KEY: 's',
      CLIENT_SECRET: 's',
      DB_PASSWORD: 'p',
      innocent_name: fakeGhToken,
      KEYBOARD_LAYOUT: 'us',
    })
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CI: 'true',
      GITHUB_REPOSITORY: 'o/r',
      KEYBOARD_LAYOUT: 'us',
    })
  })
})

describe('runCommand', () => {
  it('runs via bash, interleaves stdout and stderr, reports the exit code', async () => {
    const r = await runCommand({
      command: 'echo one; sleep 0.05; echo two >&2; sleep 0.05; echo three; exit 3',
      cwd: dir,
      timeoutMs: 10_000,
    })
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, truncated: false })
    expect(r.output).toBe('one\ntwo\nthree\n')
  })

  it('scrubs the API key and tokens from the environment unless passed explicitly', async () => {
    const saved = { ...process.env }
    process.env.ANTHROPIC_API_KEY = 'sk-ant-test-not-for-children'
    process.env.PITCREW_TEST_TOKEN = 'token-not-for-children'
    process.env.PITCREW_VISIBLE = 'visible'
    try {
      const cmd =
        'echo "[$ANTHROPIC_API_KEY][$PITCREW_TEST_TOKEN][$PITCREW_VISIBLE][$DEPLOY_TOKEN]"'
      const r = await runCommand({ command: cmd, cwd: dir, timeoutMs: 10_000 })
      expect(r.output).toBe('[][][visible][]\n')
      const r2 = await runCommand({
        command: cmd,
        cwd: dir,
        timeoutMs: 10_000,
        extraEnv: { DEPLOY_TOKEN: 'given-on-purpose' },
      })
      expect(r2.output).toBe('[][][visible][given-on-purpose]\n')
    } finally {
      process.env = saved
    }
  })

  it('on timeout kills the whole process tree, grandchildren included', async () => {
    const pidFile = path.join(dir, 'grandchild.pid')
    const r = await runCommand({
      // The grandchild runs in a nested shell; the outer shell waits.
      command: `bash -c 'sleep 300 & echo $! > ${pidFile}; wait'`,
      cwd: dir,
      timeoutMs: 300,
      killGraceMs: 200,
    })
    expect(r.timedOut).toBe(true)
    expect(r.exitCode).toBeNull()
    expect(r.output).toContain('timed out after 300 ms')
    const pid = Number(fs.readFileSync(pidFile, 'utf8'))
    expect(pid).toBeGreaterThan(0)
    expect(await waitGone(pid)).toBe(true)
  })

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const pidFile = path.join(dir, 'stubborn.pid')
    const r = await runCommand({
      command: `trap '' TERM; sleep 300 & echo $! > ${pidFile}; wait; wait`,
      cwd: dir,
      timeoutMs: 300,
      killGraceMs: 200,
    })
    expect(r.timedOut).toBe(true)
    expect(r.signal).toBe('SIGKILL')
    expect(await waitGone(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(true)
  })

  it('kills what a finished command left running in its group, and returns', async () => {
    const pidFile = path.join(dir, 'leftover.pid')
    const r = await runCommand({
      command: `sleep 300 & echo $! > ${pidFile}; echo done`,
      cwd: dir,
      timeoutMs: 30_000,
    })
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, output: 'done\n' })
    expect(await waitGone(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(true)
  })

  it('keeps head and tail of long output and streams everything to the log file', async () => {
    const logPath = path.join(dir, 'logs', 'run.log')
    const r = await runCommand({
      command: 'echo START; seq 1 100000; echo END >&2',
      cwd: dir,
      timeoutMs: 30_000,
      maxOutputChars: 3000,
      logPath,
    })
    expect(r.truncated).toBe(true)
    expect(r.logPath).toBe(logPath)
    expect(r.output.startsWith('START\n1\n2\n')).toBe(true)
    expect(r.output.endsWith('99999\n100000\nEND\n')).toBe(true)
    expect(r.output).toMatch(/\[\.\.\. \d+ characters omitted; full output in .*run\.log \.\.\.\]/)
    expect(r.output.length).toBeLessThan(3200)
    const log = fs.readFileSync(logPath, 'utf8')
    expect(log.split('\n').length).toBe(100_003)
    expect(log.endsWith('100000\nEND\n')).toBe(true)
  })

  it('redacts output and log when given a redactor', async () => {
    const logPath = path.join(dir, 'redacted.log')
    const secret = 'deploy-secret-value-123'
    const r = await runCommand({
      command: 'echo "using $DEPLOY_KEY"',
      cwd: dir,
      timeoutMs: 10_000,
      extraEnv: { DEPLOY_KEY: secret },
      logPath,
      redactor: new Redactor([secret]),
    })
    expect(r.output).toBe('using ***\n')
    expect(fs.readFileSync(logPath, 'utf8')).toBe('using ***\n')
  })

  it('stops on abort', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    const r = await runCommand({
      command: 'sleep 300',
      cwd: dir,
      timeoutMs: 60_000,
      signal: ac.signal,
    })
    expect(r.timedOut).toBe(false)
    expect(r.signal).toBe('SIGTERM')
  })

  it('reports a command that cannot start as a result, not an exception', async () => {
    const r = await runCommand({ command: 'true', cwd: path.join(dir, 'missing'), timeoutMs: 1000 })
    expect(r.exitCode).toBeNull()
    expect(r.error).toMatch(/Failed to start/)
  })
})
