/**
 * Node built-ins loaded on first use instead of at start. On Node 20, `node:crypto` costs about
 * 8 ms to load and `node:worker_threads` 2 ms, and no run needs either before its first model
 * request (cold start): hashes and ids come after the model answers, the regex worker only when
 * the model searches.
 */
import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

let cryptoModule: typeof import('node:crypto') | undefined
let workerModule: typeof import('node:worker_threads') | undefined

export function nodeCrypto(): typeof import('node:crypto') {
  return (cryptoModule ??= load('node:crypto') as typeof import('node:crypto'))
}

export function workerThreads(): typeof import('node:worker_threads') {
  return (workerModule ??= load('node:worker_threads') as typeof import('node:worker_threads'))
}
