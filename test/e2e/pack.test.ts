/**
 * The published `pitcrew` command: `npm pack` of this repository, installed offline into an
 * empty folder, runs from the tarball alone. Its runtime dependencies are bundled in dist/, so
 * the package declares none that an install would have to fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { e2eNode } from '../harness/node-runtime.js'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
let work: string
let packed: { filename: string; files: { path: string }[] }
let app: string

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  })
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pitcrew-pack-'))
  packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repoRoot))[0]
  app = join(work, 'app')
  execFileSync('mkdir', [app])
  writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n')
  npm(['install', '--offline', '--no-package-lock', join(work, packed.filename)], app)
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the npm package', () => {
  it('is publishable and ships the bundle, the bin and the schema, not the sources', () => {
    expect(pkg.private).toBeUndefined()
    // ncc bundles every runtime module into dist/: a declared dependency would only make
    // `npx pitcrew` download it (and fail offline). New runtime packages go to devDependencies.
    expect(pkg.dependencies, 'package.json "dependencies" must stay empty').toBeUndefined()
    const files = packed.files.map((f) => f.path)
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/pitcrew.js',
        'dist/index.js',
        'dist/prompts/review.md',
        'package.json',
        'README.md',
      ]),
    )
    expect(files.filter((f) => /^(src|test|bench|scripts|node_modules)\//.test(f))).toEqual([])
  })

  it('`npx pitcrew --version` works offline from the installed tarball', () => {
    const out = execFileSync('npx', ['--offline', '--no-install', 'pitcrew', '--version'], {
      cwd: app,
      encoding: 'utf8',
    })
    expect(out.trim()).toContain(pkg.version)
  })

  it('`pitcrew config check` from the tarball: no config file means the defaults', () => {
    const out = execFileSync(
      'npx',
      ['--offline', '--no-install', 'pitcrew', 'config', 'check', '--json'],
      { cwd: app, encoding: 'utf8' },
    )
    const result = JSON.parse(out)
    expect(result).toMatchObject({ valid: true, exists: false })
    expect(result.config.fix['test-timeout']).toBe('10m')
  })

  it('runs on the Node that runs the bundle tests (Node 24 in the second pass)', () => {
    const bin = join(app, 'node_modules', 'pitcrew', 'bin', 'pitcrew.js')
    const out = execFileSync(e2eNode(), [bin, '--version'], { cwd: app, encoding: 'utf8' })
    expect(out.trim()).toContain(pkg.version)
  })
})
