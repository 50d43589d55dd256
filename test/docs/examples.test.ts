import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { register } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseRepoConfig } from '../../src/config/parse.js'

/**
 * The copy-paste workflows in docs/examples are the first thing a user runs, so each one is
 * checked with GitHub's own workflow parser (@actions/workflow-parser, the parser of the Actions
 * language services) and against action.yml: a misspelled input would be silently ignored by the
 * runner (only a warning), and the user would never know why pitcrew ignored their setting.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const examplesDir = join(root, 'docs', 'examples')
const docsDir = join(root, 'docs')

type Parser = typeof import('@actions/workflow-parser')
let parser: Parser

beforeAll(async () => {
  // @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which
  // Node's native ESM loader refuses (vitest leaves node_modules to Node). A loader hook adds the
  // attribute for .json files only; it is registered before the first import of the parser.
  const hook = `export async function load(url, context, next) {
    if (url.startsWith('file:') && url.endsWith('.json') && !context.importAttributes?.type) {
      return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
    }
    return next(url, context)
  }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
  parser = await import('@actions/workflow-parser')
})

/** Errors GitHub's parser reports for a workflow file, from parsing and from conversion. */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const errors: string[] = []
  const trace = { error: (m: string) => errors.push(m), info: () => {}, verbose: () => {} }
  const result = parser.parseWorkflow({ name, content }, trace)
  errors.push(...result.context.errors.getErrors().map((e) => e.message))
  if (result.value === undefined) return errors.length > 0 ? errors : [`${name}: no workflow`]
  const template = await parser.convertWorkflowTemplate(result.context, result.value)
  errors.push(...(template.errors ?? []).map((e) => e.Message))
  return [...new Set(errors)]
}

interface PitcrewStep {
  job: string
  index: number
  with: Record<string, unknown>
}

type YamlMap = Record<string, unknown>

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Steps that use the pitcrew action (any owner placeholder, any ref, or the local `./`). */
function pitcrewSteps(workflow: YamlMap): PitcrewStep[] {
  const found: PitcrewStep[] = []
  const jobs = isMap(workflow.jobs) ? workflow.jobs : {}
  for (const [job, def] of Object.entries(jobs)) {
    const steps = isMap(def) && Array.isArray(def.steps) ? def.steps : []
    steps.forEach((step: unknown, index) => {
      if (!isMap(step) || typeof step.uses !== 'string') return
      if (!/^([\w.-]+\/pitcrew|\.)(@|$)/.test(step.uses)) return
      found.push({ job, index, with: isMap(step.with) ? step.with : {} })
    })
  }
  return found
}

/** `with:` keys of pitcrew steps that action.yml does not declare, as `job.steps[i].key`. */
function unknownInputs(workflow: YamlMap, inputs: Set<string>): string[] {
  return pitcrewSteps(workflow).flatMap((s) =>
    Object.keys(s.with)
      .filter((key) => !inputs.has(key))
      .map((key) => `${s.job}.steps[${s.index}].with.${key}`),
  )
}

/** Jobs left without an explicit `permissions:` (neither on the workflow nor on the job). */
function jobsWithout(workflow: YamlMap, key: 'permissions' | 'concurrency'): string[] {
  if (key in workflow) return []
  const jobs = isMap(workflow.jobs) ? workflow.jobs : {}
  return Object.entries(jobs)
    .filter(([, def]) => !isMap(def) || !(key in def))
    .map(([job]) => job)
}

const actionInputs = new Set(
  Object.keys(
    (parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: YamlMap }).inputs,
  ),
)

const exampleFiles = readdirSync(examplesDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()

const docPages = readdirSync(docsDir).filter((f) => f.endsWith('.md'))

/** GitHub's anchors for a Markdown file's headings (lower case, punctuation dropped, - for spaces). */
function headingSlugs(file: string): Set<string> {
  // Fenced blocks open and close at the start of a line: an inline ```` ```suggestion ```` span
  // must not pair with a fence and hide the headings between them.
  const text = readFileSync(file, 'utf8').replace(/^\s*```[\s\S]*?^\s*```/gm, '')
  return new Set(
    [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  )
}

const minimal = (withBlock: string) => `on: pull_request
permissions:
  contents: read
concurrency:
  group: x
jobs:
  review:
    runs-on: ubuntu-latest
    steps:
      - uses: pitcrew/pitcrew@v1
        with:
${withBlock}`

describe('the checks themselves', () => {
  it('finds the known inputs in action.yml', () => {
    for (const input of ['mode', 'anthropic-api-key', 'max-cost-usd', 'test-command', 'dry-run']) {
      expect(actionInputs.has(input)).toBe(true)
    }
  })

  it('accepts a correct inline workflow', async () => {
    const content = minimal('          max-cost-usd: "1"\n')
    expect(await workflowErrors('good.yml', content)).toEqual([])
    expect(unknownInputs(parse(content) as YamlMap, actionInputs)).toEqual([])
  })

  it('reports a misspelled pitcrew input', async () => {
    const content = minimal('          max-cost-usdd: "1"\n          mode: review\n')
    // GitHub's parser accepts any `with:` key; only the check against action.yml catches it.
    expect(await workflowErrors('bad-input.yml', content)).toEqual([])
    expect(unknownInputs(parse(content) as YamlMap, actionInputs)).toEqual([
      'review.steps[0].with.max-cost-usdd',
    ])
  })

  it('reports a misspelled workflow key through GitHub’s parser', async () => {
    const content = minimal('          mode: review\n').replace('runs-on:', 'runs_on:')
    const errors = await workflowErrors('bad-key.yml', content)
    expect(errors.join('\n')).toMatch(/runs_on/)
  })

  it('reports an invalid expression through GitHub’s parser', async () => {
    const content = minimal('          mode: ${{ github.event.( }}\n')
    expect(await workflowErrors('bad-expr.yml', content)).not.toEqual([])
  })

  it('reports a misspelled key in a .github/pitcrew.yml snippet', () => {
    expect(() => parseRepoConfig('review:\n  max-coments: 3\n', 'bad.yml')).toThrow(/max-coments/)
  })

  it('reports a workflow without permissions or concurrency', () => {
    const wf = parse(minimal('          mode: review\n')) as YamlMap
    delete wf.permissions
    delete wf.concurrency
    expect(jobsWithout(wf, 'permissions')).toEqual(['review'])
    expect(jobsWithout(wf, 'concurrency')).toEqual(['review'])
  })
})

describe('docs/examples', () => {
  it('has the workflows the docs promise', () => {
    expect(exampleFiles).toEqual(
      expect.arrayContaining([
        'review-pull-request.yml',
        'review-comment.yml',
        'fix-on-failure.yml',
        'fix-workflow-run.yml',
        'rollback-after-deploy.yml',
        'rollback-deployment-status.yml',
        'rollback-manual-approval.yml',
        'review-bedrock.yml',
        'review-vertex.yml',
      ]),
    )
  })

  describe.each(exampleFiles)('%s', (file) => {
    const content = readFileSync(join(examplesDir, file), 'utf8')
    // Parsed lazily so that one broken file fails its own tests, not the whole suite.
    let parsed: YamlMap | undefined
    const workflow = (): YamlMap => (parsed ??= parse(content) as YamlMap)

    it('is valid for GitHub’s workflow parser', async () => {
      expect(await workflowErrors(file, content)).toEqual([])
    })

    it('uses pitcrew with inputs that action.yml declares', () => {
      expect(pitcrewSteps(workflow()).length).toBeGreaterThan(0)
      expect(unknownInputs(workflow(), actionInputs)).toEqual([])
    })

    it('gives a valid literal mode', () => {
      for (const step of pitcrewSteps(workflow())) {
        const mode = step.with.mode
        if (mode !== undefined) expect(['auto', 'review', 'fix', 'rollback']).toContain(mode)
      }
    })

    it('takes the API key from a secret, never a literal (none with a cloud provider)', () => {
      for (const step of pitcrewSteps(workflow())) {
        const provider = step.with.provider ?? 'anthropic'
        expect(['anthropic', 'bedrock', 'vertex']).toContain(provider)
        if (provider === 'anthropic') {
          expect(step.with['anthropic-api-key']).toMatch(/^\$\{\{\s*secrets\.[A-Z0-9_]+\s*\}\}$/)
        } else {
          expect(step.with['anthropic-api-key']).toBeUndefined()
        }
      }
    })

    it('a cloud provider gets its credentials from OIDC: id-token: write, the auth action first', () => {
      type Job = {
        permissions?: Record<string, string>
        steps?: { uses?: string; with?: YamlMap }[]
      }
      for (const job of Object.values(workflow().jobs as Record<string, Job>)) {
        const steps = job.steps ?? []
        const at = steps.findIndex((s) => /^pitcrew\/pitcrew@/.test(s.uses ?? ''))
        const provider = at >= 0 ? (steps[at]!.with?.provider ?? 'anthropic') : 'anthropic'
        if (provider === 'anthropic') continue
        expect(job.permissions?.['id-token']).toBe('write')
        const auth =
          provider === 'bedrock'
            ? /^aws-actions\/configure-aws-credentials@/
            : /^google-github-actions\/auth@/
        const authAt = steps.findIndex((s) => auth.test(s.uses ?? ''))
        expect(authAt, `${provider}: auth step before pitcrew`).toBeGreaterThanOrEqual(0)
        expect(authAt).toBeLessThan(at)
      }
    })

    it('declares permissions and concurrency, and never write-all', () => {
      expect(jobsWithout(workflow(), 'permissions')).toEqual([])
      expect(jobsWithout(workflow(), 'concurrency')).toEqual([])
      expect(content).not.toMatch(/permissions:\s*write-all/)
    })

    it('is linked from a docs page', () => {
      const linked = docPages.some((page) =>
        readFileSync(join(docsDir, page), 'utf8').includes(`examples/${file}`),
      )
      expect(linked, `no page in docs/ links examples/${file}`).toBe(true)
    })
  })
})

/** A code block inside a list item is indented as a whole; YAML checks want it at column 0. */
function dedent(text: string): string {
  const lines = text.split('\n')
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length)
  const cut = indents.length ? Math.min(...indents) : 0
  return lines.map((l) => l.slice(cut)).join('\n')
}

describe('workflow snippets in the docs pages', () => {
  const pages = ['review.md', 'fix.md', 'rollback.md', 'security.md'].filter((p) =>
    docPages.includes(p),
  )
  // Every ```yaml block of the pages and of README.md (its quick start is copied first of all),
  // named page#n (n counts YAML blocks from 1).
  const files = [
    ...pages.map((page) => ({ page, file: join(docsDir, page) })),
    { page: 'README.md', file: join(root, 'README.md') },
  ]
  const blocks = files.flatMap(({ page, file }) =>
    [...readFileSync(file, 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m, i) => ({
      name: `${page}#${i + 1}`,
      content: dedent(m[1]),
    })),
  )
  const snippets = blocks.filter(
    (s) => /^jobs:/m.test(s.content) || /uses: [\w.-]+\/pitcrew@/.test(s.content),
  )

  it('exist for every mode page', () => {
    expect(pages).toEqual(['review.md', 'fix.md', 'rollback.md', 'security.md'])
  })

  it.each(snippets.map((s) => [s.name, s] as const))('%s only uses declared inputs', (_, s) => {
    // A snippet may be a bare step list; wrap it so the same walker applies.
    const doc = parse(s.content) as unknown
    const workflow: YamlMap = isMap(doc) && 'jobs' in doc ? doc : { jobs: { j: { steps: doc } } }
    expect(unknownInputs(workflow, actionInputs)).toEqual([])
  })

  it.each(snippets.filter((s) => /^jobs:/m.test(s.content)).map((s) => [s.name, s] as const))(
    '%s is a valid workflow',
    async (_, s) => {
      expect(await workflowErrors(s.name, s.content)).toEqual([])
    },
  )

  const configSnippets = blocks.filter(
    (s) => /^(review|fix|rollback|context):/m.test(s.content) && !/^jobs:/m.test(s.content),
  )

  it('include .github/pitcrew.yml examples', () => {
    expect(configSnippets.length).toBeGreaterThan(0)
  })

  it.each(configSnippets.map((s) => [s.name, s] as const))(
    '%s is a valid .github/pitcrew.yml',
    (_, s) => {
      // The same parser the action uses: a renamed or misspelled key in the docs fails here.
      expect(() => parseRepoConfig(s.content, s.name)).not.toThrow()
    },
  )
})

/** Relative Markdown links of a text: `[text](target#anchor)`, outside code blocks and spans. */
function relativeLinks(text: string): { target: string; anchor?: string }[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)#\s]*)(?:#([^)\s]*))?\)/g)]
    .filter((m) => !/^[a-z]+:/.test(m[1]))
    .map((m) => ({ target: m[1], ...(m[2] ? { anchor: m[2] } : {}) }))
}

interface LinkSource {
  name: string
  file: string
  /** The folder its relative links start from. */
  dir: string
  text: string
}

/** Files that some other source links to (a page linking itself does not count). */
function linkedFrom(sources: LinkSource[]): Set<string> {
  const linked = new Set<string>()
  for (const s of sources) {
    for (const { target } of relativeLinks(s.text)) {
      const abs = target ? join(s.dir, target) : s.file
      if (abs !== s.file) linked.add(abs)
    }
  }
  return linked
}

describe('links between the pages', () => {
  const source = (name: string, file: string, dir: string): LinkSource => ({
    name,
    file,
    dir,
    text: readFileSync(file, 'utf8'),
  })
  const readme = source('README.md', join(root, 'README.md'), root)
  const sources = [
    readme,
    ...docPages.map((page) => source(`docs/${page}`, join(docsDir, page), docsDir)),
  ]

  it('the checks see links, ignore code, and find an orphan page', () => {
    expect(relativeLinks('see [x](a.md#b) and [y](https://e.com) `[z](c.md)`')).toEqual([
      { target: 'a.md', anchor: 'b' },
    ])
    expect(relativeLinks('```\n[in code](gone.md)\n```')).toEqual([])
    const page = (name: string, text: string): LinkSource => ({
      name,
      file: join('/d', name),
      dir: '/d',
      text,
    })
    const linked = linkedFrom([page('a.md', '[b](b.md) [self](a.md#top)'), page('b.md', 'none')])
    expect([...linked]).toEqual([join('/d', 'b.md')])
  })

  it('link only to files and headings that exist', () => {
    const missing: string[] = []
    for (const s of sources) {
      for (const { target, anchor } of relativeLinks(s.text)) {
        const file = target ? join(s.dir, target) : s.file
        if (!existsSync(file)) {
          missing.push(`${s.name} -> ${target}`)
        } else if (anchor && file.endsWith('.md') && !headingSlugs(file).has(anchor)) {
          missing.push(`${s.name} -> ${target}#${anchor}`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('reach every docs page from README.md or another page', () => {
    // A page nobody links to is a page a newcomer never finds.
    const linked = linkedFrom(sources)
    const orphans = docPages.filter((page) => !linked.has(join(docsDir, page)))
    expect(orphans, 'docs pages linked from nowhere').toEqual([])
  })

  it('list every docs page in README.md', () => {
    const fromReadme = linkedFrom([readme])
    const absent = docPages.filter((page) => !fromReadme.has(join(docsDir, page)))
    expect(absent, 'docs pages README.md does not link').toEqual([])
  })
})
