import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAgentClient, type AgentClient } from '../../src/agent/client.js'
import type { RollbackConfig, Settings } from '../../src/config/types.js'
import type { RunContext } from '../../src/context.js'
import { createOctokit } from '../../src/github/octokit.js'
import { memoryLog } from '../../src/log.js'
import { Redactor } from '../../src/safety/redact.js'
import type { TaskDeps } from '../../src/task.js'
import type { Route } from '../../src/config/router.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'

export const OWNER = 'acme'
export const REPO = 'shop'

/** TaskDeps for rollback mode against the loopback GitHub emulator (and fake Anthropic). */
export function rollbackDeps(opts: {
  githubUrl: string
  rollback: RollbackConfig
  route?: Partial<Route>
  env?: NodeJS.ProcessEnv
  dryRun?: boolean
  anthropicUrl?: string
  workspace?: string
  timeoutMinutes?: number
  /** The run's cost ceiling of the model client (default 2). */
  maxCostUsd?: number
}): TaskDeps & { log: ReturnType<typeof memoryLog> } {
  const log = memoryLog()
  const redactor = new Redactor(['test-token'])
  const runnerTemp = mkdtempSync(join(tmpdir(), 'pitcrew-rb-'))
  const settings: Settings = {
    inputs: {
      mode: 'rollback',
      model: 'claude-sonnet-4-6',
      smallModel: 'claude-haiku-4-5',
      maxTurns: 30,
      maxCostUsd: 2,
      timeoutMinutes: opts.timeoutMinutes ?? 20,
      configFile: '.github/pitcrew.yml',
      dryRun: opts.dryRun ?? false,
      allowedBots: [],
      githubToken: 'test-token',
      ...(opts.anthropicUrl
        ? { anthropicApiKey: 'sk-ant-test-key-123', anthropicBaseUrl: opts.anthropicUrl }
        : {}),
    },
    config: { rollback: opts.rollback } as Settings['config'],
  }
  const ctx: RunContext = {
    eventName: 'workflow_dispatch',
    payload: {},
    owner: OWNER,
    repo: REPO,
    workspace: opts.workspace ?? runnerTemp,
    sha: '',
    ref: 'refs/heads/main',
    runId: '777',
    actor: 'octocat',
    apiUrl: opts.githubUrl,
    graphqlUrl: `${opts.githubUrl}/graphql`,
    serverUrl: 'https://github.com',
    runnerTemp,
  }
  const transcriptPath = join(runnerTemp, 'transcript.jsonl')
  let client: AgentClient | undefined
  return {
    settings,
    ctx,
    route: { mode: 'rollback', reason: 'test', ...opts.route },
    log,
    redactor,
    octokit: createOctokit({
      token: 'test-token',
      apiUrl: opts.githubUrl,
      log,
      retries: 0,
      minRetryDelayMs: 1,
      writeSpacingMs: 0,
    }),
    agentClient: () => {
      if (!opts.anthropicUrl) throw new Error('No Anthropic API key configured')
      client ??= createAgentClient({
        apiKey: 'sk-ant-test-key-123',
        baseUrl: opts.anthropicUrl,
        log,
        redactor,
        transcriptPath,
        run: { maxCostUsd: opts.maxCostUsd ?? 2, deadline: Date.now() + 60_000 },
        retry: { maxRetries: 0, baseDelayMs: 1 },
      })
      return client
    },
    transcriptPath,
    // The emulator is not GitHub: the wait before a look-up after a lost answer is a few ms.
    env: { PATH: process.env.PATH, PITCREW_GITHUB_RETRY_UNIT_MS: '2', ...opts.env },
  }
}

/** Successful deployments of `shas`, oldest first, in one environment; returns their ids. */
export function addDeployments(
  gh: GitHubEmulator,
  shas: string[],
  environment = 'production',
  owner = OWNER,
  repo = REPO,
): number[] {
  return shas.map((sha) =>
    gh.addDeployment({ owner, repo, sha, environment, statuses: ['success'] }),
  )
}
