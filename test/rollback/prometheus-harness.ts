import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The prometheus binary on PATH, or null: a developer without it sees the real-Prometheus tests
 * skipped with a message; under CI (which installs it) a missing binary fails instead, so a broken
 * install can never pass as skipped tests.
 */
export function prometheusBinary(): string | null {
  const r = spawnSync('bash', ['-c', 'command -v prometheus'], { encoding: 'utf8' })
  const found = r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null
  if (!found && process.env.CI) {
    throw new Error(
      'prometheus is not on PATH under CI: scripts/test-all.sh should have installed it.',
    )
  }
  return found
}

export const PROMETHEUS_MISSING =
  'prometheus is not installed (Debian package `prometheus`; .ci/run installs it): skipping the real-Prometheus tests.'

/** A loopback exporter serving the text exposition format; the test sets its gauges over time. */
export interface Exporter {
  url: string
  set(name: string, value: number): void
  remove(name: string): void
  scrapes: number
}

export interface PrometheusHarness {
  url: string
  exporter: Exporter
  /** Polls an instant query until it returns `value` (Prometheus has scraped it). */
  waitForValue(query: string, value: number, timeoutMs?: number): Promise<void>
  /** Instant query value (NaN when empty). */
  query(query: string): Promise<number>
  stop(): Promise<void>
  running(): boolean
}

async function freePort(): Promise<number> {
  const srv = createNetServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const { port } = srv.address() as AddressInfo
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Number.POSITIVE_INFINITY) return '+Inf'
  if (v === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(v)
}

async function startExporter(): Promise<Exporter & { server: Server }> {
  const gauges = new Map<string, number>()
  const state = { scrapes: 0 }
  const server = createHttpServer((req, res) => {
    state.scrapes++
    const body = [...gauges].map(([k, v]) => `# TYPE ${k} gauge\n${k} ${formatValue(v)}\n`).join('')
    res.setHeader('content-type', 'text/plain; version=0.0.4')
    res.end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    set: (n, v) => void gauges.set(n, v),
    remove: (n) => void gauges.delete(n),
    get scrapes() {
      return state.scrapes
    },
  }
}

/**
 * Starts a real Prometheus on a free 127.0.0.1 port with a temporary storage dir, scraping a
 * loopback exporter every second, and waits until it is ready and has scraped once.
 */
export async function startPrometheus(
  initial: Record<string, number> = {},
): Promise<PrometheusHarness> {
  const bin = prometheusBinary()
  if (!bin) throw new Error(PROMETHEUS_MISSING)
  const exporter = await startExporter()
  for (const [k, v] of Object.entries(initial)) exporter.set(k, v)
  const dir = mkdtempSync(join(tmpdir(), 'pitcrew-prom-'))
  const port = await freePort()
  const exporterHost = new URL(exporter.url).host
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 900ms',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: app',
      '    static_configs:',
      `      - targets: ['${exporterHost}']`,
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
  let exited = false
  child.on('exit', () => (exited = true))
  const url = `http://127.0.0.1:${port}`

  const query = async (q: string): Promise<number> => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}`)
    const body = (await res.json()) as { data?: { result?: { value: [number, string] }[] } }
    const v = body.data?.result?.[0]?.value?.[1]
    return v === undefined ? Number.NaN : Number(v)
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM')
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL')
          resolve()
        }, 5000)
        child.once('exit', () => {
          clearTimeout(t)
          resolve()
        })
        if (exited) resolve()
      })
    }
  }
  const h: PrometheusHarness = {
    url,
    exporter,
    query,
    running: () => !exited,
    async waitForValue(q, value, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      let last = Number.NaN
      while (Date.now() < deadline) {
        last = await query(q).catch(() => Number.NaN)
        if (last === value || (Number.isNaN(value) && Number.isNaN(last))) return
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(
        `Prometheus did not return ${value} for '${q}' within ${timeoutMs} ms (last ${last})`,
      )
    },
    async stop() {
      await stop()
      await new Promise<void>((r) => {
        exporter.server.closeAllConnections()
        exporter.server.close(() => r())
      })
      rmSync(dir, { recursive: true, force: true })
    },
  }
  // Ready, then at least one scrape in the TSDB.
  const deadline = Date.now() + 20_000
  for (;;) {
    if (exited) throw new Error(`prometheus exited during startup: ${stderr}`)
    const ok = await fetch(`${url}/-/ready`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) break
    if (Date.now() > deadline) {
      await h.stop()
      throw new Error(`prometheus not ready after 20 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  const first = Object.entries(initial)[0]
  if (first) await h.waitForValue(first[0], first[1])
  return h
}
