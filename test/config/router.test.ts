import { describe, it, expect } from 'vitest'
import { createRequire } from 'node:module'
import { routeEvent, type Route } from '../../src/config/router.js'
import type { RunContext } from '../../src/context.js'
import type { ModeInput } from '../../src/config/types.js'

type Json = Record<string, unknown>
interface ExampleGroup {
  name: string
  examples: Json[]
}

// GitHub's own webhook examples (the @octokit/webhooks-examples package), never hand-written payloads.
const groups = createRequire(import.meta.url)(
  '@octokit/webhooks-examples/api.github.com/index.json',
) as ExampleGroup[]

/** A deep copy of the first real example of `event` matching `action` (and `where`). */
function example(event: string, action?: string, where: (p: Json) => boolean = () => true): Json {
  const group = groups.find((g) => g.name === event)
  const found = group?.examples.find(
    (e) => (action === undefined || e.action === action) && where(e),
  )
  if (!found) throw new Error(`no webhook example for ${event}.${action ?? ''}`)
  return structuredClone(found)
}

/** Sets a nested field of a payload copy: `set(p, 'workflow_run.conclusion', 'failure')`. */
function set(payload: Json, path: string, value: unknown): Json {
  const keys = path.split('.')
  let node = payload
  for (const k of keys.slice(0, -1)) node = node[k] as Json
  node[keys[keys.length - 1]!] = value
  return payload
}

function ctx(eventName: string, payload: Json, extra: Partial<RunContext> = {}): RunContext {
  return {
    eventName,
    payload,
    owner: 'Codertocat',
    repo: 'Hello-World',
    workspace: '/tmp/ws',
    sha: 'ffffffffffffffffffffffffffffffffffffffff',
    ref: 'refs/heads/main',
    runId: '77',
    actor: 'runner-actor',
    apiUrl: 'http://127.0.0.1:1',
    graphqlUrl: 'http://127.0.0.1:1/graphql',
    serverUrl: 'https://github.com',
    runnerTemp: '/tmp',
    ...extra,
  }
}

function route(
  eventName: string,
  payload: Json,
  mode: ModeInput = 'auto',
  extra?: Partial<RunContext>,
): Route {
  const r = routeEvent(ctx(eventName, payload, extra), { mode })
  expect(r.reason.length).toBeGreaterThan(10)
  return r
}

describe('pull_request and pull_request_target -> review', () => {
  const pr = example('pull_request', 'opened')
  const prData = pr.pull_request as Json

  for (const event of ['pull_request', 'pull_request_target']) {
    for (const action of ['opened', 'synchronize', 'reopened', 'ready_for_review']) {
      it(`${event} ${action}`, () => {
        const r = route(event, example('pull_request', action))
        expect(r).toMatchObject({
          mode: 'review',
          prNumber: 2,
          headRef: 'changes',
          baseRef: 'master',
          headRepoFullName: 'Codertocat/Hello-World',
          isFork: false,
          isDraft: false,
          triggeringActor: 'Codertocat',
        })
        expect(r.headSha).toMatch(/^[0-9a-f]{40}$/)
        expect(r.baseSha).toMatch(/^[0-9a-f]{40}$/)
        expect(r.reason).toContain('#2')
      })
    }
  }

  it('fills the shas from the payload', () => {
    const r = route('pull_request', pr)
    expect(r.headSha).toBe((prData.head as Json).sha)
    expect(r.baseSha).toBe((prData.base as Json).sha)
  })

  it('a PR from a fork is marked as a fork', () => {
    const p = set(
      example('pull_request', 'opened'),
      'pull_request.head.repo.full_name',
      'mallory/Hello-World',
    )
    expect(route('pull_request_target', p)).toMatchObject({
      mode: 'review',
      isFork: true,
      headRepoFullName: 'mallory/Hello-World',
    })
  })

  it('a PR whose fork was deleted (head.repo null) counts as a fork', () => {
    const p = set(example('pull_request', 'opened'), 'pull_request.head.repo', null)
    expect(route('pull_request', p)).toMatchObject({ mode: 'review', isFork: true })
  })

  it('a draft PR is routed with isDraft set (review mode applies review-drafts)', () => {
    const p = set(example('pull_request', 'opened'), 'pull_request.draft', true)
    const r = route('pull_request', p)
    expect(r).toMatchObject({ mode: 'review', isDraft: true })
    expect(r.reason).toContain('draft')
  })

  for (const action of ['closed', 'labeled', 'converted_to_draft', 'assigned']) {
    it(`skips action ${action} with a reason naming it`, () => {
      const r = route('pull_request', example('pull_request', action))
      expect(r.mode).toBeNull()
      expect(r.reason).toContain(`'${action}'`)
      expect(r.reason).toContain("'pull_request'")
    })
  }
})

describe('/pitcrew comments -> review / fix', () => {
  function prComment(body: string, action = 'created'): Json {
    const p = example('issue_comment', action)
    set(p, 'issue.pull_request', {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1',
      html_url: 'https://github.com/Codertocat/Hello-World/pull/1',
    })
    set(p, 'comment.body', body)
    set(p, 'comment.user.login', 'alice')
    return p
  }

  it('issue_comment "/pitcrew review" on a PR -> review, commenter is the actor', () => {
    const p = prComment('/pitcrew review please')
    const r = route('issue_comment', p)
    expect(r).toMatchObject({
      mode: 'review',
      commentCommand: 'review',
      prNumber: (p.issue as Json).number,
      triggeringActor: 'alice',
    })
    expect(r.reason).toContain('/pitcrew review')
    expect(r.reason).toContain('alice')
  })

  it('issue_comment "/pitcrew fix" on a PR -> fix', () => {
    const r = route('issue_comment', prComment('  /pitcrew fix\nthe flaky test'))
    expect(r).toMatchObject({ mode: 'fix', commentCommand: 'fix', triggeringActor: 'alice' })
  })

  it('pull_request_review_comment "/pitcrew fix" -> fix with the PR refs', () => {
    const p = example('pull_request_review_comment', 'created')
    set(p, 'comment.body', '/pitcrew fix')
    const r = route('pull_request_review_comment', p)
    expect(r).toMatchObject({
      mode: 'fix',
      commentCommand: 'fix',
      prNumber: 2,
      headRef: 'changes',
      baseRef: 'master',
      isFork: false,
      triggeringActor: 'Codertocat',
    })
  })

  it('skips an ordinary review comment (the real example body)', () => {
    const r = route(
      'pull_request_review_comment',
      example('pull_request_review_comment', 'created'),
    )
    expect(r.mode).toBeNull()
    expect(r.reason).toContain("does not start with '/pitcrew' and does not mention @pitcrew")
  })

  it('skips a comment on an issue that is not a pull request', () => {
    const p = set(example('issue_comment', 'created'), 'comment.body', '/pitcrew review')
    const r = route('issue_comment', p)
    expect(r.mode).toBeNull()
    expect(r.reason).toContain('not a pull request')
  })

  it('skips ordinary PR comments and look-alike commands', () => {
    for (const body of [
      "You are totally right! I'll get this fixed right away.",
      'please /pitcrew review',
      'mail me at me@pitcrew.dev',
      'ask @pitcrew-bot',
    ]) {
      expect(route('issue_comment', prComment(body)).mode).toBeNull()
    }
  })

  it('a look-alike command is a question, not a review or a fix', () => {
    for (const body of ['/pitcrew reviewer', '/pitcrew deploy']) {
      const r = route('issue_comment', prComment(body))
      expect(r.mode).toBe('review')
      expect(r.commentCommand).toBeUndefined()
      expect(r.conversation).toMatchObject({ kind: 'ask', where: 'conversation', question: body })
    }
  })

  it('skips edited and deleted comments', () => {
    for (const action of ['edited', 'deleted']) {
      const r = route('issue_comment', prComment('/pitcrew review', action))
      expect(r.mode).toBeNull()
      expect(r.reason).toContain(`'${action}'`)
    }
  })
})

describe('workflow_run -> fix', () => {
  it('a completed run with conclusion failure -> fix on its head branch and sha', () => {
    const p = set(
      example(
        'workflow_run',
        'completed',
        (e) => (e.workflow_run as Json).conclusion === 'success',
      ),
      'workflow_run.conclusion',
      'failure',
    )
    const run = p.workflow_run as Json
    const r = route('workflow_run', p)
    expect(r).toMatchObject({
      mode: 'fix',
      headRef: run.head_branch,
      headSha: run.head_sha,
      workflowRunId: run.id,
      isFork: false,
      triggeringActor: 'Codertocat',
    })
    expect(r.reason).toContain(String(run.id))
  })

  it('takes the PR number from the run when GitHub lists one', () => {
    const p = example(
      'workflow_run',
      'completed',
      (e) => ((e.workflow_run as Json).pull_requests as unknown[]).length > 0,
    )
    set(p, 'workflow_run.conclusion', 'failure')
    expect(route('workflow_run', p)).toMatchObject({ mode: 'fix', prNumber: 2, baseRef: 'master' })
  })

  it('a run from a fork is marked as a fork', () => {
    const p = example(
      'workflow_run',
      'completed',
      (e) => (e.workflow_run as Json).conclusion === 'success',
    )
    set(p, 'workflow_run.conclusion', 'failure')
    set(p, 'workflow_run.head_repository.full_name', 'mallory/octo-repo')
    expect(route('workflow_run', p)).toMatchObject({ mode: 'fix', isFork: true })
  })

  it('skips successful, conclusion-less and requested runs', () => {
    const ok = route(
      'workflow_run',
      example(
        'workflow_run',
        'completed',
        (e) => (e.workflow_run as Json).conclusion === 'success',
      ),
    )
    expect(ok.mode).toBeNull()
    expect(ok.reason).toContain("'success'")
    const none = route(
      'workflow_run',
      example('workflow_run', 'completed', (e) => (e.workflow_run as Json).conclusion === null),
    )
    expect(none.mode).toBeNull()
    const requested = route('workflow_run', example('workflow_run', 'requested'))
    expect(requested.mode).toBeNull()
    expect(requested.reason).toContain("'requested'")
  })
})

describe('deployment_status -> rollback', () => {
  it('a successful deployment -> rollback of that deployment', () => {
    const p = example(
      'deployment_status',
      'created',
      (e) => (e.deployment_status as Json).state === 'success',
    )
    const r = route('deployment_status', p)
    expect(r).toMatchObject({
      mode: 'rollback',
      deploymentId: 145988746,
      environment: 'production',
      headSha: (p.deployment as Json).sha,
      headRef: 'master',
      triggeringActor: 'Codertocat',
    })
    expect(r.reason).toContain('145988746')
  })

  it('skips other states', () => {
    const r = route(
      'deployment_status',
      example(
        'deployment_status',
        'created',
        (e) => (e.deployment_status as Json).state === 'in_progress',
      ),
    )
    expect(r.mode).toBeNull()
    expect(r.reason).toContain("'in_progress'")
  })
})

describe('workflow_dispatch, push, schedule and explicit modes', () => {
  const cases: [string, Json][] = [
    ['workflow_dispatch', example('workflow_dispatch')],
    ['push', example('push', undefined, (e) => e.ref === 'refs/heads/master')],
    ['schedule', { schedule: '0 3 * * *' }],
  ]

  for (const [event, payload] of cases) {
    it(`${event} with mode auto is skipped, asking for an explicit mode`, () => {
      const r = route(event, structuredClone(payload))
      expect(r.mode).toBeNull()
      expect(r.reason).toContain(`'${event}'`)
      expect(r.reason).toContain("explicit 'mode'")
    })

    it(`${event} with mode fix -> fix on the checked-out branch`, () => {
      const r = route(event, structuredClone(payload), 'fix', { ref: 'refs/heads/feature-x' })
      expect(r.mode).toBe('fix')
      expect(r.reason).toContain("mode 'fix' set by the 'mode' input")
      expect(r.headSha).toMatch(/^[0-9a-f]{40}$/)
      expect(r.headRef).toBe('feature-x')
      expect(r.triggeringActor).toBe(
        event === 'schedule' ? 'runner-actor' : ((payload.sender as Json).login as string),
      )
    })
  }

  it('push falls back to the pushed branch and commit when GITHUB_REF/GITHUB_SHA are unset', () => {
    const p = example('push', undefined, (e) => e.ref === 'refs/heads/master')
    expect(route('push', p, 'fix', { ref: '', sha: '' })).toMatchObject({
      headRef: 'master',
      headSha: p.after,
    })
  })

  it('an explicit mode wins over the event', () => {
    const r = route('pull_request', example('pull_request', 'closed'), 'review')
    expect(r).toMatchObject({ mode: 'review', prNumber: 2, headRef: 'changes' })
    const d = route('deployment_status', example('deployment_status', 'created'), 'rollback')
    expect(d).toMatchObject({ mode: 'rollback', deploymentId: 145988746 })
    const w = route('workflow_run', example('workflow_run', 'requested'), 'fix')
    expect(w).toMatchObject({ mode: 'fix', workflowRunId: 289782451 })
  })

  it('an explicit mode on a /pitcrew comment keeps the command and the commenter', () => {
    const p = example('pull_request_review_comment', 'created')
    set(p, 'comment.body', '/pitcrew review')
    set(p, 'comment.user.login', 'bob')
    expect(route('pull_request_review_comment', p, 'review')).toMatchObject({
      mode: 'review',
      commentCommand: 'review',
      triggeringActor: 'bob',
    })
  })
})

describe('anything else is skipped with a reason', () => {
  for (const [event, action] of [
    ['star', 'created'],
    ['issues', 'opened'],
    ['release', 'published'],
    ['check_run', 'completed'],
  ] as const) {
    it(`${event} ${action}`, () => {
      const r = route(event, example(event, action))
      expect(r.mode).toBeNull()
      expect(r.reason).toBe(`event '${event}' (action '${action}') is not handled by pitcrew`)
    })
  }

  it('an empty payload (no GITHUB_EVENT_PATH) does not throw', () => {
    expect(route('repository_dispatch', {}).mode).toBeNull()
    expect(route('pull_request', {}).mode).toBeNull()
  })
})

describe('conversation commands (contract section 8)', () => {
  function prComment(body: string): Json {
    const p = example('issue_comment', 'created')
    set(p, 'issue.pull_request', {
      url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1',
      html_url: 'https://github.com/Codertocat/Hello-World/pull/1',
    })
    set(p, 'comment.body', body)
    set(p, 'comment.id', 5150)
    set(p, 'comment.user.login', 'alice')
    return p
  }
  function threadReply(body: string, inReplyTo: number | undefined): Json {
    const p = example('pull_request_review_comment', 'created')
    set(p, 'comment.body', body)
    set(p, 'comment.id', 6160)
    if (inReplyTo === undefined) delete (p.comment as Json).in_reply_to_id
    else set(p, 'comment.in_reply_to_id', inReplyTo)
    return p
  }

  it('every command comment names itself for the eyes reaction', () => {
    expect(route('issue_comment', prComment('/pitcrew review')).comment).toEqual({
      id: 5150,
      kind: 'issue',
    })
    const r = route('pull_request_review_comment', threadReply('/pitcrew fix', undefined))
    expect(r.comment).toEqual({ id: 6160, kind: 'review' })
  })

  it('a reply in a thread starting with /pitcrew or mentioning @pitcrew is a question', () => {
    for (const body of [
      '/pitcrew why is this a bug?',
      'Is this right, @pitcrew?',
      '@PitCrew explain',
    ]) {
      const r = route('pull_request_review_comment', threadReply(body, 77))
      expect(r).toMatchObject({
        mode: 'review',
        prNumber: 2,
        comment: { id: 6160, kind: 'review' },
        conversation: { kind: 'ask', commentId: 6160, where: 'thread', inReplyToId: 77 },
        triggeringActor: 'Codertocat',
      })
      expect(r.commentCommand).toBeUndefined()
    }
  })

  it('a question that is not a reply in a thread is skipped with the reason', () => {
    const r = route('pull_request_review_comment', threadReply('@pitcrew why?', undefined))
    expect(r.mode).toBeNull()
    expect(r.reason).toContain('not a reply in a thread')
  })

  it('a question in the PR conversation is about the summary', () => {
    const r = route('issue_comment', prComment('@pitcrew what does "repeat" mean here?'))
    expect(r.conversation).toMatchObject({ kind: 'ask', where: 'conversation', commentId: 5150 })
    expect(r.triggeringActor).toBe('alice')
  })

  it('/pitcrew remember <text> carries the text as one line, markers defused', () => {
    const r = route(
      'issue_comment',
      prComment('/pitcrew remember  We use tabs\n in Makefiles. <!-- pitcrew:fp:1 -->'),
    )
    expect(r).toMatchObject({
      mode: 'review',
      conversation: {
        kind: 'remember',
        commentId: 5150,
        text: 'We use tabs in Makefiles. pitcrew:fp:1',
      },
    })
    const inThread = route(
      'pull_request_review_comment',
      threadReply('/pitcrew remember Prefer early returns.', 9),
    )
    expect(inThread.conversation).toMatchObject({ kind: 'remember', where: 'thread' })
  })

  it('/pitcrew remember without text, or with too much, is skipped saying what is expected', () => {
    const empty = route('issue_comment', prComment('/pitcrew remember   '))
    expect(empty.mode).toBeNull()
    expect(empty.reason).toContain("Expected '/pitcrew remember <text>'")
    const long = route('issue_comment', prComment(`/pitcrew remember ${'x'.repeat(501)}`))
    expect(long.mode).toBeNull()
    expect(long.reason).toContain('501 characters. Expected at most 500')
  })

  it('/pitcrew rememberme is a question, not remember', () => {
    const r = route('issue_comment', prComment('/pitcrew rememberme'))
    expect(r.conversation?.kind).toBe('ask')
  })
})
