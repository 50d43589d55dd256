/**
 * Every GraphQL document pitcrew sends validates against GitHub's published schema
 * (@octokit/graphql-schema): the test walks src/, imports each module that exports a document
 * and validates every exported `query`/`mutation` string. Documents must be named constants:
 * an inline document passed to `octokit.graphql(` would escape this walk, so it fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { githubSchema } from '../harness/github-graphql.js'

const SRC = join(import.meta.dirname, '../../src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  )
}

const DOC_RE = /^\s*(query|mutation|subscription|fragment)\b/

describe('GraphQL documents in src/', () => {
  const files = tsFiles(SRC)

  it('no document is written inline at a call site', () => {
    const inline = files.filter((f) =>
      /\.graphql\s*(<[^>]*>)?\(\s*[`'"]/.test(readFileSync(f, 'utf8')),
    )
    expect(inline.map((f) => relative(SRC, f))).toEqual([])
  })

  it('every exported document validates against GitHub’s schema', async () => {
    const docs: { where: string; text: string }[] = []
    for (const f of files.filter((x) =>
      /(query|mutation)\s+\w*\s*[({]/.test(readFileSync(x, 'utf8')),
    )) {
      const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'string' && DOC_RE.test(value))
          docs.push({ where: `${relative(SRC, f)} ${name}`, text: value })
      }
    }
    // The thread documents at least (a walk that finds nothing proves nothing).
    expect(docs.map((d) => d.where)).toEqual(
      expect.arrayContaining([
        'github/threads.ts REVIEW_THREADS_QUERY',
        'github/threads.ts THREAD_COMMENTS_QUERY',
        'github/threads.ts RESOLVE_THREAD_MUTATION',
        'github/threads.ts THREAD_STATE_QUERY',
      ]),
    )
    const problems = docs.flatMap((d) =>
      validate(githubSchema(), parse(d.text)).map((e) => `${d.where}: ${e.message}`),
    )
    expect(problems).toEqual([])
  })

  it('the walk would catch a document GitHub rejects', () => {
    const bad = `query { repository(owner: "a", name: "b") { pullRequest(number: 1) { reviewThreads(first: 1) { nodes { isResolvedd } } } } }`
    expect(validate(githubSchema(), parse(bad)).map((e) => e.message)).toEqual([
      'Cannot query field "isResolvedd" on type "PullRequestReviewThread". Did you mean "isResolved" or "resolvedBy"?',
    ])
  })
})
