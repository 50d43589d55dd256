/**
 * Every write kind pitcrew creates, against the emulator: a lost answer (the write applied,
 * then a 502 or a dropped connection) leaves exactly one object; a write failing for good
 * throws with nothing written, and a clean second call writes exactly one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createComment,
  updateOrCreateComment,
  upsertStickyComment,
} from '../../src/github/comments.js'
import { createIssueOnce } from '../../src/github/issues.js'
import { createOrUpdatePull } from '../../src/github/pulls.js'
import { createReview } from '../../src/github/reviews.js'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { setup } from './setup.js'

let emu: GitHubEmulator
let s: Awaited<ReturnType<typeof setup>>
let repo: TestRepo
let head: string
const R = { owner: 'acme', repo: 'widgets' }
const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`)
let branches = 0

beforeAll(async () => {
  repo = await createTestRepo({ 'app.txt': lines.join('\n') + '\n' })
  await repo.checkout('feature')
  head = await repo.commit({ 'app.txt': lines.join('\n').replace('line 5', 'five') + '\n' }, 'c')
  await repo.push('feature')
  s = await setup()
  emu = s.emu
  emu.addRepo({ ...R, gitDir: repo.origin })
})
afterAll(async () => {
  await emu.close()
  await repo.cleanup()
})
beforeEach(() => emu.clearFaults())

const state = () => emu.state.repos.get('acme/widgets')!
const posts = (path: RegExp) =>
  emu.requests.filter((r) => r.method === 'POST' && path.test(r.path)).length
const lost = [
  { name: '502', status: 502 },
  { name: 'a dropped connection', status: 0 },
]

/** A fresh branch off feature, for one pull request. */
async function branch(): Promise<string> {
  const name = `pitcrew/fix-${++branches}`
  await repo.checkout(name, 'feature')
  await repo.commit({ [`f${branches}.txt`]: 'x\n' }, `fix ${branches}`)
  await repo.push(name)
  return name
}

describe('a lost answer gives exactly one object', () => {
  for (const { name, status } of lost) {
    it(`issue comment with a marker (applied, then ${name})`, async () => {
      const n = emu.addIssue({ ...R, title: 'failing' })
      emu.fault({ method: 'POST', path: /\/comments$/, status, afterApply: true })
      const before = posts(/\/comments$/)
      const c = await createComment(s.octokit, {
        ...R,
        issueNumber: n,
        body: 'pitcrew run <!-- pitcrew:run 7 -->',
        marker: '<!-- pitcrew:run 7 -->',
      })
      const stored = state().comments.filter((x) => x.issueNumber === n)
      expect(stored).toHaveLength(1)
      expect(c.id).toBe(stored[0]!.id)
      expect(posts(/\/comments$/) - before).toBe(1)
      expect(s.log.lines.join('\n')).toContain('it was written, so it is not sent again')
    })

    it(`issue comment without a marker, keyed by its body (applied, then ${name})`, async () => {
      const n = emu.addIssue({ ...R, title: 'incident' })
      emu.fault({ method: 'POST', path: /\/comments$/, status, afterApply: true })
      await createComment(s.octokit, { ...R, issueNumber: n, body: '**Update**: rolled back' })
      expect(state().comments.filter((x) => x.issueNumber === n)).toHaveLength(1)
    })

    it(`sticky comment, first post and after a deleted one (applied, then ${name})`, async () => {
      const n = emu.addIssue({ ...R, title: 'pr' })
      const marker = '<!-- pitcrew:summary -->'
      emu.fault({ method: 'POST', path: /\/comments$/, status, afterApply: true })
      const first = await upsertStickyComment(s.octokit, {
        ...R,
        issueNumber: n,
        marker,
        body: `${marker}\nv1`,
      })
      expect(first.created).toBe(true)
      expect(state().comments.filter((x) => x.issueNumber === n)).toHaveLength(1)
      // Deleted meanwhile: the edit gets a 404, the new one is posted once.
      state().comments.splice(
        state().comments.findIndex((x) => x.id === first.id),
        1,
      )
      emu.fault({ method: 'POST', path: /\/comments$/, status, afterApply: true })
      const again = await updateOrCreateComment(s.octokit, {
        ...R,
        issueNumber: n,
        id: first.id,
        marker,
        body: `${marker}\nv2`,
      })
      expect(again.created).toBe(true)
      const stored = state().comments.filter((x) => x.issueNumber === n)
      expect(stored.map((x) => x.body)).toEqual([`${marker}\nv2`])
    })

    it(`pull request: one PR, reported as opened (applied, then ${name})`, async () => {
      const head = await branch()
      emu.fault({ method: 'POST', path: /\/pulls$/, status, afterApply: true })
      const pr = await createOrUpdatePull(s.octokit, {
        ...R,
        head,
        base: 'feature',
        title: 'fix',
        body: 'b',
        labels: ['pitcrew'],
      })
      expect(pr.created).toBe(true)
      const open = [...state().pulls.values()].filter((p) => p.head.ref === head)
      expect(open.map((p) => p.number)).toEqual([pr.number])
      expect(open[0]!.labels.map((l) => l.name)).toEqual(['pitcrew'])
      const rerun = await createOrUpdatePull(s.octokit, {
        ...R,
        head,
        base: 'feature',
        title: 'fix 2',
        body: 'b',
      })
      expect(rerun).toMatchObject({ number: pr.number, created: false })
    })

    it(`review with inline comments (applied, then ${name})`, async () => {
      const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
      emu.fault({ method: 'POST', path: /\/reviews$/, status, afterApply: true })
      const res = await createReview(s.octokit, {
        ...R,
        pullNumber: pr,
        commitId: head,
        event: 'COMMENT',
        body: 'Review',
        comments: [{ path: 'app.txt', line: 5, body: 'five?' }],
        key: `${head} 1234`,
      })
      expect(res.confirmedBy).toBe('found')
      const reviews = state().reviews.filter((v) => v.pullNumber === pr)
      expect(reviews).toHaveLength(1)
      expect(reviews[0]!.id).toBe(res.id)
      expect(reviews[0]!.body).toContain(`<!-- pitcrew:review ${head} 1234 -->`)
      expect(state().reviewComments.filter((c) => c.pullNumber === pr)).toHaveLength(1)
    })

    it(`issue (applied, then ${name}); a rerun finds it`, async () => {
      const marker = `<!-- pitcrew:rollback:${status || 1000} -->`
      emu.fault({ method: 'POST', path: /\/issues$/, status, afterApply: true })
      const spec = {
        ...R,
        title: 'incident',
        body: `${marker}\nbad deploy`,
        marker,
        labels: ['incident'],
      }
      const first = await createIssueOnce(s.octokit, spec)
      expect(first.created).toBe(true)
      const again = await createIssueOnce(s.octokit, spec)
      expect(again).toEqual({ ...first, created: false })
      const issues = [...state().issues.values()].filter((i) => i.body?.includes(marker))
      expect(issues.map((i) => i.number)).toEqual([first.number])
    })
  }
})

describe('a write failing for good throws, and a clean second call writes exactly one', () => {
  it('every kind: nothing is written while GitHub fails, one object afterwards', async () => {
    const n = emu.addIssue({ ...R, title: 'x' })
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
    const head2 = await branch()
    const marker = '<!-- pitcrew:rollback:77 -->'
    const writes = {
      comment: () =>
        createComment(s.octokit, {
          ...R,
          issueNumber: n,
          body: 'run <!-- r1 -->',
          marker: '<!-- r1 -->',
        }),
      sticky: () =>
        upsertStickyComment(s.octokit, {
          ...R,
          issueNumber: n,
          marker: '<!-- s1 -->',
          body: '<!-- s1 -->',
        }),
      pull: () =>
        createOrUpdatePull(s.octokit, {
          ...R,
          head: head2,
          base: 'feature',
          title: 't',
          body: 'b',
        }),
      review: () =>
        createReview(s.octokit, {
          ...R,
          pullNumber: pr,
          commitId: head,
          event: 'COMMENT',
          body: 'Review',
          comments: [{ path: 'app.txt', line: 5, body: 'five?' }],
        }),
      issue: () => createIssueOnce(s.octokit, { ...R, title: 'i', body: marker, marker }),
    }
    const counts = () => ({
      comment: state().comments.filter((c) => c.body.includes('<!-- r1 -->')).length,
      sticky: state().comments.filter((c) => c.body.includes('<!-- s1 -->')).length,
      pull: [...state().pulls.values()].filter((p) => p.head.ref === head2).length,
      review: state().reviews.filter((v) => v.pullNumber === pr).length,
      issue: [...state().issues.values()].filter((i) => i.body?.includes(marker)).length,
    })
    for (const [kind, write] of Object.entries(writes)) {
      emu.fault({ method: 'POST', path: /./, status: 502, times: 99 })
      const before = emu.requests.length
      await expect(write(), kind).rejects.toMatchObject({ status: 502 })
      const sent = emu.requests.slice(before).filter((r) => r.method === 'POST')
      // Each resend only after a look-up found nothing: 3 sends, none applied.
      expect(
        sent.map((r) => r.status),
        kind,
      ).toEqual([502, 502, 502])
      emu.clearFaults()
      expect(counts()[kind as keyof typeof writes], kind).toBe(0)
      await write()
      expect(counts()[kind as keyof typeof writes], kind).toBe(1)
    }
  })
})

describe('a look-up that fails after a lost answer never resends blindly', () => {
  it('every kind: the write applied, its answer lost, every GET 502: one send, one object, an error', async () => {
    const n = emu.addIssue({ ...R, title: 'y' })
    const pr = emu.addPull({ ...R, base: { ref: 'main' }, head: { ref: 'feature' } })
    const head3 = await branch()
    const marker = '<!-- pitcrew:rollback:88 -->'
    const writes: Record<
      string,
      { path: RegExp; write: () => Promise<unknown>; count: () => number }
    > = {
      comment: {
        path: /\/issues\/\d+\/comments$/,
        write: () =>
          createComment(s.octokit, {
            ...R,
            issueNumber: n,
            body: 'run <!-- r2 -->',
            marker: '<!-- r2 -->',
          }),
        count: () => state().comments.filter((c) => c.body.includes('<!-- r2 -->')).length,
      },
      sticky: {
        path: /\/issues\/\d+\/comments$/,
        write: () =>
          upsertStickyComment(s.octokit, {
            ...R,
            issueNumber: n,
            marker: '<!-- s2 -->',
            body: '<!-- s2 -->',
          }),
        count: () => state().comments.filter((c) => c.body.includes('<!-- s2 -->')).length,
      },
      pull: {
        path: /\/pulls$/,
        write: () =>
          createOrUpdatePull(s.octokit, {
            ...R,
            head: head3,
            base: 'feature',
            title: 't',
            body: 'b',
          }),
        count: () => [...state().pulls.values()].filter((p) => p.head.ref === head3).length,
      },
      review: {
        path: /\/reviews$/,
        write: () =>
          createReview(s.octokit, {
            ...R,
            pullNumber: pr,
            commitId: head,
            event: 'COMMENT',
            body: 'Review',
            comments: [{ path: 'app.txt', line: 5, body: 'five?' }],
            key: `${head} 99`,
          }),
        count: () => state().reviews.filter((v) => v.pullNumber === pr).length,
      },
      issue: {
        path: /\/issues$/,
        write: () => createIssueOnce(s.octokit, { ...R, title: 'i', body: marker, marker }),
        count: () => [...state().issues.values()].filter((i) => i.body?.includes(marker)).length,
      },
    }
    let armed: RegExp | undefined
    emu.onRequest((q) => {
      // The write's own POST arrives: from now on every look-up fails (the same outage).
      if (armed && q.method === 'POST' && armed.test(q.path)) {
        armed = undefined
        emu.fault({ method: 'GET', path: /./, status: 502, times: 999 })
      }
    })
    for (const [kind, w] of Object.entries(writes)) {
      emu.clearFaults()
      emu.fault({ method: 'POST', path: w.path, status: 502, afterApply: true })
      armed = w.path
      const before = emu.requests.length
      await expect(w.write(), kind).rejects.toMatchObject({ status: 502 })
      const sent = emu.requests.slice(before)
      expect(
        sent.filter((r) => r.method === 'POST').map((r) => r.status),
        kind,
      ).toEqual([502])
      // It looked (and kept looking) before giving up: the write was never sent a second time.
      expect(
        sent.filter((r) => r.method === 'GET' && r.status === 502).length,
        kind,
      ).toBeGreaterThan(1)
      expect(w.count(), kind).toBe(1)
    }
    emu.clearFaults()
    expect(s.log.lines.join('\n')).toContain('looking it up before any retry')
  })
})

describe('a lost answer to an update (PATCH, idempotent) leaves one object', () => {
  for (const { name, status } of lost) {
    it(`sticky summary update (applied, then ${name}): one comment, the new body`, async () => {
      const n = emu.addIssue({ ...R, title: 'pr' })
      const marker = '<!-- pitcrew:summary -->'
      const first = await upsertStickyComment(s.octokit, {
        ...R,
        issueNumber: n,
        marker,
        body: `${marker}\nv1`,
      })
      expect(first.created).toBe(true)
      emu.fault({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status, afterApply: true })
      const before = emu.requests.length
      const again = await upsertStickyComment(s.octokit, {
        ...R,
        issueNumber: n,
        marker,
        body: `${marker}\nv2`,
      })
      expect(again).toMatchObject({ id: first.id, created: false })
      const stored = state().comments.filter((x) => x.issueNumber === n)
      expect(stored.map((x) => x.body)).toEqual([`${marker}\nv2`])
      const sent = emu.requests.slice(before).filter((r) => r.method !== 'GET')
      // The edit is resent by the client (an edit cannot duplicate); no POST at all.
      expect(sent.map((r) => r.method)).toEqual(['PATCH', 'PATCH'])
    })
  }
})
