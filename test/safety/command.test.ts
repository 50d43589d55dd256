import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  killRunningCommands,
  runCommand,
  scrubbedEnv,
  secretEnvValues,
  stopRunningCommands,
} from '../../src/safety/command.js'
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
  it('lists the credential values of an environment for the Redactor', () => {
    const values = secretEnvValues({
      'INPUT_GITHUB-TOKEN': 'ghs_input_token_value_1234',
      'INPUT_ANTHROPIC-API-KEY': 'sk-ant-api03-abcdefgh',
      INPUT_MODEL: 'claude-sonnet-4-6',
      DEPLOY_PASSWORD: 'correct horse battery',
      DATADOG_API_KEY: 'dd0123456789abcdef',
      WEIRD_NAME: 'xoxb-1234567890-abcdefghij',
      FEATURE_KEY: '1',
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
    })
    expect(values.sort()).toEqual(
      [
        'correct horse battery',
        'dd0123456789abcdef',
        'ghs_input_token_value_1234',
        'sk-ant-api03-abcdefgh',
        'xoxb-1234567890-abcdefghij',
      ].sort(),
    )
  })

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

  it('masks a secret split across chunks, long lines and the head/tail cut, never showing part of it', async () => {
    const logPath = path.join(dir, 'split.log')
    const secret = 'hunter2-correct-horse-battery-staple-42'
    const r = await runCommand({
      // 90 filler chars put the head cut (100) inside the first secret; one 160 KB line without a
      // newline crosses the 64 KB pipe chunks; the last 200 chars start inside a secret too.
      command: [
        "printf '%090d' 0",
        'for i in $(seq 1 4000); do printf "x%s" "$S"; done',
        'sleep 0.2',
        'printf "x%s" "$S"',
        'echo',
      ].join('; '),
      cwd: dir,
      timeoutMs: 20_000,
      extraEnv: { S: secret },
      logPath,
      maxOutputChars: 300,
      redactor: new Redactor([secret]),
    })
    expect(r.truncated).toBe(true)
    const log = fs.readFileSync(logPath, 'utf8')
    expect(log.split('***').length - 1).toBe(4001)
    // No fragment of the secret (8 characters or more) anywhere: output or log.
    for (let i = 0; i + 8 <= secret.length; i++) {
      const fragment = secret.slice(i, i + 8)
      expect(r.output, fragment).not.toContain(fragment)
      expect(log.includes(fragment), fragment).toBe(false)
    }
  })

  it('keeps a private key block spanning several chunks masked to its END line', async () => {
    const key = [
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      'Zm9vYmFyYmF6cXV4cXV1eGNvcmdl',
      '-----END PRIVATE KEY-----',
    ].join('\n')
    const r = await runCommand({
      command: `printf '%s\\n' before; printf '%s\\n' "$K" | while read -r l; do echo "$l"; sleep 0.05; done; echo after`,
      cwd: dir,
      timeoutMs: 10_000,
      extraEnv: { K: key },
      logPath: path.join(dir, 'key.log'),
      redactor: new Redactor(),
    })
    const log = fs.readFileSync(path.join(dir, 'key.log'), 'utf8')
    expect(log).toMatch(/^before\n\*\*\*/)
    expect(log).toContain('after\n')
    expect(log).not.toContain('MIIEvQ')
    expect(log).not.toContain('Zm9vYmFy')
    expect(r.output).toContain('before\n')
    expect(r.output).toContain('after\n')
    expect(r.output).not.toContain('MIIEvQ')
    expect(r.output).not.toContain('Zm9vYmFy')
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

describe('stopping every running command (a cancelled run)', () => {
  async function waitForPid(file: string): Promise<number> {
    for (let i = 0; i < 250 && !fs.existsSync(file); i++)
      await new Promise((r) => setTimeout(r, 20))
    return Number(fs.readFileSync(file, 'utf8'))
  }

  it('stopRunningCommands ends each command and its grandchildren, with no signal passed in', async () => {
    const pidFile = path.join(dir, 'registry.pid')
    const running = runCommand({
      command: `bash -c 'sleep 300 & echo $! > ${pidFile}; wait'`,
      cwd: dir,
      timeoutMs: 60_000,
      killGraceMs: 200,
    })
    const grandchild = await waitForPid(pidFile)
    const started = Date.now()
    expect(stopRunningCommands()).toBe(1)
    const r = await running
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(r.timedOut).toBe(false)
    expect(r.signal).toBe('SIGTERM')
    expect(await waitGone(grandchild)).toBe(true)
    // Finished commands leave the registry.
    expect(stopRunningCommands()).toBe(0)
  })

  it('killRunningCommands SIGKILLs a group that ignores SIGTERM at once', async () => {
    const pidFile = path.join(dir, 'registry-stubborn.pid')
    const running = runCommand({
      command: `trap '' TERM; sleep 300 & echo $! > ${pidFile}; wait; wait`,
      cwd: dir,
      timeoutMs: 60_000,
      // Longer than the test: only the immediate SIGKILL can end it in time.
      killGraceMs: 60_000,
    })
    const grandchild = await waitForPid(pidFile)
    stopRunningCommands()
    await new Promise((r) => setTimeout(r, 100))
    expect(alive(grandchild)).toBe(true)
    killRunningCommands()
    const r = await running
    expect(r.signal).toBe('SIGKILL')
    expect(await waitGone(grandchild)).toBe(true)
  })
})
