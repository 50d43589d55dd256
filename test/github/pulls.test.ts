import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createOrUpdatePull,
  getPull,
  listPullFiles,
  listPullsByHeadPrefix,
} from '../../src/github/pulls.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
const R = { owner: 'acme', repo: 'widgets' }

beforeAll(async () => {
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'
  repo = await createTestRepo({
    'src/keep.ts': lines,
    'src/old-name.ts':
      'export const a = 1\nexport const b = 2\nexport const c = 3\nexport const d = 4\n',
    'src/gone.ts': 'export const gone = true\n',
  })
  await repo.checkout('feature')
  await repo.git('mv', 'src/old-name.ts', 'src/new-name.ts')
  await repo.commit(
    {
      'src/keep.ts': lines.replace('line 3\n', 'line three\n').replace('line 27\n', ''),
      'src/gone.ts': null,
      'assets/logo.bin': new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0, 10]),
      'src/no-newline.ts': 'export const x = 1',
      'src/new-name.ts':
        'export const a = 1\nexport const b = 2\nexport const c = 3\nexport const d = 5\n',
    },
    'feature work',
  )
  await repo.push('feature')
  await repo.checkout('many', 'main')
  const many: Record<string, string> = {}
  for (let i = 0; i < 120; i++) many[`gen/file-${String(i).padStart(3, '0')}.txt`] = `${i}\n`
  await repo.commit(many, 'many files')
  await repo.push('many')
  await repo.checkout('fix-1', 'main')
  await repo.commit({ 'src/fix.ts': 'fixed\n' }, 'fix')
  await repo.push('fix-1')
  await repo.push('fix-2')
  ;({ emu, octokit } = await setup({ maxDiffFiles: 100 }))
  emu.addRepo({ ...R, gitDir: repo.origin })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

describe('PR files from real git', () => {
  it('lists renames, deletions, binaries and missing trailing newlines as GitHub does', async () => {
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
    const { files, truncated } = await listPullFiles(octokit, { ...R, pullNumber: pr })
    expect(truncated).toBe(false)
    const by = Object.fromEntries(files.map((f) => [f.filename, f]))
    expect(Object.keys(by).sort()).toEqual([
      'assets/logo.bin',
      'src/gone.ts',
      'src/keep.ts',
      'src/new-name.ts',
      'src/no-newline.ts',
    ])
    expect(by['src/new-name.ts']).toMatchObject({
      status: 'renamed',
      previous_filename: 'src/old-name.ts',
      additions: 1,
      deletions: 1,
    })
    expect(by['src/gone.ts']).toMatchObject({ status: 'removed', additions: 0, deletions: 1 })
    expect(by['assets/logo.bin']).toMatchObject({ status: 'added' })
    expect(by['assets/logo.bin']!.patch).toBeUndefined()
    expect(by['src/no-newline.ts']!.patch).toBe(
      '@@ -0,0 +1 @@\n+export const x = 1\n\\ No newline at end of file',
    )
    expect(by['src/keep.ts']).toMatchObject({
      status: 'modified',
      additions: 1,
      deletions: 2,
      changes: 3,
    })
    expect(by['src/keep.ts']!.patch).toMatch(/^@@ -1,6 \+1,6 @@/)
  })

  it('follows Link headers across pages of 100', async () => {
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'many' } })
    const { files } = await listPullFiles(octokit, { ...R, pullNumber: pr })
    expect(files).toHaveLength(120)
    const pages = emu.requests.filter((r) => r.path === `/repos/acme/widgets/pulls/${pr}/files`)
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2'])
  })

  it('serves the .diff media type, and 406 when the diff is too large', async () => {
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
    const res = await octokit.rest.pulls.get({
      ...R,
      pull_number: pr,
      mediaType: { format: 'diff' },
    })
    expect(String(res.data)).toContain('diff --git a/src/keep.ts b/src/keep.ts')
    const big = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'many' } })
    const err = await octokit.rest.pulls
      .get({ ...R, pull_number: big, mediaType: { format: 'diff' } })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 406 })
  })

  it('reports head and base from git', async () => {
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
    const p = await getPull(octokit, { ...R, pullNumber: pr })
    expect(p.headSha).toBe((await repo.git('rev-parse', 'feature')).trim())
    expect(p.baseSha).toBe((await repo.git('rev-parse', 'main')).trim())
    expect(p.headRepoFullName).toBe('acme/widgets')
  })
})

describe('createOrUpdatePull', () => {
  const spec = {
    ...R,
    head: 'fix-1',
    base: 'main',
    title: 'Fix tests',
    body: 'v1',
    draft: true,
    labels: ['pitcrew'],
  }

  it('opens once, then updates the same PR', async () => {
    const first = await createOrUpdatePull(octokit, spec)
    const second = await createOrUpdatePull(octokit, { ...spec, body: 'v2' })
    expect(first.created).toBe(true)
    expect(second).toMatchObject({ number: first.number, created: false })
    const pull = emu.state.repos.get('acme/widgets')!.pulls.get(first.number)!
    expect(pull).toMatchObject({ body: 'v2', draft: true })
    expect(pull.labels.map((l) => l.name)).toEqual(['pitcrew'])
    const open = [...emu.state.repos.get('acme/widgets')!.pulls.values()].filter(
      (p) => p.head.ref === 'fix-1',
    )
    expect(open).toHaveLength(1)
  })

  it('resolves a 422 "A pull request already exists" race by updating that PR', async () => {
    const existing = await createOrUpdatePull(octokit, { ...spec, head: 'fix-2' })
    // The lookup misses the PR (another run created it in between); the create gets GitHub's 422.
    emu.fault({ method: 'GET', path: /\/pulls$/, status: 200, body: [] })
    const res = await createOrUpdatePull(octokit, { ...spec, head: 'fix-2', body: 'raced' })
    expect(res).toMatchObject({ number: existing.number, created: false })
    const create = emu.requests
      .filter((r) => r.method === 'POST' && r.path === '/repos/acme/widgets/pulls')
      .at(-1)!
    expect(create.status).toBe(422)
    expect(emu.state.repos.get('acme/widgets')!.pulls.get(existing.number)!.body).toBe('raced')
  })

  it('fails with GitHub 422 when the head branch does not exist', async () => {
    const err = await createOrUpdatePull(octokit, { ...spec, head: 'nope' }).catch(
      (e: unknown) => e,
    )
    expect(err).toMatchObject({ status: 422 })
    expect(String((err as Error).message)).toContain('"field":"head"')
  })

  it('counts earlier attempts by head prefix, open and closed', async () => {
    const n = (await createOrUpdatePull(octokit, { ...spec, head: 'fix-1' })).number
    await octokit.rest.pulls.update({ ...R, pull_number: n, state: 'closed' })
    const found = await listPullsByHeadPrefix(octokit, { ...R, prefix: 'fix-', base: 'main' })
    expect(found.map((p) => p.headRef).sort()).toEqual(['fix-1', 'fix-2'])
    expect(found.find((p) => p.headRef === 'fix-1')!.state).toBe('closed')
  })
})

describe('createOrUpdatePull when labelling fails', () => {
  it('keeps the pull request and reports the label error instead of throwing', async () => {
    const { emu, octokit } = await setup()
    const repo = await createTestRepo({ 'a.txt': 'a\n' })
    try {
      await repo.checkout('topic')
      await repo.commit({ 'a.txt': 'b\n' }, 'b')
      await repo.push('topic')
      await repo.git('push', '-q', 'origin', 'main')
      emu.addRepo({ owner: 'acme', repo: 'labels', gitDir: repo.origin })
      emu.fault({ method: 'POST', path: /\/issues\/\d+\/labels$/, status: 500, times: 50 })
      const pr = await createOrUpdatePull(octokit, {
        owner: 'acme',
        repo: 'labels',
        head: 'topic',
        base: 'main',
        title: 't',
        body: 'b',
        labels: ['pitcrew'],
      })
      expect(pr.created).toBe(true)
      expect(pr.labelError).toMatch(/./)
      expect(emu.state.repos.get('acme/labels')!.pulls.get(pr.number)!.state).toBe('open')
    } finally {
      await emu.close()
      await repo.cleanup()
    }
  })
})
