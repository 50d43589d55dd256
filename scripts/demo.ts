/**
 * `npm run demo`: runs the bundled action (node dist/index.js) on a sample pull request, against
 * the loopback GitHub emulator and a scripted replay standing in for the model, then prints the
 * review as it appears on GitHub. No account, API key or network is needed.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startGitHubEmulator } from '../test/harness/github-emulator.js'
import { startAnthropicServer, type Step } from '../test/harness/anthropic-server.js'
import { createTestRepo } from '../test/harness/git.js'
import { pullRequestEvent } from '../test/harness/events.js'
import { runAction } from '../test/harness/run-action.js'

const here = dirname(fileURLToPath(import.meta.url))
const session = JSON.parse(readFileSync(join(here, 'demo', 'review-session.json'), 'utf8')) as {
  about: string
  steps: Step[]
}
const TOKEN = 'ghs_demoDemoDemoDemoDemoDemoDemoDemo0000'
const OWNER = 'acme'
const REPO = 'widgets'

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s)

/** What GitHub renders: hidden HTML comments (markers, state) are not shown. */
const visible = (markdown: string) => markdown.replace(/<!--[\s\S]*?-->/g, '').trim()

async function main(): Promise<number> {
  console.log(bold('pitcrew demo: a review of a sample pull request'))
  console.log(dim(`Note: ${session.about}`))
  console.log()

  const repo = await createTestRepo({
    'README.md': '# widgets\n',
    'src/pagination.ts': [
      'export function pageCount(total: number, size: number): number {',
      '  return total / size',
      '}',
      '',
    ].join('\n'),
    'src/server.ts': 'export const DEFAULT_PAGE_SIZE = 20\n',
  })
  const base = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout('feature/pagination')
  const head = await repo.commit(
    {
      'src/pagination.ts': [
        'export function pageCount(total: number, size: number): number {',
        '  if (total === 0) return 0',
        '  return Math.floor(total / size)',
        '}',
        '',
        'export const DEFAULT_PAGE_SIZE = 20',
        '',
      ].join('\n'),
    },
    'Add pagination helpers',
  )
  await repo.push('feature/pagination')
  await repo.git('push', '-q', 'origin', 'main')

  const github = await startGitHubEmulator({
    tokens: { [TOKEN]: { login: 'github-actions[bot]' } },
  })
  const model = await startAnthropicServer()
  try {
    github.addRepo({ owner: OWNER, repo: REPO, gitDir: repo.origin })
    const number = github.addPull({
      owner: OWNER,
      repo: REPO,
      number: 7,
      base: { ref: 'main', sha: base },
      head: { ref: 'feature/pagination', sha: head },
      title: 'Add pagination helpers',
      body: 'Adds pageCount for the list endpoints.',
      user: 'octocat',
    })
    model.queue(...session.steps)

    console.log(
      dim(
        `running node dist/index.js on pull request #${number} (${base.slice(0, 7)}..${head.slice(0, 7)})`,
      ),
    )
    const run = await runAction({
      spawn: true,
      eventName: 'pull_request',
      payload: pullRequestEvent({
        owner: OWNER,
        repo: REPO,
        number,
        headRef: 'feature/pagination',
        headSha: head,
        baseSha: base,
        title: 'Add pagination helpers',
      }),
      repository: `${OWNER}/${REPO}`,
      workspace: repo.work,
      inputs: { 'github-token': TOKEN, 'anthropic-api-key': 'sk-ant-demo-not-a-real-key' },
      env: { GITHUB_API_URL: github.url, ANTHROPIC_BASE_URL: model.url, GITHUB_SHA: head },
    })
    console.log(dim(`exit code ${run.exitCode}, outcome '${run.outputs.outcome}'`))
    console.log()

    const state = github.state.repos.get(`${OWNER}/${REPO}`)
    if (!state) throw new Error('the emulator lost the repository')
    for (const review of state.reviews) {
      console.log(bold(`── Review (${review.state}) ──`))
      console.log(visible(review.body))
      console.log()
      for (const c of state.reviewComments.filter((rc) => rc.reviewId === review.id)) {
        const range = c.startLine ? `${c.startLine}-${c.line}` : `${c.line}`
        console.log(bold(`── ${c.path}:${range} (${c.side}) ──`))
        console.log(visible(c.body))
        console.log()
      }
    }
    for (const comment of state.comments) {
      console.log(bold(`── Conversation comment by ${comment.user} ──`))
      console.log(visible(comment.body))
      console.log()
    }
    if (run.exitCode !== 0) {
      console.log(run.stdout)
      return run.exitCode
    }
    return 0
  } finally {
    await github.close()
    await model.close()
    await repo.cleanup()
  }
}

process.exitCode = await main()
