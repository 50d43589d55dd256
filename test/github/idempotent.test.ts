import { describe, expect, it } from 'vitest'
import { isUnknownOutcome, writeOnce } from '../../src/github/idempotent.js'
import { memoryLog } from '../../src/log.js'

const log = memoryLog()
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status })
const sleep = () => Promise.resolve()

describe('writeOnce', () => {
  it('classifies unknown outcomes: 5xx, 408 and no answer, but not refusals', () => {
    expect(isUnknownOutcome(httpError(502))).toBe(true)
    expect(isUnknownOutcome(httpError(408))).toBe(true)
    expect(isUnknownOutcome(new Error('socket hang up'))).toBe(true)
    expect(isUnknownOutcome(httpError(422))).toBe(false)
    expect(isUnknownOutcome(httpError(429))).toBe(false)
    expect(isUnknownOutcome(httpError(403))).toBe(false)
  })

  it('does not send again when the look-up finds the write whose answer was lost', async () => {
    const store: string[] = []
    let sends = 0
    const res = await writeOnce({
      what: 'a comment',
      log,
      sleep,
      create: async () => {
        sends++
        store.push('c1')
        throw httpError(502) // applied, answer lost
      },
      find: async () => store[0],
    })
    expect(res).toEqual({ value: 'c1', confirmedBy: 'found', sends: 1 })
    expect(sends).toBe(1)
    expect(store).toHaveLength(1)
  })

  it('sends again only when the write is not there, and throws refusals at once', async () => {
    let sends = 0
    const res = await writeOnce({
      what: 'a comment',
      log,
      sleep,
      create: async () => {
        sends++
        if (sends === 1) throw new Error('ECONNRESET')
        return 'c2'
      },
      find: async () => undefined,
    })
    expect(res).toEqual({ value: 'c2', confirmedBy: 'response', sends: 2 })
    await expect(
      writeOnce({
        what: 'x',
        log,
        sleep,
        create: async () => {
          throw httpError(422)
        },
        find: async () => {
          throw new Error('must not look up after a refusal')
        },
      }),
    ).rejects.toMatchObject({ status: 422 })
  })

  it('gives up after the attempts with the last error when nothing was written', async () => {
    let sends = 0
    await expect(
      writeOnce({
        what: 'x',
        log,
        sleep,
        attempts: 3,
        create: async () => {
          sends++
          throw httpError(503)
        },
        find: async () => undefined,
      }),
    ).rejects.toMatchObject({ status: 503 })
    expect(sends).toBe(3)
  })
})
