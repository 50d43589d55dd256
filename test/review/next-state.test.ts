import { describe, expect, it } from 'vitest'
import { NOT_REVIEWED, nextState } from '../../src/review/outcome.js'
import { encodeState, parseState, type PlacedFinding } from '../../src/review/summary.js'

const placed = [
  {
    fp: 'fp1',
    placement: 'inline',
    line: 2,
    finding: { path: 'a.ts', line: 2, severity: 'major', title: 'bug', body: 'b' },
  },
] as unknown as PlacedFinding[]
const base = { placed, completed: true, headSha: 'new', baseSha: 'b' }

describe('nextState records only what GitHub confirmed', () => {
  it('a confirmed review records the head and its fingerprints', () => {
    const s = nextState({ ...base, prev: null, posted: true, failed: false })
    expect(s.headSha).toBe('new')
    expect(s.fingerprints).toEqual(['fp1'])
  })

  it('a review that failed for good on a first run records no head and no fingerprint', () => {
    const s = nextState({ ...base, prev: null, posted: false, failed: true })
    expect(s.headSha).toBe(NOT_REVIEWED)
    expect(s.fingerprints).toEqual([])
    expect(s.findings).toEqual([])
  })

  it('a failed review after an earlier one keeps the earlier head', () => {
    const prev = {
      v: 1 as const,
      headSha: 'old',
      baseSha: 'b',
      fingerprints: ['fp0'],
      findings: [],
    }
    const s = nextState({ ...base, prev, posted: false, failed: true })
    expect(s.headSha).toBe('old')
    expect(s.fingerprints).toEqual(['fp0'])
  })
})

describe('threads answered but not resolved', () => {
  const prev = {
    v: 1 as const,
    headSha: 'abcdef1',
    baseSha: 'b',
    fingerprints: ['fp0'],
    findings: [],
    unresolved: ['abcdef0123456789'],
  }
  it('are kept when this run did not try to settle threads, replaced when it did', () => {
    const kept = nextState({ ...base, prev, posted: false, failed: true })
    expect(kept.unresolved).toEqual(['abcdef0123456789'])
    const done = nextState({ ...base, prev, posted: true, failed: false, unresolved: [] })
    expect(done.unresolved).toBeUndefined()
  })

  it('survive the summary comment (encode, parse)', () => {
    const body = `x\n${encodeState(prev)}`
    expect(parseState(body)?.unresolved).toEqual(['abcdef0123456789'])
    expect(parseState(`x\n${encodeState({ ...prev, unresolved: ['not a fp'] })}`)?.unresolved).toBe(
      undefined,
    )
  })
})
