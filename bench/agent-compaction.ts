/**
 * Benchmark: compaction that pays. A scripted 60-call fix loop over real code whose tool outputs
 * push the context past 150k tokens (test/agent/long-loop.ts), billed three ways against the fake
 * API's cache accounting: `plain` (no caching, no compaction), `cachingOnly`, and `shipped`
 * (caching and compaction as the client ships them). Billed input-token equivalents = input +
 * 1.25 x cache writes + 0.1 x cache reads. Targets: shipped <= 25% of plain and below caching
 * alone, and the compacted loop still finishes the task (it needs, at the last call, the failing
 * test and the diff line it saw 30 calls earlier). Token counts are deterministic: one run each.
 */
import { pathToFileURL } from 'node:url'
import { CALLS, measureLongLoop, type LongLoopMeasure } from '../test/agent/long-loop.js'

export async function benchLongFixLoop(): Promise<Record<string, unknown>> {
  const plain = await measureLongLoop({ caching: false, compaction: false })
  const cachingOnly = await measureLongLoop({ caching: true, compaction: false })
  const shipped = await measureLongLoop({})
  const ratio = (m: LongLoopMeasure) =>
    Number((m.billedInputEquivalents / plain.billedInputEquivalents).toFixed(4))
  return {
    name: 'agent-compaction',
    calls: CALLS,
    plain: brief(plain),
    cachingOnly: brief(cachingOnly),
    shipped: brief(shipped),
    cachingOnlyRatio: ratio(cachingOnly),
    shippedRatio: ratio(shipped),
    target: 0.25,
    pass:
      ratio(shipped) <= 0.25 &&
      shipped.billedInputEquivalents < cachingOnly.billedInputEquivalents &&
      shipped.finalStatus === 'fixed',
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchLongFixLoop(), null, 2))
}

function brief(m: LongLoopMeasure): Omit<LongLoopMeasure, 'lastMessages'> {
  const { lastMessages: _last, ...rest } = m
  return rest
}
