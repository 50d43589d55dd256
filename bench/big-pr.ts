import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  addPull,
  busyTime,
  OWNER,
  REPO,
  npmPr,
  reviewEnv,
  root,
  spawnBundle,
  spread,
  startServers,
  type NpmPr,
  type Servers,
} from './lib/review-setup.js'
import { parseOutputFile } from '../test/harness/run-action.js'

/**
 * A big pull request end to end: `files` changed source files of npm packages (~10 MB of diff
 * for 3,000), reviewed by spawning `node dist/index.js` as the runner does, against the GitHub
 * emulator and the fake Messages API, with the shipped settings. Per run: the time outside the
 * model (the spawned process's wall time minus the time the fake Messages API held a request of
 * it: from a request's arrival to its answer's end, overlaps counted once; target under 20 s),
 * where that time went (the emulator busy answering, the action's git and GitHub time as it
 * counts them, the action's own CPU and its git children's CPU), peak RSS of the action's
 * process, GitHub REST calls (target: at most files/100 + 15), model calls, and whether every
 * changed file is accounted for (reviewed + skipped = files).
 */
export async function benchBigPr(runs = 3, files = 3000): Promise<Record<string, unknown>> {
  const setupStart = performance.now()
  const pr = await npmPr({ files })
  const servers = await startServers(pr.repo)
  const setupMs = performance.now() - setupStart
  const samples: Sample[] = []
  try {
    for (let i = 0; i < runs; i++) samples.push(await once(servers, pr, i + 1))
  } finally {
    await servers.close()
    await pr.repo.cleanup()
  }
  const last = samples[samples.length - 1]!
  return {
    name: 'big-pull-request-end-to-end',
    files,
    headBytes: pr.bytes,
    diffBytes: pr.diffBytes,
    runs,
    setupMs: Math.round(setupMs),
    emulatorPrepareMs: samples.map((s) => Math.round(s.prepareMs)),
    definition:
      'outsideModelMs = wall time of `node dist/index.js` (spawn to exit) minus the time the fake Messages API held its requests (arrival to answer sent, overlaps once)',
    outsideModelMs: spread(samples.map((s) => s.outsideModelMs)),
    wallMs: spread(samples.map((s) => s.wallMs)),
    modelHeldMs: spread(samples.map((s) => s.modelHeldMs)),
    breakdown: {
      emulatorBusyMs: spread(samples.map((s) => s.emulatorBusyMs)),
      actionGithubBusyMs: spread(samples.map((s) => s.actionGithubBusyMs)),
      actionGitBusyMs: spread(samples.map((s) => s.actionGitBusyMs)),
      actionCpuMs: spread(samples.map((s) => s.actionCpuMs)),
      gitChildrenCpuMs: spread(samples.map((s) => s.gitChildrenCpuMs)),
    },
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    peakRssMb: spread(samples.map((s) => s.peakRssMb)),
    restCalls: spread(samples.map((s) => s.restCalls)),
    restCallsByRoute: last.byRoute,
    phasesMsLastRun: last.phases,
    graphqlCalls: last.graphqlCalls,
    modelCalls: last.modelCalls,
    outcome: last.outcome,
    exitCode: last.exitCode,
    source: last.source,
    reviewed: last.reviewed,
    skipped: last.skipped,
    skippedReasons: last.skippedReasons,
    accountedFor: last.reviewed + last.skipped,
    targets: { outsideModelMs: 20_000, peakRssMb: 300, restCalls: Math.floor(files / 100) + 15 },
  }
}

interface Sample {
  prepareMs: number
  phases: Record<string, number>
  wallMs: number
  modelHeldMs: number
  outsideModelMs: number
  emulatorBusyMs: number
  actionGithubBusyMs: number
  actionGitBusyMs: number
  actionCpuMs: number
  gitChildrenCpuMs: number
  peakRssMb: number
  restCalls: number
  graphqlCalls: number
  byRoute: Record<string, number>
  modelCalls: number
  outcome: string
  exitCode: number
  source: string
  reviewed: number
  skipped: number
  skippedReasons: Record<string, number>
}

async function once(servers: Servers, pr: NpmPr, number: number): Promise<Sample> {
  addPull(servers, number, pr.baseSha, pr.headSha)
  // GitHub has a PR's diff ready when it is opened; the emulator computes it now, outside the
  // measured time (reported as prepareMs).
  const prepareStart = performance.now()
  await servers.emu.preparePull(OWNER, REPO, number)
  const prepareMs = performance.now() - prepareStart
  const env = reviewEnv({
    servers,
    repo: pr.repo,
    number,
    baseSha: pr.baseSha,
    headSha: pr.headSha,
  })
  const modelBefore = servers.model.requests.length
  servers.model.onRequest(() => ({
    toolUses: [{ name: 'submit_review', input: { summary: 'Looked at this part.', findings: [] } }],
  }))
  const ghBefore = servers.emu.requests.length
  const prev = process.env.PITCREW_BENCH_NODE_ARGS
  process.env.PITCREW_BENCH_NODE_ARGS = `${prev ?? ''} --require ${join(root, 'bench', 'lib', 'peak-rss.cjs')}`
  const start = performance.now()
  const child = spawnBundle(process.execPath, env, pr.repo.work)
  if (prev === undefined) delete process.env.PITCREW_BENCH_NODE_ARGS
  else process.env.PITCREW_BENCH_NODE_ARGS = prev
  let stdout = ''
  let stderr = ''
  // When each phase (a log group) began, in ms since the spawn: where the time goes.
  const phases: Record<string, number> = {}
  child.stdout.on('data', (d: Buffer) => {
    const at = Math.round(performance.now() - start)
    for (const m of d.toString().matchAll(/^::group::(.*)$/gm)) phases[m[1]!.trim()] ??= at
    stdout += d.toString()
  })
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exitCode = await new Promise<number>((r) => child.on('close', (code) => r(code ?? 1)))
  const wallMs = performance.now() - start
  const rss = /pitcrew-bench peak-rss-kb (\d+)/.exec(stderr)
  const cpu = /pitcrew-bench cpu-ms (\d+) children-cpu-ms (-?\d+)/.exec(stderr)
  const timing = /::debug::pitcrew timing at the end: (\{.*\})/.exec(stdout)
  const busy = timing ? (JSON.parse(timing[1]!) as Record<string, number>) : {}
  const held = servers.model.requests
    .slice(modelBefore)
    .map((r): [number, number] => [r.arrivedAt ?? 0, r.answeredAt ?? r.arrivedAt ?? 0])
  const modelHeldMs = busyTime(held)
  const outputs = parseOutputFile(readFileSync(env.GITHUB_OUTPUT!, 'utf8'))
  if (!outputs.result) throw new Error(`no result output:\n${stdout.slice(-3000)}\n${stderr}`)
  const result = JSON.parse(outputs.result) as {
    source: string
    coverage: { filesTotal: number }
    skippedFiles: { path: string; reason: string }[]
  }
  const reviewedMatch = /Files reviewed \((\d+)\)/.exec(
    readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8'),
  )
  const gh = servers.emu.requests.slice(ghBefore)
  const emulatorBusyMs = busyTime(
    gh.map((r): [number, number] => [r.arrivedAt, r.answeredAt ?? r.arrivedAt]),
  )
  const rest = gh.filter((r) => r.path !== '/graphql')
  const byRoute: Record<string, number> = {}
  for (const r of rest) {
    const key = `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, '/{n}')}`
    byRoute[key] = (byRoute[key] ?? 0) + 1
  }
  const reasons: Record<string, number> = {}
  for (const s of result.skippedFiles) {
    const key = s.reason.replace(/\d[\d.,$]*/g, 'N')
    reasons[key] = (reasons[key] ?? 0) + 1
  }
  const firstModel = servers.model.requests[modelBefore]?.arrivedAt
  phases['first model request'] = firstModel === undefined ? -1 : Math.round(firstModel - start)
  phases.exit = Math.round(wallMs)
  return {
    prepareMs,
    phases,
    wallMs,
    modelHeldMs,
    outsideModelMs: wallMs - modelHeldMs,
    emulatorBusyMs,
    actionGithubBusyMs: busy.githubBusyMs ?? -1,
    actionGitBusyMs: busy.gitBusyMs ?? -1,
    actionCpuMs: cpu ? Number(cpu[1]) : -1,
    gitChildrenCpuMs: cpu ? Number(cpu[2]) : -1,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : -1,
    restCalls: rest.length,
    graphqlCalls: gh.length - rest.length,
    byRoute,
    modelCalls: servers.model.requests.length - modelBefore,
    outcome: outputs.outcome ?? '',
    exitCode,
    source: result.source,
    reviewed: reviewedMatch ? Number(reviewedMatch[1]) : 0,
    skipped: result.skippedFiles.length,
    skippedReasons: reasons,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [runs = '3', files = '3000'] = process.argv.slice(2)
  console.log(JSON.stringify(await benchBigPr(Number(runs), Number(files)), null, 2))
}
