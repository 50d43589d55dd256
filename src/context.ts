import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'

/** What the runner tells a JavaScript action about the run, read from the environment once. */
export interface RunContext {
  eventName: string
  /** The webhook payload from GITHUB_EVENT_PATH ({} when absent). */
  payload: Record<string, unknown>
  owner: string
  repo: string
  workspace: string
  sha: string
  ref: string
  runId: string
  /** GITHUB_RUN_ATTEMPT: 1 on the first run, 2+ on a re-run (absent outside Actions). */
  runAttempt?: string
  actor: string
  apiUrl: string
  graphqlUrl: string
  serverUrl: string
  runnerTemp: string
  outputPath?: string
  summaryPath?: string
}

/** Reads the run context from an environment (process.env in the action, a fixture in tests). */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner = '', repo = ''] = repository.split('/')
  let payload: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
    } catch (err) {
      throw new Error(
        `Cannot read the event payload at GITHUB_EVENT_PATH '${env.GITHUB_EVENT_PATH}': ${(err as Error).message}. Expected a JSON file written by the runner.`,
      )
    }
  }
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '')
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    owner,
    repo,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? '0',
    ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
    actor: env.GITHUB_ACTOR ?? '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    graphqlUrl: (env.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql').replace(/\/$/, ''),
    serverUrl,
    runnerTemp: env.RUNNER_TEMP ?? tmpdir(),
    outputPath: env.GITHUB_OUTPUT || undefined,
    summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
  }
}

/**
 * The link to this workflow run (the attempt's page on a re-run), for comments and PR bodies;
 * undefined outside Actions (no run id or repository).
 */
export function runUrl(
  ctx: Pick<RunContext, 'serverUrl' | 'owner' | 'repo' | 'runId' | 'runAttempt'>,
): string | undefined {
  if (!ctx.runId || ctx.runId === '0' || !ctx.owner || !ctx.repo) return undefined
  const base = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`
  return ctx.runAttempt && /^\d+$/.test(ctx.runAttempt)
    ? `${base}/attempts/${ctx.runAttempt}`
    : base
}
