/**
 * One `git cat-file --batch` process kept open for the objects a run reads by sha: the config
 * file at the base commit, the files that steer a review, the head versions of changed files.
 * Starting a process costs the main thread 10-15 ms on the runners we measured (fork of a large
 * process), three of them before a review's first model request; one process answers all three.
 *
 * Only names that start with a full commit sha go here (`<sha>:<path>`, `<sha>^{commit}`): what
 * they name never changes, so a process started before a fetch or a commit cannot answer with a
 * stale ref. Idle, the process does not keep Node alive, and it ends after `IDLE_MS` without a
 * read. A process that fails (git missing, killed) fails the reads it had; the caller then reads
 * with a process of its own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { Socket } from 'node:net'

/** An object read: its type and its bytes; null when git says it is missing or ambiguous. */
export type BatchObject = { type: string; content: Buffer } | null

/** A name this process may answer: a full sha (SHA-1 or SHA-256), then a path or a peel. */
export const STABLE_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})(?::|\^\{commit\}$)/

/** An idle process ends after this long (a review reads three times within a second). */
const IDLE_MS = 10_000

interface Pending {
  resolve(o: BatchObject): void
  reject(err: Error): void
}

class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly pending: Pending[] = []
  private chunks: Buffer[] = []
  private buffered = 0
  /** The object whose header was read, waiting for its bytes. */
  private current: { type: string; size: number } | null = null
  private failed: Error | null = null
  private idle: NodeJS.Timeout | undefined

  constructor(
    cwd: string,
    env: NodeJS.ProcessEnv,
    private readonly onEnd: () => void,
  ) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, env, stdio: 'pipe' })
    this.child.stdout.on('data', (d: Buffer) => this.take(d))
    this.child.stderr.resume()
    this.child.on('error', (err) => this.fail(err))
    this.child.stdin.on('error', (err) => this.fail(err))
    this.child.on('close', (code, signal) =>
      this.fail(new Error(`git cat-file --batch ended (${signal ?? `exit code ${code}`})`)),
    )
    this.hold(false)
  }

  /** The objects `names` name, in order. Rejects when the process fails before answering. */
  read(names: string[]): Promise<BatchObject[]> {
    if (this.failed) return Promise.reject(this.failed)
    clearTimeout(this.idle)
    this.hold(true)
    const answers = names.map(
      () => new Promise<BatchObject>((resolve, reject) => this.pending.push({ resolve, reject })),
    )
    this.child.stdin.write(names.map((n) => `${n}\n`).join(''))
    return Promise.all(answers)
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** Not failed, and not closing after an idle time. */
  get alive(): boolean {
    return this.failed === null && !this.child.stdin.writableEnded
  }

  private take(data: Buffer): void {
    this.chunks.push(data)
    this.buffered += data.length
    for (;;) {
      if (!this.current) {
        const all = this.joined()
        const nl = all.indexOf(10)
        if (nl < 0) return
        const header = all.subarray(0, nl).toString('utf8')
        this.keep(all.subarray(nl + 1))
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header)
        if (!m) {
          this.answer(null) // "<name> missing" or "<name> ambiguous"
          continue
        }
        this.current = { type: m[1]!, size: Number(m[2]) }
      }
      // The object's bytes and the newline after them.
      if (this.buffered < this.current.size + 1) return
      const all = this.joined()
      const content = Buffer.from(all.subarray(0, this.current.size))
      this.keep(all.subarray(this.current.size + 1))
      const type = this.current.type
      this.current = null
      this.answer({ type, content })
    }
  }

  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)]
    return this.chunks[0] ?? Buffer.alloc(0)
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length ? [rest] : []
    this.buffered = rest.length
  }

  private answer(o: BatchObject): void {
    this.pending.shift()?.resolve(o)
    if (this.pending.length === 0) {
      this.hold(false)
      this.idle = setTimeout(() => this.child.stdin.end(), IDLE_MS)
      this.idle.unref()
    }
  }

  private fail(err: Error): void {
    if (this.failed) return
    this.failed = err
    clearTimeout(this.idle)
    for (const p of this.pending.splice(0)) p.reject(err)
    this.onEnd()
  }

  /** While reads are pending the process and its pipes keep Node running; idle, they do not. */
  private hold(busy: boolean): void {
    const handles = [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as Socket[]
    if (busy) {
      this.child.ref()
      for (const h of handles) h.ref?.()
    } else {
      this.child.unref()
      for (const h of handles) h.unref?.()
    }
  }
}

const batches = new Map<string, CatFileBatch>()

/**
 * Reads `names` (each matching `STABLE_NAME`) through the open process for this workspace and
 * environment, starting one when there is none.
 */
export function readStableObjects(
  cwd: string,
  env: NodeJS.ProcessEnv,
  names: string[],
): Promise<BatchObject[]> {
  const key = `${cwd}\0${JSON.stringify(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1)))}`
  let batch = batches.get(key)
  if (!batch?.alive) {
    const made: CatFileBatch = new CatFileBatch(cwd, env, () => {
      if (batches.get(key) === made) batches.delete(key)
    })
    batch = made
    batches.set(key, made)
  }
  return batch.read(names)
}

/** The processes open now (their pids): for tests. */
export function openBatchPids(): number[] {
  return [...batches.values()].flatMap((b) => (b.alive && b.pid ? [b.pid] : []))
}
