import { describe, expect, it } from 'vitest'
import type { AgentResult } from '../../src/agent/types.js'
import { emptyUsage } from '../../src/agent/types.js'
import type { Coverage, PackedPart, SkippedFile } from '../../src/review/pack.js'
import {
  coverageGaps,
  gapLines,
  incompleteMessage,
  skippedResult,
  verdictOf,
} from '../../src/review/outcome.js'
import { memoryLog } from '../../src/log.js'
import type { TaskDeps } from '../../src/task.js'

const part = (index: number, files: string[]): PackedPart => ({
  index,
  text: '',
  tokens: 100,
  files,
  changedLines: 10,
})
const done: AgentResult<unknown> = {
  stopReason: 'final_tool',
  usage: emptyUsage(),
  toolStats: {},
}
const full = (lines: number, files = 1): Coverage => ({
  filesTotal: files,
  filesReviewable: files,
  filesShown: files,
  changedLinesTotal: lines,
  changedLinesReviewable: lines,
  changedLinesShown: lines,
})
const skip = (path: string, reason: string, capacity: boolean): SkippedFile => ({
  path,
  reason,
  changedLines: 5,
  capacity,
})

describe('coverage gaps (what makes a review incomplete)', () => {
  it('a complete review has no gap; ignored, generated and binary files are skipped, not gaps', () => {
    const gaps = coverageGaps({
      kind: 'full',
      parts: [part(0, ['src/a.ts'])],
      results: [done],
      skipped: [
        skip('package-lock.json', 'lock file', false),
        skip('logo.png', 'binary', false),
        skip('dist/x.js', 'ignored by review.ignore', false),
      ],
      coverage: full(10),
    })
    expect(gaps).toEqual([])
  })

  it('a file that did not fit is a gap naming the file, even with zero calls', () => {
    const c = { ...full(100, 2), filesShown: 1, changedLinesShown: 43 }
    const gaps = coverageGaps({
      kind: 'full',
      parts: [],
      results: [],
      skipped: [skip('src/huge.ts', 'too large for one call', true)],
      coverage: c,
    })
    expect(gaps).toEqual([
      { kind: 'capacity', reason: 'too large for one call', files: ['src/huge.ts'] },
    ])
    const lines = gapLines(gaps, c)
    expect(lines[0]).toBe(
      'Covered: 1/2 reviewable files, 43/100 changed lines (43%) shown to the model.',
    )
    expect(lines[1]).toBe('- Not reviewed: `src/huge.ts` (too large for one call)')
    expect(
      verdictOf({
        kind: 'full',
        placed: [],
        reviewCompleted: false,
        parts: 0,
        reviewFiles: 2,
        noModel: false,
        earlier: 0,
        gap: gaps[0]!.reason,
      }),
    ).toBe('Review incomplete: too large for one call; no findings so far.')
  })

  it('lines not shown without a named file are still a gap', () => {
    const gaps = coverageGaps({
      kind: 'full',
      parts: [part(0, ['a.ts'])],
      results: [done],
      skipped: [],
      coverage: { ...full(10), changedLinesShown: 7 },
    })
    expect(gaps).toEqual([
      {
        kind: 'capacity',
        reason: '3 of 10 reviewable changed lines were not shown to the model',
        files: [],
      },
    ])
  })

  it('calls stopped the same way are one gap listing their files; a failed write is a gap', () => {
    const turns: AgentResult<unknown> = {
      stopReason: 'max_turns',
      usage: emptyUsage(),
      toolStats: {},
    }
    const gaps = coverageGaps({
      kind: 'full',
      parts: [part(0, ['a.ts']), part(1, ['b.ts']), part(2, ['c.ts'])],
      results: [turns, done, turns],
      skipped: [],
      coverage: full(30, 3),
      githubFailure: 'Could not post the review: HTTP 500',
    })
    expect(gaps).toEqual([
      {
        kind: 'budget',
        reason: 'turn budget used before submit_review',
        files: ['a.ts', 'c.ts'],
      },
      { kind: 'github', reason: 'Could not post the review: HTTP 500', files: [] },
    ])
    expect(incompleteMessage(gaps)).toMatch(
      /^Review incomplete: a\.ts, c\.ts: turn budget used before submit_review; Could not post the review: HTTP 500\. .*review\.fail-on-incomplete: false/,
    )
  })

  it('a dry run stand-in (aborted calls) is not a gap; an unchanged head has none', () => {
    const aborted: AgentResult<unknown> = {
      stopReason: 'aborted',
      usage: emptyUsage(),
      toolStats: {},
    }
    const base = { parts: [part(0, ['a.ts'])], results: [aborted], skipped: [], coverage: full(5) }
    expect(coverageGaps({ ...base, kind: 'full', ignoreAborted: true })).toEqual([])
    expect(coverageGaps({ ...base, kind: 'unchanged' })).toEqual([])
  })
})

describe('a review-mode run that does nothing', () => {
  it('a conversation command with nothing to act on: skipped, the reason as notice, result and summary', async () => {
    const { runConversation } = await import('../../src/review/commands.js')
    const log = memoryLog()
    const r = await runConversation({ log, route: {} } as unknown as TaskDeps)
    expect(r).toEqual({
      mode: 'review',
      outcome: 'skipped',
      result: { reason: 'No conversation command in this event.' },
      usage: emptyUsage(),
      stopReason: 'none',
      summary: '### pitcrew: nothing to do\n\nNo conversation command in this event.\n',
    })
    expect(log.lines.join('\n')).toContain('No conversation command in this event.')
  })

  it('a review with no pull request: the same shape under its own heading', () => {
    expect(skippedResult('No PR.', '### pitcrew review skipped', { prNumber: 3 })).toMatchObject({
      outcome: 'skipped',
      result: { reason: 'No PR.', prNumber: 3 },
      summary: '### pitcrew review skipped\n\nNo PR.\n',
    })
  })
})
