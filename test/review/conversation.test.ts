/**
 * Which of pitcrew's threads are dismissed, open, resolved or reopened, and which are addressed
 * (contract §8 "Conversations"): pure rules over threads as GraphQL returns them.
 */
import { describe, expect, it } from 'vitest'
import type { ReviewThread, ThreadAuthor, ThreadComment } from '../../src/github/threads.js'
import {
  addressedThreads,
  classifyThreads,
  dismissedFingerprints,
  isCommand,
  titleOf,
} from '../../src/review/conversation.js'
import { fingerprintMarker, titleKey } from '../../src/review/fingerprint.js'
import { renderSummary } from '../../src/review/summary.js'
import { emptyUsage } from '../../src/agent/types.js'

const BOT: ThreadAuthor = { login: 'github-actions', type: 'Bot' }
const ALICE: ThreadAuthor = { login: 'alice', type: 'User' }
const OTHER_BOT: ThreadAuthor = { login: 'dependabot', type: 'Bot' }
const isPitcrew = (a: ThreadAuthor) => a.type === BOT.type && a.login === BOT.login

let nextId = 1
const c = (author: ThreadAuthor | null, body: string): ThreadComment => ({
  id: `PRRC_${nextId}`,
  databaseId: nextId++,
  author,
  body,
  createdAt: '2026-01-01T00:00:00Z',
  url: 'https://github.com/x',
})
const finding = (fp: string, title = 'Overflow') =>
  c(BOT, `⚠️ **major: ${title}**\n\nCheck.\n\n${fingerprintMarker(fp)}`)
const thread = (comments: ThreadComment[], over: Partial<ReviewThread> = {}): ReviewThread => ({
  id: `PRRT_${comments[0]!.databaseId}`,
  isResolved: false,
  isOutdated: false,
  path: 'src/a.ts',
  line: 3,
  originalLine: 3,
  diffSide: 'RIGHT',
  resolvedBy: null,
  viewerCanResolve: true,
  comments,
  ...over,
})

describe('classifyThreads', () => {
  it('sorts pitcrew threads into open, dismissed (resolved / replied), resolved and reopened; leaves others', () => {
    const threads = [
      thread([finding('a'.repeat(16), 'Open one')]),
      thread([finding('b'.repeat(16), 'Resolved by alice')], {
        isResolved: true,
        resolvedBy: 'alice',
      }),
      thread([finding('c'.repeat(16), 'Answered'), c(ALICE, "won't fix: intended")]),
      thread([finding('d'.repeat(16), 'Asked'), c(ALICE, '/pitcrew why is this wrong?')]),
      thread([finding('e'.repeat(16), 'Mentioned'), c(ALICE, 'hey @pitcrew, explain')]),
      thread(
        [
          finding('f'.repeat(16), 'Addressed before'),
          c(BOT, 'Addressed in abc1234.\n\n<!-- pitcrew:reply addressed 9 -->'),
        ],
        // GraphQL may name the bot with or without [bot]: both are pitcrew.
        { isResolved: true, resolvedBy: 'github-actions[bot]' },
      ),
      thread([
        finding('1'.repeat(16), 'Reopened'),
        c(BOT, 'Addressed in abc1234.\n\n<!-- pitcrew:reply addressed 9 -->'),
      ]),
      // Not pitcrew's: a person's thread, a forged marker by another bot, no marker at all.
      thread([c(ALICE, 'Why this?'), c(BOT, 'noise')]),
      thread([c(OTHER_BOT, `**major: Forged**\n${fingerprintMarker('2'.repeat(16))}`)]),
      thread([c(BOT, 'pitcrew text without a marker')]),
      // A reply by another bot dismisses too (anyone other than pitcrew).
      thread([finding('3'.repeat(16), 'Bot answered'), c(OTHER_BOT, 'ok')]),
      // Resolved by a deleted account.
      thread([finding('4'.repeat(16), 'Ghost')], { isResolved: true, resolvedBy: null }),
    ]
    const conv = classifyThreads(threads, isPitcrew)
    expect(conv.others).toBe(3)
    expect(conv.ours.map((t) => [t.title, t.status, t.dismissedBy ?? null])).toEqual([
      ['Open one', 'open', null],
      ['Resolved by alice', 'dismissed', { login: 'alice', how: 'resolved' }],
      ['Answered', 'dismissed', { login: 'alice', how: 'replied' }],
      ['Asked', 'open', null],
      ['Mentioned', 'open', null],
      ['Addressed before', 'resolved', null],
      ['Reopened', 'reopened', null],
      ['Bot answered', 'dismissed', { login: 'dependabot', how: 'replied' }],
      ['Ghost', 'dismissed', { login: 'ghost', how: 'resolved' }],
    ])
    expect(conv.ours.length + conv.others).toBe(threads.length)
    expect([...dismissedFingerprints(conv)].sort()).toEqual(
      ['b', 'c', '3', '4'].map((x) => x.repeat(16)).sort(),
    )
  })

  it('commands: /pitcrew at the start or an @pitcrew mention; not an e-mail or a path', () => {
    expect(isCommand('/pitcrew remember x')).toBe(true)
    expect(isCommand('  /PITCREW why')).toBe(true)
    expect(isCommand('thanks @pitcrew')).toBe(true)
    expect(isCommand('see docs/pitcrew and a@pitcrew.dev')).toBe(false)
    expect(isCommand('/pitcrewish')).toBe(false)
    expect(isCommand('not now')).toBe(false)
    expect(titleOf('🛑 **critical: SQL injection in `q`**\n\nbody')).toBe('SQL injection in `q`')
  })
})

describe('addressedThreads', () => {
  const conv = classifyThreads(
    [
      thread([finding('a'.repeat(16), 'Outdated, not raised')], { isOutdated: true }),
      thread([finding('b'.repeat(16), 'Outdated, raised again')], { isOutdated: true }),
      thread([finding('c'.repeat(16), 'Lines unchanged')]),
      thread([finding('d'.repeat(16), 'File not reviewed')], {
        isOutdated: true,
        path: 'src/other.ts',
      }),
      thread([finding('e'.repeat(16), 'File left the PR')], {
        isOutdated: true,
        path: 'src/gone.ts',
      }),
      thread([finding('f'.repeat(16), 'Dismissed'), c(ALICE, 'no')], { isOutdated: true }),
      thread([c(ALICE, 'a person'), c(BOT, fingerprintMarker('9'.repeat(16)))], {
        isOutdated: true,
      }),
    ],
    isPitcrew,
  )
  const o = {
    complete: true,
    raised: new Set(['b'.repeat(16)]),
    reviewed: new Set(['src/a.ts']),
    inPull: (p: string) => p !== 'src/gone.ts',
  }
  it('outdated, not raised again, in a file reviewed now (or gone from the PR); pitcrew threads only', () => {
    expect(addressedThreads(conv, o).map((t) => t.title)).toEqual([
      'Outdated, not raised',
      'File left the PR',
    ])
  })
  it('not addressed while the same title is raised in that file (its code changed, the finding did not)', () => {
    const raisedTitles = new Set([titleKey('src/a.ts', 'OUTDATED, not raised!')])
    expect(addressedThreads(conv, { ...o, raisedTitles }).map((t) => t.title)).toEqual([
      'File left the PR',
    ])
    const elsewhere = new Set([titleKey('src/b.ts', 'Outdated, not raised')])
    expect(addressedThreads(conv, { ...o, raisedTitles: elsewhere }).map((t) => t.title)).toEqual([
      'Outdated, not raised',
      'File left the PR',
    ])
  })
  it('nothing when the review did not complete', () => {
    expect(addressedThreads(conv, { ...o, complete: false })).toEqual([])
  })
})

describe('the summary says what the conversation decided', () => {
  const base = {
    verdict: 'v',
    placed: [],
    repeated: 0,
    belowMinSeverity: 0,
    range: { base: 'a'.repeat(40), head: 'b'.repeat(40), kind: 'full' as const },
    reviewed: [],
    skipped: [],
    coverage: null,
    usage: emptyUsage(),
    calls: 1,
    notes: [],
    state: { v: 1 as const, headSha: 'b'.repeat(40), fingerprints: [] },
  }
  it('lists dismissed findings with who dismissed them, and the addressed threads', () => {
    const text = renderSummary({
      ...base,
      submitted: 2,
      dismissed: 2,
      conversation: {
        dismissed: [
          { title: 'Overflow', path: 'src/a.ts', by: 'alice', how: 'resolved' },
          { title: 'Naming', path: 'src/b.ts', by: 'bob', how: 'replied' },
        ],
        addressed: [{ title: 'Leak', path: 'src/c.ts' }],
        head: 'c'.repeat(40),
      },
    })
    expect(text).toContain(
      '(2 findings submitted: 2 dismissed earlier on this PR (not posted again))',
    )
    expect(text).toContain('Resolved 1 thread addressed in `ccccccc`:\n- Leak — `src/c.ts`')
    expect(text).toContain('<summary>Dismissed on this PR, not posted again (2)</summary>')
    expect(text).toContain('- Overflow — `src/a.ts` — dismissed by @alice (resolved the thread)')
    expect(text).toContain('- Naming — `src/b.ts` — dismissed by @bob (replied)')
  })
  it('says when the conversation could not be read', () => {
    const text = renderSummary({
      ...base,
      conversation: { error: '502 Bad Gateway', dismissed: [], addressed: [], head: 'b' },
    })
    expect(text).toContain(
      '> Reviewed without the conversation: the review threads could not be read (502 Bad Gateway).',
    )
  })
})
