/**
 * Pull requests made of real code: source files of the npm packages in node_modules, edited
 * the way people edit code (changed lines, dropped comments, an added function), committed to
 * a real git repository with a bare origin the GitHub emulator serves. Used by the end-to-end
 * review benchmarks (bench/) and the big pull request test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestRepo, type TestRepo } from './git.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Source files of real npm packages (JavaScript and TypeScript, no declarations or minified
 * bundles), in a stable order: the same inputs on every machine with the same lockfile.
 */
export function npmSourceFiles(o: { minBytes: number; maxBytes: number }): string[] {
  const nm = join(root, 'node_modules')
  const out: string[] = []
  const walk = (dir: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      if (name === '.bin' || name === '.cache' || name === 'test' || name === '__tests__') continue
      const abs = join(dir, name)
      let st
      try {
        st = statSync(abs)
      } catch {
        continue
      }
      if (st.isDirectory()) {
        if (depth < 8) walk(abs, depth + 1)
      } else if (
        /\.(?:c?js|mjs|ts)$/.test(name) &&
        !/\.d\.[cm]?ts$|\.min\.js$/.test(name) &&
        st.size >= o.minBytes &&
        st.size <= o.maxBytes
      ) {
        out.push(relative(nm, abs))
      }
    }
  }
  walk(nm, 0)
  return out
}

/** Where a node_modules file lives in the benchmark repository: first-party looking sources. */
export function repoPath(npmPath: string): string {
  return `packages/${npmPath.replace(/(^|\/)(?:dist|build)\//g, '$1lib/').replace(/(^|\/)node_modules\//g, '$1deps/')}`
}

/**
 * A realistic edit of a source file, the same for the same `seed`: some lines changed (a
 * renamed identifier, a tweaked literal), a few removed, a helper function added.
 */
export function editSource(text: string, seed: number, every = 12): string {
  const lines = text.split('\n')
  const out: string[] = []
  lines.forEach((line, i) => {
    const k = (i + seed) % every
    if (k === 0 && line.trim().length > 0)
      out.push(line.replace(/\bconst\b/, 'let') + ' // reviewed')
    else if (k === 5 && /^\s*\/\//.test(line))
      return // a comment dropped
    else out.push(line)
  })
  out.push(
    '',
    `export function benchHelper${seed}(input) {`,
    `  if (input == null) return ${seed}`,
    '  return String(input).length + ' + seed,
    '}',
    '',
  )
  return out.join('\n')
}

/** A git repository whose `main` holds `base`; branch `feature` holds `head`; pushed to origin. */
export async function prRepo(
  base: Record<string, string>,
  head: Record<string, string>,
): Promise<{ repo: TestRepo; baseSha: string; headSha: string }> {
  const repo = await createTestRepo(base)
  const baseSha = (await repo.git('rev-parse', 'HEAD')).trim()
  await repo.checkout('feature')
  const headSha = await repo.commit(head, 'Change the vendored sources')
  await repo.push('feature')
  await repo.git('push', '-q', 'origin', 'main')
  return { repo, baseSha, headSha }
}

export interface NpmPr {
  repo: TestRepo
  baseSha: string
  headSha: string
  /** Paths changed by the PR (sorted). */
  paths: string[]
  /** Bytes of the head versions of the changed files. */
  bytes: number
  /** Bytes of the unified diff base..head (`git diff`). */
  diffBytes: number
}

/**
 * A PR changing `files` source files of npm packages (`minBytes`..`maxBytes` each, picked
 * evenly across node_modules, in a stable order); `every`: one line in `every` is edited.
 */
export async function npmPr(o: {
  files: number
  minBytes?: number
  maxBytes?: number
  every?: number
  filter?: (npmPath: string) => boolean
}): Promise<NpmPr> {
  // One source per repository path (`dist/` and `lib/` of a package may map to the same one).
  const byPath = new Map<string, string>()
  for (const p of npmSourceFiles({ minBytes: o.minBytes ?? 1_000, maxBytes: o.maxBytes ?? 12_000 }))
    if ((o.filter ?? (() => true))(p) && !byPath.has(repoPath(p))) byPath.set(repoPath(p), p)
  const all = [...byPath.values()]
  if (all.length < o.files)
    throw new Error(`node_modules holds ${all.length} matching source files, ${o.files} asked`)
  const base: Record<string, string> = {}
  const head: Record<string, string> = {}
  let bytes = 0
  for (let i = 0; i < o.files; i++) {
    const p = all[Math.floor((i * all.length) / o.files)]!
    const text = readFileSync(join(root, 'node_modules', p), 'utf8')
    const path = repoPath(p)
    base[path] = text
    head[path] = editSource(text, i + 1, o.every)
    bytes += Buffer.byteLength(head[path])
  }
  const { repo, baseSha, headSha } = await prRepo(base, head)
  const diffBytes = Buffer.byteLength(await repo.git('diff', '--no-color', baseSha, headSha))
  return { repo, baseSha, headSha, paths: Object.keys(head).sort(), bytes, diffBytes }
}
