import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Git } from '../../src/tools/git.js'
import { openBatchPids, readStableObjects } from '../../src/tools/git-batch.js'
import { createTestRepo, GIT_ENV, type TestRepo } from '../harness/git.js'

let repo: TestRepo
let first: string

beforeAll(async () => {
  repo = await createTestRepo({ 'a.txt': 'alpha\n', 'dir/b.txt': 'beta\nsecond line\n' })
  first = (await repo.git('rev-parse', 'HEAD')).trim()
})
afterAll(async () => {
  for (const pid of openBatchPids()) process.kill(pid, 'SIGKILL')
  await repo.cleanup()
})

describe('git cat-file --batch kept open (git-batch.ts)', () => {
  it('answers reads from several callers through one process, in order, missing as null', async () => {
    const git = new Git(repo.work, { env: GIT_ENV })
    const other = new Git(repo.work, { env: GIT_ENV })
    const [one, two] = await Promise.all([
      git.catFile([`${first}:a.txt`, `${first}:nope.txt`, `${first}^{commit}`]),
      other.readBlobs([`${first}:dir/b.txt`, `${first}:dir`]),
    ])
    expect(one.get(`${first}:a.txt`)).toEqual({ type: 'blob', text: 'alpha\n' })
    expect(one.get(`${first}:nope.txt`)).toBeNull()
    expect(one.get(`${first}^{commit}`)?.type).toBe('commit')
    expect(two.get(`${first}:dir/b.txt`)).toBe('beta\nsecond line\n')
    expect(two.get(`${first}:dir`)).toBeNull() // a tree is not a blob
    expect(openBatchPids()).toHaveLength(1)
    // Later reads go to the same process.
    const pid = openBatchPids()[0]
    await git.readBlobs([`${first}:a.txt`])
    expect(openBatchPids()).toEqual([pid])
  })

  it('reads by ref name with a process of their own: a commit made meanwhile is seen', async () => {
    const git = new Git(repo.work, { env: GIT_ENV })
    expect((await git.readBlobs(['HEAD:a.txt'])).get('HEAD:a.txt')).toBe('alpha\n')
    await repo.commit({ 'a.txt': 'changed\n' }, 'change a')
    expect((await git.readBlobs(['HEAD:a.txt'])).get('HEAD:a.txt')).toBe('changed\n')
    // The old commit's version is still what its sha names.
    expect((await git.readBlobs([`${first}:a.txt`])).get(`${first}:a.txt`)).toBe('alpha\n')
  })

  it('a process that dies is replaced; the reads it had are answered by a process of their own', async () => {
    const git = new Git(repo.work, { env: GIT_ENV })
    await git.readBlobs([`${first}:a.txt`])
    const [pid] = openBatchPids()
    process.kill(pid!, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 100))
    expect(openBatchPids()).toEqual([])
    const read = await git.readBlobs([`${first}:dir/b.txt`])
    expect(read.get(`${first}:dir/b.txt`)).toBe('beta\nsecond line\n')
    expect(openBatchPids()).toHaveLength(1)
    expect(openBatchPids()[0]).not.toBe(pid)
  })

  it('a big blob arrives whole, in order with small ones', async () => {
    const big = 'x'.repeat(3_000_000) + '\n'
    const sha = await repo.commit({ 'big.txt': big }, 'big')
    const objects = await readStableObjects(repo.work, GIT_ENV, [
      `${sha}:a.txt`,
      `${sha}:big.txt`,
      `${sha}:dir/b.txt`,
    ])
    expect(objects.map((o) => o?.content.length)).toEqual([8, big.length, 17])
  })

  it('an idle process does not keep Node running', async () => {
    // A child Node reads through the batch and then has nothing left to do: it must exit now,
    // not when the idle process ends (10 s).
    const script = join(repo.dir, 'idle.mjs')
    const mod = new URL('../../src/tools/git-batch.ts', import.meta.url).href
    writeFileSync(
      script,
      `const { readStableObjects } = await import(${JSON.stringify(mod)})
const [o] = await readStableObjects(${JSON.stringify(repo.work)}, process.env, [${JSON.stringify(`${first}:a.txt`)}])
console.log(o.content.toString().trim())
globalThis.readAt = Date.now()
process.on('exit', () => console.log('exit after', Date.now() - globalThis.readAt))`,
    )
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: GIT_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise((r) => child.on('exit', r))
    expect(out).toContain('alpha')
    const after = Number(/exit after (\d+)/.exec(out)?.[1])
    expect(after).toBeLessThan(5_000)
  })
})
