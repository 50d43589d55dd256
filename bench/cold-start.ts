import { createServer, type Server } from 'node:http'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Cold start: from spawning `node dist/index.js` on a pull_request event to the first HTTP
 * request any API server receives (the GitHub API call that starts the review). Median of runs.
 */
export async function benchColdStart(runs = 7): Promise<Record<string, unknown>> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await once())
  samples.sort((a, b) => a - b)
  return {
    name: 'cold-start-to-first-request',
    unit: 'ms',
    runs,
    median: samples[Math.floor(samples.length / 2)],
    min: samples[0],
    max: samples[samples.length - 1],
    target: 300,
  }
}

async function once(): Promise<number> {
  let firstRequestAt = 0
  const server: Server = createServer((req, res) => {
    if (!firstRequestAt) firstRequestAt = performance.now()
    res.writeHead(503, { 'content-type': 'application/json' })
    res.end('{"message":"bench stops here"}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-bench-'))
  const ws = join(dir, 'ws')
  mkdirSync(ws)
  const event = join(dir, 'event.json')
  writeFileSync(
    event,
    JSON.stringify({
      action: 'opened',
      number: 1,
      pull_request: {
        number: 1,
        draft: false,
        head: { ref: 'f', sha: 'a'.repeat(40), repo: { full_name: 'o/r' } },
        base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'o/r' } },
        user: { login: 'octocat', type: 'User' },
      },
      repository: { full_name: 'o/r', name: 'r', owner: { login: 'o' } },
      sender: { login: 'octocat', type: 'User' },
    }),
  )
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_WORKSPACE: ws,
    GITHUB_API_URL: `http://127.0.0.1:${port}`,
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
    RUNNER_TEMP: join(dir, 'tmp'),
    INPUT_MODE: 'review',
    'INPUT_ANTHROPIC-API-KEY': 'sk-ant-bench-0000000000',
    'INPUT_GITHUB-TOKEN': 'ghs_bench000000000000000000000000000000',
    'INPUT_MAX-TURNS': '30',
  }
  const start = performance.now()
  const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], { env, stdio: 'ignore' })
  await new Promise<void>((r) => {
    const poll = setInterval(() => {
      if (firstRequestAt) {
        clearInterval(poll)
        r()
      }
    }, 2)
    child.on('exit', () => {
      clearInterval(poll)
      r()
    })
  })
  child.kill('SIGKILL')
  server.close()
  if (!firstRequestAt) throw new Error('the bundle exited before making any API request')
  return Math.round(firstRequestAt - start)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchColdStart(), null, 2))
}
