import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRef, deleteRef, getRef, updateRef } from '../../src/github/refs.js'
import { errorMessage } from '../../src/github/errors.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
let c1: string
let c2: string
let side: string
const R = { owner: 'acme', repo: 'widgets' }

beforeAll(async () => {
  repo = await createTestRepo({ 'a.txt': '1\n' })
  c1 = (await repo.git('rev-parse', 'HEAD')).trim()
  c2 = await repo.commit({ 'a.txt': '2\n' }, 'two')
  await repo.push('main')
  await repo.checkout('side', c1)
  side = await repo.commit({ 'b.txt': 'b\n' }, 'side')
  await repo.push('side')
  ;({ emu, octokit } = await setup())
  emu.addRepo({ ...R, gitDir: repo.origin })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

describe('GitHub rules the emulator enforces', () => {
  it('refs: create, duplicate 422, fast-forward only unless forced, delete', async () => {
    await createRef(octokit, { ...R, ref: 'pitcrew/fix-1', sha: c1 })
    expect(await getRef(octokit, { ...R, ref: 'pitcrew/fix-1' })).toBe(c1)
    const dup = await createRef(octokit, { ...R, ref: 'pitcrew/fix-1', sha: c1 }).catch(
      (e: unknown) => e,
    )
    expect(errorMessage(dup)).toContain('Reference already exists')
    await updateRef(octokit, { ...R, ref: 'refs/heads/pitcrew/fix-1', sha: c2 })
    const back = await updateRef(octokit, { ...R, ref: 'pitcrew/fix-1', sha: side }).catch(
      (e: unknown) => e,
    )
    expect(errorMessage(back)).toContain('Update is not a fast forward')
    await updateRef(octokit, { ...R, ref: 'pitcrew/fix-1', sha: side, force: true })
    expect((await repo.git('ls-remote', 'origin', 'refs/heads/pitcrew/fix-1')).split('\t')[0]).toBe(
      side,
    )
    await deleteRef(octokit, { ...R, ref: 'pitcrew/fix-1' })
    await deleteRef(octokit, { ...R, ref: 'pitcrew/fix-1' })
    expect(await getRef(octokit, { ...R, ref: 'pitcrew/fix-1' })).toBeUndefined()
  })

  it('a PR with no commits beyond its base is refused', async () => {
    await createRef(octokit, { ...R, ref: 'empty', sha: c1 })
    const err = await octokit.rest.pulls
      .create({ ...R, head: 'empty', base: 'main', title: 't' })
      .catch((e: unknown) => e)
    expect(errorMessage(err)).toContain('No commits between main and empty')
  })

  it('compare reports ahead/behind and commits from git', async () => {
    const res = await octokit.rest.repos.compareCommitsWithBasehead({
      ...R,
      basehead: 'main...side',
    })
    expect(res.data).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      total_commits: 1,
    })
    expect(res.data.commits.map((c) => c.sha)).toEqual([side])
    expect(res.data.files?.map((f) => f.filename)).toEqual(['b.txt'])
  })

  it('workflow runs and jobs', async () => {
    const id = emu.addWorkflowRun('acme', 'widgets', {
      head_branch: 'side',
      head_sha: side,
      conclusion: 'failure',
      jobs: [{ name: 'test', conclusion: 'failure' }],
    })
    const run = await octokit.rest.actions.getWorkflowRun({ ...R, run_id: id })
    expect(run.data).toMatchObject({ id, head_sha: side, conclusion: 'failure' })
    const jobs = await octokit.rest.actions.listJobsForWorkflowRun({ ...R, run_id: id })
    expect(jobs.data.jobs.map((j) => j.name)).toEqual(['test'])
  })

  it('a dropped connection is retried', async () => {
    emu.fault({ path: /\/repos\/acme\/widgets$/, status: 0 })
    const res = await octokit.rest.repos.get(R)
    expect(res.data.default_branch).toBe('main')
  })

  it('answers every route the helpers used', () => {
    expect(emu.unhandled).toEqual([])
  })
})
