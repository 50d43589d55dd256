import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  addPull,
  bundlePath,
  busyTime,
  editSource,
  nodeBinaries,
  npmSourceFiles,
  prRepo,
  readText,
  repoPath,
  reviewEnv,
  root,
  spawnBundle,
  spread,
  startCollector,
  startServers,
  type Servers,
} from './lib/review-setup.js'
import type { TestRepo } from '../test/harness/git.js'

/**
 * Cold start: from spawning `node dist/index.js` for a `pull_request` review (as the runner
 * does, against the loopback GitHub emulator and fake Messages API, shipped settings) to the
 * first `POST /v1/messages` the fake model server receives. The pull request changes real
 * source files of an npm package. Reports the median of `runs` (after one warm-up run that is
 * not counted) with its spread, the GitHub time before the model request (wall time with a
 * request in flight, from the emulator's timestamps, and the request count) and the git time
 * (from the timing line the action logs in debug). On Node 20 (this process's node), on Node 24
 * when installed, and with OTEL_EXPORTER_OTLP_ENDPOINT set to a loopback collector. Also the
 * bundle's size and the bytes of it loaded before the first model request (one more run, not
 * timed, with a loader hook that logs each file the process loads).
 */
export async function benchColdStart(runs = 7): Promise<Record<string, unknown>> {
  const files = npmSourceFiles({ minBytes: 2_000, maxBytes: 40_000 })
    .filter((p) => p.startsWith('yaml/dist/compose/'))
    .slice(0, 8)
  if (files.length < 4) throw new Error('node_modules/yaml/dist/compose is missing: npm ci first')
  const base: Record<string, string> = {}
  const head: Record<string, string> = {}
  files.forEach((p, i) => {
    const text = readText(join(root, 'node_modules', p))
    base[repoPath(p)] = text
    head[repoPath(p)] = editSource(text, i + 1)
  })
  const { repo, baseSha, headSha } = await prRepo(base, head)
  const servers = await startServers(repo)
  const collector = await startCollector()
  let number = 1
  const out: Record<string, unknown> = {
    name: 'cold-start-to-first-model-request',
    unit: 'ms',
    target: 300,
    runs,
    warmup: 1,
    pr: {
      files: files.length,
      bytes: Object.values(head).reduce((s, t) => s + t.length, 0),
      from: 'node_modules/yaml/dist/compose',
    },
    bundle: bundleSize(),
  }
  try {
    for (const node of nodeBinaries()) {
      for (const otel of [false, true]) {
        const env = otel ? { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } : undefined
        await once({ servers, repo, baseSha, headSha, number: number++, node: node.path, env })
        const loaded = otel
          ? undefined
          : await bytesLoaded({
              servers,
              repo,
              baseSha,
              headSha,
              number: number++,
              node: node.path,
            })
        const samples: Sample[] = []
        for (let i = 0; i < runs; i++) {
          samples.push(
            await once({ servers, repo, baseSha, headSha, number: number++, node: node.path, env }),
          )
        }
        // What Node alone costs on this machine now: the floor under the number above.
        const bare: number[] = []
        for (let i = 0; i < (otel ? 0 : runs); i++) bare.push(await nodeAlone(node.path))
        const steps: Record<string, number> = {}
        for (const name of Object.keys(samples[0]?.marks ?? {})) {
          const at = samples.map((s) => s.marks[name]).filter((v): v is number => v !== undefined)
          steps[name] = spread(at).median!
        }
        out[otel ? `${node.label}-otel` : node.label] = {
          toFirstModelRequest: spread(samples.map((s) => s.total)),
          ...(bare.length ? { nodeStartupAlone: spread(bare) } : {}),
          // When the run reached each step (ms since the process started, median): where the
          // time before the first model request goes.
          stepsAt: steps,
          // Built-ins that cost start time, loaded before the first model request (none expected).
          heavyBuiltins: [...new Set(samples.flatMap((s) => s.heavyBuiltins))],
          ...(loaded ? { loadedBeforeFirstModelRequest: loaded } : {}),
          // At the emulator: wall time with a request being answered (server side only).
          githubBusy: spread(samples.map((s) => s.githubBusy)),
          githubRequests: spread(samples.map((s) => s.githubRequests)),
          firstGithubRequestAt: spread(samples.map((s) => s.firstGithub)),
          // From the action's own timing line: wall time with a git process or a GitHub
          // request (as the client sees it, retries and parsing included) in flight.
          ...(samples.every((s) => s.git !== null && s.githubClient !== null)
            ? {
                gitBusy: spread(samples.map((s) => s.git!)),
                githubBusyInAction: spread(samples.map((s) => s.githubClient!)),
              }
            : { gitBusy: 'not logged by this build' }),
        }
      }
    }
  } finally {
    await servers.close()
    await collector.close()
    await repo.cleanup()
  }
  return out
}

/** dist/index.js (parsed by every run) and all the bundle's chunks, in bytes. */
function bundleSize(): Record<string, number> {
  const index = bundlePath()
  const chunks = readdirSync(dirname(index)).filter((f) => f.endsWith('.js'))
  return {
    indexJsBytes: statSync(index).size,
    chunks: chunks.length - 1,
    allJsBytes: chunks.reduce((sum, f) => sum + statSync(join(dirname(index), f)).size, 0),
  }
}

/** One untimed run that logs the bundle files loaded until the first model request. */
async function bytesLoaded(o: Omit<Parameters<typeof once>[0], 'env'>) {
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-chunks-'))
  const log = join(dir, 'loaded.txt')
  try {
    const hook = pathToFileURL(join(root, 'bench', 'lib', 'chunk-log.mjs')).href
    await once({ ...o, env: { PITCREW_CHUNK_LOG: log }, nodeArgs: ['--import', hook] })
    const bundleDir = dirname(bundlePath())
    const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))]
      .map((u) => fileURLToPath(u))
      .filter((f) => dirname(f) === bundleDir)
    return {
      files: files.map((f) => f.slice(bundleDir.length + 1)),
      bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Spawn to exit of `node -e ''`: Node's own start-up and exit on this machine, in an environment
 * like the runs' (this process's may hold NODE_EXTRA_CA_CERTS, which alone costs Node 20 ~60 ms).
 */
async function nodeAlone(node: string): Promise<number> {
  const start = performance.now()
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
  const child = spawn(node, ['-e', ''], { stdio: 'ignore', env })
  await new Promise<void>((r) => child.on('exit', () => r()))
  return performance.now() - start
}

interface Sample {
  total: number
  githubBusy: number
  githubRequests: number
  firstGithub: number
  git: number | null
  githubClient: number | null
  marks: Record<string, number>
  heavyBuiltins: string[]
}

async function once(o: {
  servers: Servers
  repo: TestRepo
  baseSha: string
  headSha: string
  number: number
  node: string
  env?: Record<string, string>
  nodeArgs?: string[]
}): Promise<Sample> {
  const { servers } = o
  addPull(servers, o.number, o.baseSha, o.headSha)
  const env = reviewEnv({ ...o, env: o.env })
  let modelAt = 0
  let resolveModel: () => void = () => undefined
  const modelSeen = new Promise<void>((r) => (resolveModel = r))
  servers.model.onRequest(() => {
    if (!modelAt) modelAt = performance.now()
    resolveModel()
    return { toolUses: [{ name: 'submit_review', input: { summary: 'ok', findings: [] } }] }
  })
  const ghBefore = servers.emu.requests.length
  const start = performance.now()
  const child = spawnBundle(o.node, env, o.repo.work, o.nodeArgs)
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.resume()
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  await Promise.race([modelSeen, exited])
  // The timing line is printed just before the request is sent: give the pipe a moment.
  await Promise.race([new Promise((r) => setTimeout(r, 200)), exited])
  child.kill('SIGKILL')
  await exited
  if (!modelAt)
    throw new Error(`the bundle exited before calling the model:\n${stdout.slice(-3000)}`)
  const gh = servers.emu.requests
    .slice(ghBefore)
    .filter((r) => r.arrivedAt >= start && r.arrivedAt <= modelAt)
  const timing = /::debug::pitcrew timing: (\{.*\})/.exec(stdout)
  const logged = timing
    ? (JSON.parse(timing[1]!) as {
        gitBusyMs?: number
        githubBusyMs?: number
        marks?: Record<string, number>
        heavyBuiltins?: string[]
      })
    : {}
  return {
    total: modelAt - start,
    githubBusy: busyTime(gh.map((r) => [r.arrivedAt, r.answeredAt ?? r.arrivedAt])),
    githubRequests: gh.length,
    firstGithub: gh.length ? Math.min(...gh.map((r) => r.arrivedAt)) - start : 0,
    git: logged.gitBusyMs ?? null,
    githubClient: logged.githubBusyMs ?? null,
    marks: logged.marks ?? {},
    heavyBuiltins: logged.heavyBuiltins ?? [],
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchColdStart(Number(process.argv[2] ?? 7)), null, 2))
}
