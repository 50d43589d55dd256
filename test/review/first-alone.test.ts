import { describe, expect, it } from 'vitest'
import { mapLimitFirstAlone } from '../../src/review/concurrency.js'

/** A promise with its resolver. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('mapLimitFirstAlone', () => {
  it('starts nothing else until the first item is ready, then runs at most `limit` at once', async () => {
    const events: string[] = []
    let inFlight = 0
    let most = 0
    const firstMayFinish = deferred()
    const firstMayBeReady = deferred()
    const out = mapLimitFirstAlone([0, 1, 2, 3, 4], 3, async (n, i, ready) => {
      inFlight++
      most = Math.max(most, inFlight)
      events.push(`start ${i}`)
      if (i === 0) {
        await firstMayBeReady.promise
        events.push('ready 0')
        ready()
        await firstMayFinish.promise
      } else {
        await new Promise((r) => setImmediate(r))
        if (i === 2) firstMayFinish.resolve()
      }
      inFlight--
      return n * 10
    })
    // Whatever was going to start has had its chance.
    for (let k = 0; k < 5; k++) await new Promise((r) => setImmediate(r))
    expect(events).toEqual(['start 0'])
    firstMayBeReady.resolve()
    expect(await out).toEqual([0, 10, 20, 30, 40])
    expect(events.slice(0, 4)).toEqual(['start 0', 'ready 0', 'start 1', 'start 2'])
    expect(most).toBe(3)
  })

  it('a first item that fails without calling ready still lets the others run', async () => {
    const seen: number[] = []
    const out = await mapLimitFirstAlone([0, 1, 2], 2, async (n) => {
      seen.push(n)
      if (n === 0) return null
      return n
    })
    expect(out).toEqual([null, 1, 2])
    expect(seen).toEqual([0, 1, 2])
  })

  it('an error thrown by an item is thrown once every item is done', async () => {
    const done: number[] = []
    await expect(
      mapLimitFirstAlone([0, 1, 2], 3, async (n) => {
        if (n === 0) throw new Error('first failed')
        done.push(n)
        return n
      }),
    ).rejects.toThrow('first failed')
    expect(done.sort()).toEqual([1, 2])
  })
})
