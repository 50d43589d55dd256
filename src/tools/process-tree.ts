/**
 * Ending a program and everything it started when we only know a tag in its environment.
 * simple-git owns the child process (its pid is not ours to see) and stops it with SIGINT, which
 * git does not pass on: a push's local receive-pack, its hooks or an https transport would live
 * on and hold the output pipes open. Every descendant inherits the environment, so a variable
 * set for one git call names exactly the processes that call started.
 */
import { readdirSync, readFileSync } from 'node:fs'

/**
 * SIGKILLs every process of ours whose environment holds `name=value` and returns how many it
 * signalled. Linux only (it reads /proc); elsewhere it does nothing and returns 0.
 */
export function killTagged(name: string, value: string): number {
  const needle = Buffer.from(`${name}=${value}\0`)
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p))
  } catch {
    return 0
  }
  let killed = 0
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue
    let environ: Buffer
    try {
      environ = readFileSync(`/proc/${pid}/environ`)
    } catch {
      continue // gone already, or another user's
    }
    if (!environ.includes(needle)) continue
    try {
      process.kill(Number(pid), 'SIGKILL')
      killed++
    } catch {
      // exited between the read and the kill
    }
  }
  return killed
}
