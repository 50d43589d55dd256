// Loaded with `node --import` by bench/cold-start.ts: appends the URL of every file module the
// process loads to $PITCREW_CHUNK_LOG, so the bench can add up the bundle bytes parsed before
// the first model request. The hooks run on Node's loader thread; the file is the channel.
import { register } from 'node:module'

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  if (url.startsWith('file:') && process.env.PITCREW_CHUNK_LOG) appendFileSync(process.env.PITCREW_CHUNK_LOG, url + '\\n')
  return next(url, context)
}`)}`,
)
