/**
 * pushBranch against a real bare origin whose hooks refuse, hang or cut the connection: a push
 * is called refused only when the server said so, and a push that landed is pushed whatever the
 * client saw (issue 14).
 */
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestRepo, GIT_ENV, type TestRepo } from '../harness/git.js'
import { pushBranch, pushTimeoutMs, refusalIn, remoteBranchSha } from '../../src/fix/push.js'
import { Git } from '../../src/tools/git.js'

let repo: TestRepo
let git: Git
let commit: string

const hook = (name: string, body: string) => {
  const p = join(repo.origin, 'hooks', name)
  writeFileSync(p, `#!/bin/sh\n${body}\n`)
  chmodSync(p, 0o755)
}

beforeEach(async () => {
  repo = await createTestRepo({ 'a.txt': 'one\n' })
  commit = await repo.commit({ 'a.txt': 'two\n' }, 'the fix')
  git = new Git(repo.work, { env: GIT_ENV })
})
afterEach(() => repo.cleanup())

describe('pushBranch', () => {
  it('pushes, confirmed by the exit code', async () => {
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 30_000 })
    expect(r).toEqual({ kind: 'pushed', confirmedBy: 'exit' })
    expect(await remoteBranchSha(git, 'pitcrew/fix-1')).toBe(commit)
  })

  it('a pre-receive hook that declines: refused, with what the server said', async () => {
    hook(
      'pre-receive',
      'echo "GH013: Repository rule violations found for refs/heads/pitcrew/fix-1." >&2\nexit 1',
    )
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 30_000 })
    expect(r.kind).toBe('refused')
    if (r.kind !== 'refused') return
    expect(r.message).toContain('GH013: Repository rule violations found')
    expect(r.message).toContain('[remote rejected]')
    expect(r.message).toContain('pre-receive hook declined')
    expect(await remoteBranchSha(git, 'pitcrew/fix-1')).toBeNull()
  })

  it('the connection dies after the ref was updated: pushed, confirmed by ls-remote', async () => {
    // post-receive runs after the update; killing receive-pack cuts the client off
    hook('post-receive', 'kill -9 $PPID')
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 30_000 })
    expect(r).toMatchObject({ kind: 'pushed', confirmedBy: 'ls-remote' })
  })

  it('no answer before the push timeout after the ref was updated: pushed, reported before the hook ends', async () => {
    hook('post-receive', 'sleep 30')
    const started = Date.now()
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 1500 })
    expect(r).toMatchObject({ kind: 'pushed', confirmedBy: 'ls-remote' })
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('no answer before the timeout and the ref not updated: failed, not refused', async () => {
    hook('pre-receive', 'sleep 30')
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 1500 })
    expect(r.kind).toBe('failed')
    if (r.kind !== 'failed') return
    expect(r.message).toMatch(/no answer within 1500 ms/)
    expect(r.message).toContain('the branch is not on origin')
  })

  it('an unreachable origin: failed, saying origin could not be asked', async () => {
    await repo.git('remote', 'set-url', 'origin', join(repo.dir, 'gone.git'))
    const r = await pushBranch(git, { commit, branch: 'pitcrew/fix-1', timeoutMs: 30_000 })
    expect(r.kind).toBe('failed')
    if (r.kind !== 'failed') return
    expect(r.message).toContain('origin could not be asked')
  })
})

describe('refusalIn and pushTimeoutMs', () => {
  it('finds rejections and 403s, not transport failures', () => {
    expect(refusalIn('fatal: the remote end hung up unexpectedly')).toBeNull()
    expect(
      refusalIn(
        "remote: Permission to acme/shop.git denied to github-actions[bot].\nfatal: unable to access 'https://github.com/acme/shop/': The requested URL returned error: 403",
      ),
    ).toContain('Permission to acme/shop.git denied')
    expect(refusalIn(' ! [rejected]        HEAD -> x (stale info)')).toContain('[rejected]')
  })

  it('reads PITCREW_GIT_PUSH_TIMEOUT_MS and names it when invalid', () => {
    expect(pushTimeoutMs({})).toBe(300_000)
    expect(pushTimeoutMs({ PITCREW_GIT_PUSH_TIMEOUT_MS: '2000' })).toBe(2000)
    expect(() => pushTimeoutMs({ PITCREW_GIT_PUSH_TIMEOUT_MS: 'soon' })).toThrow(
      "Invalid PITCREW_GIT_PUSH_TIMEOUT_MS 'soon'. Expected a number of milliseconds > 0.",
    )
  })
})
