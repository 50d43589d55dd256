import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorMessage } from '../../src/github/errors.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { SCHEMAS_PATH, type ExtractedSchemas } from '../harness/openapi-extract.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let octokit: Awaited<ReturnType<typeof setup>>['octokit']
let repo: TestRepo
let base: string
let f1: string
let f2: string
let later: string
const R = { owner: 'acme', repo: 'widgets' }
const N = { owner: 'acme', repo: 'nogit' }
const GOOD = 'a1'.repeat(20)
const BAD = 'b2'.repeat(20)

beforeAll(async () => {
  repo = await createTestRepo({ 'a.txt': '1\n' })
  base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.push('main')
  await repo.checkout('feature', base)
  f1 = await repo.commit({ 'b.txt': 'b\n' }, 'feature one')
  f2 = await repo.commit({ 'b.txt': 'bb\n' }, 'feature two')
  await repo.push('feature')
  await repo.checkout('later', base)
  later = await repo.commit({ 'c.txt': 'c\n' }, 'unrelated')
  await repo.push('later')
  ;({ emu, octokit } = await setup())
  emu.addRepo({ ...R, gitDir: repo.origin })
  emu.addRepo(N)
  emu.addDeployment({ ...N, sha: GOOD, statuses: ['success'] })
  emu.addDeployment({ ...N, sha: BAD, statuses: ['success'] })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})

describe('request bodies of every route compile and validate', () => {
  it('each route with a body answers a bogus field with 422, never an emulator error', async () => {
    const routes = Object.keys(
      (JSON.parse(readFileSync(SCHEMAS_PATH, 'utf8')) as ExtractedSchemas).bodies,
    )
    expect(routes).toContain('POST /repos/{owner}/{repo}/issues')
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string]
      const path = template.replace(/\{(\w+)\}/g, (_, n: string) =>
        n === 'owner' ? 'acme' : n === 'repo' ? 'widgets' : n === 'ref' ? 'heads/x' : '1',
      )
      const res = await fetch(`${emu.url}${path}`, {
        method,
        headers: { authorization: 'token test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ bogus_field: 1 }),
      })
      const text = await res.text()
      expect({ route, status: res.status }).toEqual({ route, status: 422 })
      expect(text).toContain('Invalid request')
    }
  })

  it('OpenAPI nullable fields accept null; other types stay refused', async () => {
    const ok = await octokit.rest.issues.create({
      ...R,
      title: 'nulls',
      milestone: null,
      assignee: null,
    })
    expect(ok.status).toBe(201)
    const err = await octokit.rest.issues
      .create({ ...R, title: 'bad', milestone: { x: 1 } as never })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 422 })
    expect(errorMessage(err)).toContain("'milestone'")
  })
})

describe('issues: create, list with filters, update', () => {
  it('creates an issue with title, body and labels, readable back', async () => {
    const created = await octokit.rest.issues.create({
      ...R,
      title: 'Deploy 7 rolled back',
      body: 'error rate 20%',
      labels: ['pitcrew', { name: 'incident' }],
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      title: 'Deploy 7 rolled back',
      body: 'error rate 20%',
      state: 'open',
      user: { login: 'github-actions[bot]' },
    })
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'pitcrew',
      'incident',
    ])
    const got = await octokit.rest.issues.get({ ...R, issue_number: created.data.number })
    expect(got.data.body).toBe('error rate 20%')
    expect(got.data.pull_request).toBeUndefined()
  })

  it('lists by state, labels (all must match), creator; PRs carry pull_request', async () => {
    const N2 = { owner: 'acme', repo: 'lists' }
    emu.addRepo(N2)
    const a = emu.addIssue({ ...N2, title: 'a', labels: ['pitcrew', 'incident'] })
    const b = emu.addIssue({ ...N2, title: 'b', labels: ['pitcrew'], user: 'mona' })
    const c = emu.addIssue({ ...N2, title: 'c', labels: ['PitCrew', 'incident'], state: 'closed' })
    const pr = emu.addPull({
      ...N2,
      base: { ref: 'main', sha: GOOD },
      head: { ref: 'f', sha: BAD },
      labels: ['pitcrew'],
    })
    const numbers = async (q: Record<string, string>) =>
      (await octokit.rest.issues.listForRepo({ ...N2, ...q })).data.map((i) => i.number)
    expect(await numbers({})).toEqual([pr, b, a])
    expect(await numbers({ state: 'closed' })).toEqual([c])
    expect(await numbers({ state: 'all', labels: 'pitcrew,incident' })).toEqual([c, a])
    expect(await numbers({ labels: 'incident' })).toEqual([a])
    expect(await numbers({ creator: 'mona' })).toEqual([b])
    expect(await numbers({ direction: 'asc' })).toEqual([a, b, pr])
    const list = await octokit.rest.issues.listForRepo({ ...N2 })
    expect(list.data.find((i) => i.number === pr)!.pull_request).toMatchObject({
      url: `${emu.url}/repos/acme/lists/pulls/${pr}`,
    })
    expect(list.data.find((i) => i.number === a)!.pull_request).toBeUndefined()
    const bad = await octokit.rest.issues
      .listForRepo({ ...N2, state: 'shut' as never })
      .catch((e: unknown) => e)
    expect(bad).toMatchObject({ status: 422 })
  })

  it('pages with Link headers', async () => {
    const P = { owner: 'acme', repo: 'paged' }
    emu.addRepo(P)
    for (let i = 0; i < 5; i++) emu.addIssue({ ...P, title: `t${i}` })
    const first = await octokit.rest.issues.listForRepo({ ...P, per_page: 2 })
    expect(first.data).toHaveLength(2)
    expect(first.headers.link).toContain('rel="next"')
    expect(first.headers.link).toMatch(/page=3[^>]*>; rel="last"/)
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...P, per_page: 2 })
    expect(all.map((i) => i.title)).toEqual(['t4', 't3', 't2', 't1', 't0'])
  })

  it('updates title, body, state and labels (labels replace the set)', async () => {
    const n = emu.addIssue({ ...R, title: 'old', body: 'x', labels: ['a', 'b'] })
    const res = await octokit.rest.issues.update({
      ...R,
      issue_number: n,
      title: 'new',
      body: 'y',
      state: 'closed',
      labels: ['pitcrew'],
    })
    expect(res.data).toMatchObject({ title: 'new', body: 'y', state: 'closed' })
    expect(res.data.state_reason).toBe('completed')
    expect(res.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['pitcrew'])
    const closed = await octokit.rest.issues.listForRepo({ ...R, state: 'closed' })
    expect(closed.data.map((i) => i.number)).toContain(n)
    const missing = await octokit.rest.issues
      .update({ ...R, issue_number: 9999, title: 'z' })
      .catch((e: unknown) => e)
    expect(missing).toMatchObject({ status: 404 })
    const noTitle = await octokit.rest.issues
      .update({ ...R, issue_number: n, title: null })
      .catch((e: unknown) => e)
    expect(noTitle).toMatchObject({ status: 422 })
  })
})

describe('pull requests associated with a commit', () => {
  it('finds the PR by its head, by an earlier commit of it (git), or by its merge commit', async () => {
    const open = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' }, title: 'F' })
    const merged = emu.addPull({
      ...R,
      base: { ref: 'main', sha: base },
      head: { ref: 'gone', sha: later },
      mergeCommitSha: 'c3'.repeat(20),
    })
    const assoc = async (sha: string) =>
      (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...R, commit_sha: sha }))
        .data
    expect((await assoc(f2)).map((p) => p.number)).toEqual([open])
    const viaAncestor = await assoc(f1)
    expect(viaAncestor.map((p) => p.number)).toEqual([open])
    expect(viaAncestor[0]).toMatchObject({
      title: 'F',
      state: 'open',
      merged_at: null,
      head: { ref: 'feature', sha: f2 },
      base: { ref: 'main', sha: base },
      html_url: `https://github.com/acme/widgets/pull/${open}`,
    })
    // The base commit is in no PR's commits.
    expect(await assoc(base)).toEqual([])
    const m = await assoc(later)
    expect(m.map((p) => p.number)).toEqual([merged])
    expect(m[0]!.merged_at).not.toBeNull()
    expect(m[0]!.state).toBe('closed')
    const err = await assoc('d4'.repeat(20)).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 422 })
    expect(errorMessage(err)).toContain('No commit found for SHA')
  })

  it('without git, matches head and merge commit shas', async () => {
    const pr = emu.addPull({ ...N, base: { ref: 'main', sha: GOOD }, head: { ref: 'x', sha: BAD } })
    const res = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...N,
      commit_sha: BAD,
    })
    expect(res.data.map((p) => p.number)).toEqual([pr])
    const none = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...N,
      commit_sha: GOOD,
    })
    expect(none.data).toEqual([])
    expect(emu.unhandled).toEqual([])
  })
})

describe('compare without a git directory', () => {
  it('known shas: an empty comparison, ahead (identical for one sha)', async () => {
    const res = await octokit.rest.repos.compareCommitsWithBasehead({
      ...N,
      basehead: `${GOOD}...${BAD}`,
    })
    expect(res.data).toMatchObject({ status: 'ahead', commits: [], total_commits: 0 })
    expect(res.data.base_commit.sha).toBe(GOOD)
    const same = await octokit.rest.repos.compareCommitsWithBasehead({
      ...N,
      basehead: `${GOOD}...${GOOD}`,
    })
    expect(same.data.status).toBe('identical')
    const byRef = await octokit.rest.repos.compareCommitsWithBasehead({
      ...N,
      basehead: `main...${BAD}`,
    })
    expect(byRef.data.status).toBe('ahead')
  })

  it('an unknown sha stays 404', async () => {
    const err = await octokit.rest.repos
      .compareCommitsWithBasehead({ ...N, basehead: `${GOOD}...${'e5'.repeat(20)}` })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 404 })
  })
})
