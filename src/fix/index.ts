/**
 * Fix mode: reproduce the failing tests, let the model fix the code under guards enforced in code,
 * verify the fix by re-running the tests, and only then deliver it: a branch and a draft PR into
 * the failing branch, or a patch comment when pushing is not possible.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { emptyUsage, type AgentResult, type StopReason, type Usage } from '../agent/types.js'
import { ConfigError } from '../config/types.js'
import { upsertStickyComment } from '../github/comments.js'
import { errorMessage } from '../github/errors.js'
import { createOrUpdatePull, getPull, listPullsByHeadPrefix } from '../github/pulls.js'
import { loadPrompt } from '../prompts.js'
import { resolveInWorkspace } from '../safety/jail.js'
import type { TaskDeps, TaskResult } from '../task.js'
import { editFileTool } from '../tools/edit.js'
import { Git } from '../tools/git.js'
import { workspaceTools } from '../tools/workspace.js'
import { WorkspaceChanges } from './changes.js'
import { attachExcerpts, buildFailureContext } from './context.js'
import { changedLines, editGuard, guardConfig, type DiffEntry } from './guards.js'
import { framesInLine } from './parsers/index.js'
import type { ParseSummary, TestFailure } from './parsers/types.js'
import * as report from './report.js'
import {
  cannotStart,
  cannotStartError,
  createTestRunner,
  withRestore,
  type RunTests,
  type TestRun,
} from './runner.js'
import {
  finishTool,
  gitDiffTool,
  guardTestConfig,
  runTestsTool,
  type FinishInput,
  type FixState,
} from './tools.js'

export interface FixExtras {
  /** Replaces the real test runner (benchmarks, unit tests of the orchestration). */
  runTests?: RunTests
  /**
   * A fix of the local checkout (the `pitcrew fix` CLI): no GitHub at all. A verified fix stays
   * in the working tree, or with `commit` is committed on a new local branch (never pushed).
   */
  local?: { commit: boolean }
}

function skipped(deps: TaskDeps, reason: string, result: Record<string, unknown> = {}): TaskResult {
  deps.log.notice(`pitcrew fix: ${reason}`)
  return {
    mode: 'fix',
    outcome: 'skipped',
    result: { reason, ...result },
    usage: emptyUsage(),
    stopReason: 'none',
    summary: `## pitcrew fix: skipped\n\n${reason}`,
  }
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '')
}

/** The reproduction found a non-zero exit but no parsable test: the whole command is the failure. */
function commandFailure(run: TestRun, workspace: string): TestFailure {
  const tail = run.output.slice(-4000)
  const frames = tail
    .split('\n')
    .flatMap((l) => framesInLine(l, workspace))
    .slice(0, 8)
  return {
    id: '(test command)',
    name: 'test command',
    message: run.timedOut
      ? 'the test command timed out'
      : `the test command exited with code ${run.exitCode}`,
    details: tail,
    frames,
    runner: 'junit',
  }
}

export async function runFix(deps: TaskDeps, extras: FixExtras = {}): Promise<TaskResult> {
  const { settings, ctx, route, log, redactor } = deps
  const octokit = extras.local ? null : deps.octokit
  const fix = settings.config.fix
  const dryRun = settings.inputs.dryRun
  const command = settings.inputs.testCommand ?? fix.testCommand
  if (!command) {
    throw new ConfigError(
      `Missing test command ''. Expected the input 'test-command' or 'fix.test-command' in ${settings.inputs.configFile}, e.g. 'npm test'.`,
    )
  }
  const workspace = ctx.workspace
  const git = new Git(workspace, { authToken: settings.inputs.githubToken, redactor })
  const owner = ctx.owner
  const repo = ctx.repo

  // ---- target: which branch and commit failed
  log.startGroup('pitcrew fix: target and loop guards')
  let headRef = route.headRef
  let headSha = route.headSha
  let isFork = route.isFork ?? false
  const prNumber = route.prNumber
  if (prNumber && octokit && (!headRef || !headSha || route.isFork === undefined)) {
    const pr = await getPull(octokit, { owner, repo, pullNumber: prNumber })
    headRef ??= pr.headRef
    headSha ??= pr.headSha
    if (route.isFork === undefined)
      isFork = pr.headRepoFullName !== null && pr.headRepoFullName !== `${owner}/${repo}`
  }
  headRef ??=
    (await git.currentBranch()) ??
    (ctx.ref.startsWith('refs/heads/') ? shortRef(ctx.ref) : undefined)
  headSha ??= ctx.sha || (await git.revParse('HEAD'))
  // The run id names the failing run, so every rerun of one failure reaches the same branch and
  // PR: on `workflow_run` it is the failed run's id from the payload (not this run's
  // GITHUB_RUN_ID, which is new each time the failure is reported or re-run); for a step in the
  // failing job itself (`if: failure()`), workflow_dispatch, push or a `/pitcrew fix` comment it
  // is GITHUB_RUN_ID, which GitHub keeps across re-runs of the run's jobs. Both name the same
  // number for one failing run, whichever way pitcrew was started.
  const runId = String(route.workflowRunId ?? ctx.runId)
  const branch = `${fix.branchPrefix}${runId}`
  log.info(
    `Failing branch '${headRef ?? '(detached)'}' at ${headSha.slice(0, 7)}; fix branch '${branch}'.`,
  )

  // ---- loop guards: never fix our own work
  if (headRef?.startsWith(fix.branchPrefix)) {
    log.endGroup()
    return skipped(
      deps,
      `branch '${headRef}' starts with the fix branch prefix '${fix.branchPrefix}': pitcrew does not fix its own fix-up branches`,
    )
  }
  const fetched = await ensureCommit(git, headSha, headRef, prNumber)
  if (!fetched) {
    log.endGroup()
    throw new Error(
      `Cannot find commit '${headSha}' in the workspace or on origin. Expected the failing commit to be fetchable (actions/checkout with fetch-depth: 0, or the run's head sha).`,
    )
  }
  const author = (await git.run(['log', '-1', '--format=%an%x00%ae', headSha])).stdout
    .trim()
    .split('\0')
  if (author[0] === fix.commitName || (author[1] && author[1] === fix.commitEmail)) {
    log.endGroup()
    return skipped(
      deps,
      `the head commit ${headSha.slice(0, 7)} was authored by pitcrew (${author[0]} <${author[1]}>): not fixing its own commit`,
    )
  }
  if (prNumber && octokit && headRef) {
    const attempts = (
      await listPullsByHeadPrefix(octokit, { owner, repo, prefix: fix.branchPrefix, base: headRef })
    ).filter((p) => p.headRef !== branch)
    log.info(
      `${attempts.length} earlier fix-up PR(s) into '${headRef}' (limit ${fix.maxAttemptsPerPr}).`,
    )
    if (attempts.length >= fix.maxAttemptsPerPr) {
      log.endGroup()
      return skipped(
        deps,
        `PR #${prNumber} already has ${attempts.length} fix-up PRs (${attempts.map((p) => `#${p.number}`).join(', ')}); max-attempts-per-pr is ${fix.maxAttemptsPerPr}`,
        { attempts: attempts.map((p) => p.number) },
      )
    }
  }
  if (!extras.local) {
    // The tests of the same job (`if: failure()`) may have rewritten tracked files: the fix starts
    // from the failing commit as committed, and those writes are kept in a stash, not delivered.
    const dirty = (
      await git.run(['status', '--porcelain', '--untracked-files=no'], { allowFail: true })
    ).stdout.trim()
    if (dirty) {
      const files = dirty.split('\n').map((l) => l.slice(3))
      await git.run(['stash', 'push', '--quiet', '-m', `pitcrew fix ${runId}: workspace changes`])
      log.info(
        `The workspace had uncommitted changes to tracked files (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); stashed them to start from the failing commit.`,
      )
    }
  }
  const current = await git.revParse('HEAD')
  if (current !== headSha) {
    log.info(
      `Checking out the failing commit ${headSha.slice(0, 7)} (workspace is at ${current.slice(0, 7)}).`,
    )
    await git.run(['checkout', '--quiet', '--detach', headSha])
  }
  log.endGroup()

  // ---- reproduce
  log.startGroup('pitcrew fix: reproduce')
  const changes = new WorkspaceChanges(git, headSha)
  const runTests = withRestore(
    extras.runTests ??
      createTestRunner({
        workspace,
        logDir: join(ctx.runnerTemp, `pitcrew-fix-${runId}`),
        reports: fix.reports,
        timeoutMs: fix.testTimeoutMinutes * 60_000,
        redactor,
      }),
    changes,
    (paths, label) =>
      log.info(
        `The test run (${label}) wrote tracked files; restored them: ${paths.slice(0, 10).join(', ')}${paths.length > 10 ? ', …' : ''}.`,
      ),
  )
  const repro = await runTests(command, 'reproduce')
  let failures = repro.summary.failures
  log.info(
    `Reproduction: \`${command}\` exited ${repro.timedOut ? 'on timeout' : repro.exitCode}; ${failures.length} failing test(s) parsed from ${repro.source} (${repro.summary.runner}).`,
  )
  const notStarted = cannotStart(repro)
  if (notStarted) {
    log.endGroup()
    throw new Error(cannotStartError(command, notStarted))
  }
  if (failures.length === 0) {
    if (repro.exitCode === 0 && !repro.timedOut) {
      log.endGroup()
      return skipped(
        deps,
        `the tests pass on reproduction (\`${command}\` exited 0 at ${headSha.slice(0, 7)}): nothing to fix`,
        {
          reproduction: { command, exitCode: 0, counts: repro.summary.counts },
        },
      )
    }
    failures = [commandFailure(repro, workspace)]
  }
  const baseline: ParseSummary = { ...repro.summary, failures }
  const readWs = async (rel: string) => {
    const j = resolveInWorkspace(workspace, rel)
    if (!j.ok) return null
    const s = await stat(j.abs).catch(() => null)
    if (!s || !s.isFile() || s.size > 2_000_000) return null
    return readFile(j.abs, 'utf8')
  }
  await attachExcerpts(failures, { readFile: readWs })
  const context = redactor.redact(buildFailureContext(baseline))
  log.info(`Failure context: ${context.length} characters for ${failures.length} failure(s).`)
  log.endGroup()

  // ---- the fix loop
  log.startGroup('pitcrew fix: agent loop')
  const guard = guardConfig(fix, failures, command)
  const state: FixState = { tried: [] }
  const tools = [
    ...workspaceTools(),
    guardTestConfig(
      editFileTool({
        guard: editGuard(guard),
        onEdit: (rel) => {
          changes.edited.add(rel)
          if (state.tried.at(-1) !== `edited ${rel}`) state.tried.push(`edited ${rel}`)
        },
      }),
      { changes, guard },
    ),
    runTestsTool({ command, runTests, known: failures, state }),
    gitDiffTool(changes),
    finishTool({ changes, guard, command, targets: failures, baseline, runTests, state }),
  ]
  const client = deps.agentClient()
  const prompt = [
    `The test command \`${command}\` fails on branch \`${headRef ?? '(detached)'}\` at commit ${headSha.slice(0, 7)}.`,
    `Test edits are ${fix.allowTestEdits ? 'allowed' : 'not allowed'}; protected paths: ${fix.protectedPaths.join(', ') || '(none)'}; at most ${fix.maxChangedLines} changed lines.`,
    '## Failures',
    context,
  ].join('\n\n')
  let result: AgentResult<FinishInput>
  try {
    result = await client.run<FinishInput>({
      model: settings.inputs.model,
      system: loadPrompt('fix'),
      prompt,
      tools,
      budgets: {
        maxTurns: settings.inputs.maxTurns,
        maxCostUsd: settings.inputs.maxCostUsd,
        timeoutMs: settings.inputs.timeoutMinutes * 60_000,
      },
      workspace,
      label: 'fix',
    })
  } catch (err) {
    // the model is unreachable: report what we know, leave nothing behind
    await changes.revert(await changes.entries().catch(() => [])).catch(() => undefined)
    log.endGroup()
    throw err
  }
  const usage = client.usage()
  log.info(`Agent loop ended: ${result.stopReason}${result.detail ? ` (${result.detail})` : ''}.`)
  log.endGroup()

  const final = result.final?.input
  const verified =
    final?.status === 'fixed' && state.verification?.ok === true && state.entries !== undefined
  if (!verified) {
    return notFixed(deps, {
      git,
      changes,
      failures,
      final,
      state,
      usage,
      stopReason: result.stopReason,
      detail: result.detail,
      prNumber,
      runId,
      dryRun,
    })
  }

  // ---- deliver
  log.startGroup('pitcrew fix: deliver')
  const entries = state.entries!
  const diff = await changes.diff()
  const diffStat = await changes.stat()
  const facts: report.PrBodyFacts = {
    failingBefore: failures,
    headRef: headRef ?? headSha.slice(0, 7),
    headSha,
    rootCause: final!.root_cause,
    summary: final!.summary,
    diffStat,
    verification: state.verification!,
    usage,
    stopReason: result.stopReason,
    runUrl: ctx.runId ? `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}` : undefined,
    prNumber,
  }
  const base = {
    runId,
    branch,
    failingBefore: failures.map((f) => f.id),
    rootCause: final!.root_cause,
    changedLines: changedLines(entries),
    files: entries.map((e) => e.path),
    verification: state.verification,
  }
  const body = redactor.redact(report.prBody(facts))
  const diffBlock = `\`\`\`diff\n${redactor.redact(diff).slice(0, 30_000)}\n\`\`\``
  /** Every way the delivery ends: the group closed, the verified facts in the result. */
  const agentStop = result.stopReason
  const done = (fields: Record<string, unknown>, summary: string, failure?: string): TaskResult => {
    log.endGroup()
    return {
      mode: 'fix',
      // a verified fix that reached nobody is not a fix
      outcome: fields.delivery === 'failed' ? 'not-fixed' : 'fixed',
      result: { ...base, ...fields },
      usage,
      stopReason: agentStop,
      summary,
      ...(failure ? { failure } : {}),
    }
  }

  if (dryRun) {
    log.info('Dry run: no commit, push, pull request or comment.')
    return done(
      { delivery: 'dry-run', diff: redactor.redact(diff) },
      `## pitcrew fix (dry run): verified fix, not delivered\n\nWould push \`${branch}\` and open a PR into \`${facts.headRef}\`.\n\n${body}\n\n${diffBlock}`,
    )
  }

  if (extras.local && !extras.local.commit) {
    return done(
      { delivery: 'working-tree', diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix, left in the working tree\n\n${body}`,
    )
  }

  // commit on the fix branch, from the failing sha
  const paths = [...new Set(entries.flatMap((e) => (e.oldPath ? [e.oldPath, e.path] : [e.path])))]
  await git.run(['checkout', '--quiet', '-B', branch])
  await git.run(['add', '-A', '--', ...paths])
  await git.run([
    '-c',
    `user.name=${fix.commitName}`,
    '-c',
    `user.email=${fix.commitEmail}`,
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    `fix: ${oneLine(final!.root_cause, 60)}`,
    '-m',
    `${final!.summary}\n\nFailing tests fixed:\n${failures
      .slice(0, 20)
      .map((f) => `- ${f.id}`)
      .join('\n')}\n\nVerified by pitcrew (run ${runId}).`,
  ])
  const commitSha = await git.revParse('HEAD')
  if (extras.local) {
    log.info(`Committed ${commitSha.slice(0, 7)} on the local branch '${branch}' (not pushed).`)
    return done(
      { delivery: 'local-commit', commit: commitSha, diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix committed on local branch \`${branch}\`\n\n${body}`,
    )
  }

  const commentPatch = async (why: string): Promise<TaskResult> => {
    const text = redactor.redact(
      report.patchComment({
        runId,
        failingBefore: failures,
        rootCause: final!.root_cause,
        summary: final!.summary,
        diff,
        verification: state.verification!,
        usage,
        stopReason: result.stopReason,
        why,
      }),
    )
    const posted = prNumber ? await postRunComment(deps, prNumber, runId, text) : {}
    if (posted.url) log.info(`Commented the verified patch on #${prNumber}.`)
    return done(
      {
        delivery: posted.url ? 'patch-comment' : 'summary',
        commentUrl: posted.url,
        reason: why,
        ...(posted.error ? { error: posted.error } : {}),
      },
      `## pitcrew fix: verified fix, patch ${posted.url ? 'commented' : 'below'} (${why})\n\n${text}`,
      posted.error && `The verified patch is in the job summary only: pitcrew ${posted.error}`,
    )
  }

  if (!headRef)
    return commentPatch(
      'the failing branch is unknown (a detached HEAD and no branch in the event)',
    )
  if (isFork) return commentPatch('the pull request comes from a fork; pitcrew cannot push to it')
  if (!octokit)
    throw new Error(
      `Cannot open a pull request without a GitHub token. Expected the input 'github-token'.`,
    )

  const existed =
    (
      await git.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], { allowFail: true })
    ).stdout.trim() !== ''
  const push = await git.run(
    ['push', '--force', '--quiet', 'origin', `HEAD:refs/heads/${branch}`],
    { allowFail: true },
  )
  if (push.code !== 0) {
    log.warning(`Push refused: ${push.stderr.trim().split('\n')[0]}`)
    return commentPatch('the push was refused (no push rights?)')
  }
  log.info(`Pushed ${commitSha.slice(0, 7)} to '${branch}'${existed ? ' (updated)' : ''}.`)
  let pr: { number: number; url: string; created: boolean; labelError?: string }
  try {
    pr = await createOrUpdatePull(octokit, {
      owner,
      repo,
      head: branch,
      base: headRef,
      title: report.prTitle(facts.headRef, failures),
      body,
      draft: fix.draft,
      labels: ['pitcrew'],
    })
  } catch (err) {
    // no orphan branch: a branch this run created goes away with its failed PR
    let kept = ''
    if (!existed) {
      const del = await git.run(['push', '--quiet', 'origin', '--delete', branch], {
        allowFail: true,
      })
      if (del.code === 0)
        log.warning(`Deleted '${branch}' again: the pull request could not be opened.`)
      else kept = ` The branch '${branch}' could not be deleted again: delete it by hand.`
    }
    const failure = `Could not open the fix-up pull request for '${branch}': ${errorMessage(err)}.${kept}`
    return done(
      { delivery: 'failed', error: failure, diff: redactor.redact(diff) },
      `## pitcrew fix: verified fix, not delivered\n\n${failure}\n\n${body}\n\n${diffBlock}`,
      failure,
    )
  }
  log.info(`${pr.created ? 'Opened' : 'Updated'} #${pr.number}: ${pr.url}`)
  if (pr.labelError) log.warning(`Could not label #${pr.number} 'pitcrew': ${pr.labelError}`)
  const link = prNumber
    ? await postRunComment(deps, prNumber, runId, report.linkComment(runId, pr, failures))
    : {}
  return done(
    {
      delivery: 'pull-request',
      commit: commitSha,
      pr: { number: pr.number, url: pr.url, created: pr.created },
      commentUrl: link.url,
    },
    `## pitcrew fix: ${pr.created ? 'opened' : 'updated'} [#${pr.number}](${pr.url})\n\n${body}`,
    link.error && `Opened #${pr.number} (${pr.url}), but pitcrew ${link.error}`,
  )
}

/**
 * Posts (or edits) this run's comment on the failing PR. A comment that still fails after the
 * client's retries does not throw: the caller reports it with the step failed and keeps what was
 * already delivered (a PR with its branch is not half-written state; losing its link would be).
 */
async function postRunComment(
  deps: TaskDeps,
  issueNumber: number,
  runId: string,
  body: string,
): Promise<{ url?: string; error?: string }> {
  if (!deps.octokit) return {}
  try {
    const c = await upsertStickyComment(deps.octokit, {
      owner: deps.ctx.owner,
      repo: deps.ctx.repo,
      issueNumber,
      marker: report.runMarker(runId),
      body,
    })
    return { url: c.url }
  } catch (err) {
    const error = `could not comment on #${issueNumber}: ${errorMessage(err)}`
    deps.log.warning(`pitcrew fix: ${error}`)
    return { error }
  }
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? t.slice(0, max - 1) + '…' : t
}

/**
 * The failing commit is present locally, or fetched from origin: by sha (GitHub serves any
 * commit), else the branch or the PR's head ref that holds it (servers that only serve refs). A
 * comment or workflow_run checkout is usually at the default branch, not at the failing commit.
 */
async function ensureCommit(
  git: Git,
  sha: string,
  headRef?: string,
  prNumber?: number,
): Promise<boolean> {
  const has = async () =>
    (await git.run(['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })).code === 0
  if (await has()) return true
  const refs = [
    sha,
    ...(headRef ? [`refs/heads/${headRef}`] : []),
    ...(prNumber ? [`refs/pull/${prNumber}/head`] : []),
  ]
  for (const ref of refs) {
    await git.run(['fetch', '--quiet', '--no-tags', 'origin', ref], { allowFail: true })
    if (await has()) return true
  }
  return false
}

/**
 * The best diagnosis code can give when the model stopped without one (a budget ran out, a loop
 * was stopped): what the first failing test says and where.
 */
function testsDiagnosis(failures: TestFailure[], stopReason: StopReason): string {
  const f = failures[0]
  if (!f) return ''
  const frame = f.frames[0]
  const where = frame ? ` at ${frame.file}:${frame.line}` : f.file ? ` in ${f.file}` : ''
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more failing)` : ''
  return `No diagnosis from the model (it stopped: ${stopReason}). From the tests: ${f.id} fails with "${oneLine(f.message, 200)}"${where}${more}.`
}

async function notFixed(
  deps: TaskDeps,
  o: {
    git: Git
    changes: WorkspaceChanges
    failures: TestFailure[]
    final?: FinishInput
    state: FixState
    usage: Usage
    stopReason: StopReason
    detail?: string
    prNumber?: number
    runId: string
    dryRun: boolean
  },
): Promise<TaskResult> {
  const { log, redactor, octokit } = deps
  const entries: DiffEntry[] = await o.changes.entries().catch(() => [])
  const attempted = entries.length ? await o.changes.diff().catch(() => '') : ''
  // nothing half-done stays in the workspace
  await o.changes
    .revert(entries)
    .catch((err: unknown) => log.warning(`Could not revert the workspace: ${String(err)}`))
  const diagnosis = o.final?.root_cause.trim() || testsDiagnosis(o.failures, o.stopReason)
  const text = redactor.redact(
    report.notFixedReport({
      runId: o.runId,
      failingBefore: o.failures,
      diagnosis,
      tried: [
        ...o.state.tried,
        ...(o.final?.summary && o.final.status === 'gave_up'
          ? [`summary: ${o.final.summary}`]
          : []),
      ],
      lastRefusal: o.state.lastRefusal,
      usage: o.usage,
      stopReason: o.stopReason,
      detail: o.detail,
    }),
  )
  const posted =
    o.prNumber && octokit && !o.dryRun ? await postRunComment(deps, o.prNumber, o.runId, text) : {}
  const commentUrl = posted.url
  log.info(`Not fixed (${o.stopReason}); nothing pushed.`)
  return {
    mode: 'fix',
    outcome: 'not-fixed',
    result: {
      runId: o.runId,
      failingBefore: o.failures.map((f) => f.id),
      diagnosis,
      status: o.final?.status ?? null,
      tried: o.state.tried,
      lastRefusal: o.state.lastRefusal,
      attemptedDiff: redactor.redact(attempted).slice(0, 20_000),
      commentUrl,
    },
    usage: o.usage,
    stopReason: o.stopReason,
    ...(posted.error
      ? { failure: `The not-fixed report is in the job summary only: pitcrew ${posted.error}` }
      : {}),
    summary:
      text +
      (attempted
        ? `\n\n<details><summary>Last attempted change (not pushed)</summary>\n\n\`\`\`diff\n${redactor.redact(attempted).slice(0, 20_000)}\n\`\`\`\n</details>`
        : ''),
  }
}
