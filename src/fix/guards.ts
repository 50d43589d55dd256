/**
 * What a fix may change, decided by code: protected paths, test files, deletions and the size of
 * the diff. The same rules run on every edit_file call and again on the final diff, so a change
 * that reached the tree by another route (a test command writing files) is still refused.
 */
import picomatch from 'picomatch'
import type { FixConfig } from '../config/types.js'
import type { TestFailure } from './parsers/types.js'
import { isMixedConfigFile, testConfigChanges, testConfigRefusal } from './test-config.js'

const matchers = new Map<string, (p: string) => boolean>()

function matcher(glob: string): (p: string) => boolean {
  let m = matchers.get(glob)
  if (!m) {
    m = picomatch(glob, { dot: true })
    matchers.set(glob, m)
  }
  return m
}

function norm(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\/+/, '')
}

/** True when the path matches one of the protected globs (default `.github/**`). */
export function isProtected(path: string, globs: string[] = ['.github/**']): boolean {
  const p = norm(path)
  return globs.some((g) => matcher(g)(p))
}

const TEST_DIR =
  /(^|\/)(tests?|__tests__|__mocks__|spec|specs|testdata|__snapshots__|e2e|cypress|playwright)\//
const TEST_NAME =
  /(\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$|\.(test|spec)\.(vue|svelte)$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$|_test\.go$|(^|\/)[^/]*Tests?\.(java|kt|cs|scala)$|_spec\.rb$|\.snap$)/
/**
 * Files that are test configuration as a whole (package.json and co are judged by key). pytest
 * reads `.pytest.ini`, and since 9.0 `pytest.toml` and `.pytest.toml`, like `pytest.ini`.
 */
const TEST_CONFIG =
  /(^|\/)((vitest|vite|jest|playwright|cypress|karma|mocha|ava)\.config\.([cm]?[jt]s|json)|vitest\.(workspace|projects)\.[cm]?[jt]s|karma\.conf\.[cm]?[jt]s|\.?pytest\.(ini|toml)|tox\.ini|\.mocharc\.[a-z]+|conftest\.py|jest\.setup\.[cm]?[jt]s)$/

/**
 * A test file, by path conventions or by being the file of a failing test. Test configuration
 * (vitest.config.ts, pytest.ini) counts too: loosening it is a way of editing the tests.
 */
export function isTestFile(path: string, failingTestFiles: Iterable<string> = []): boolean {
  const p = norm(path)
  for (const f of failingTestFiles) if (norm(f) === p) return true
  return TEST_DIR.test(p) || TEST_NAME.test(p) || TEST_CONFIG.test(p)
}

/** The files of the failing tests, and every file their ids name (pytest node ids, vitest ids). */
export function failingTestFiles(failures: TestFailure[]): string[] {
  const out = new Set<string>()
  for (const f of failures) {
    if (f.file) out.add(norm(f.file))
    const fromId = /^([^\s:>]+\.[A-Za-z]+)(?:::| > )/.exec(f.id)
    if (fromId) out.add(norm(fromId[1]!))
  }
  return [...out]
}

export interface GuardConfig {
  protectedPaths: string[]
  allowTestEdits: boolean
  maxChangedLines: number
  /** Files of the failing tests: test files even when their names follow no convention. */
  testFiles: string[]
  /** The test command: the package.json scripts it reaches are test configuration. */
  testCommand?: string
}

export function guardConfig(
  fix: FixConfig,
  failures: TestFailure[],
  testCommand?: string,
): GuardConfig {
  return {
    protectedPaths: fix.protectedPaths,
    allowTestEdits: fix.allowTestEdits,
    maxChangedLines: fix.maxChangedLines,
    testFiles: failingTestFiles(failures),
    testCommand: testCommand ?? fix.testCommand,
  }
}

/**
 * Why a change of one file's content may not be kept, or null: package.json, pyproject.toml,
 * setup.cfg and pom.xml are test configuration only in part, so they are judged by what changed
 * between the failing commit (`before`, null: absent) and now (`after`).
 */
export function contentRefusal(
  path: string,
  before: string | null,
  after: string | null,
  cfg: GuardConfig,
): string | null {
  if (cfg.allowTestEdits || !isMixedConfigFile(norm(path))) return null
  const keys = testConfigChanges(norm(path), before, after, cfg.testCommand)
  return keys.length ? testConfigRefusal(norm(path), keys) : null
}

/** Reads a file's content in the failing commit (null: absent) and in the working tree. */
export interface ContentReader {
  base(path: string): Promise<string | null>
  current(path: string): Promise<string | null>
}

/**
 * The content refusals of a whole diff (see contentRefusal), as checkDiff words them. Files that
 * changed by any route are judged, not only those edit_file wrote.
 */
export async function checkDiffContent(
  entries: DiffEntry[],
  cfg: GuardConfig,
  read: ContentReader,
): Promise<string[]> {
  const reasons: string[] = []
  if (cfg.allowTestEdits) return reasons
  for (const e of entries) {
    if (!isMixedConfigFile(norm(e.path)) || e.binary) continue
    const before = await read.base(e.oldPath ?? e.path)
    const after = await read.current(e.path)
    const r = contentRefusal(e.path, before, after, cfg)
    if (r) reasons.push(`Refused '${e.path}': ${r}`)
  }
  return reasons
}

/** Why one path may not be changed (edit_file prefixes "Refused '<path>': "), or null. */
export function pathRefusal(path: string, cfg: GuardConfig): string | null {
  if (isProtected(path, cfg.protectedPaths)) {
    return `it is a protected path (${cfg.protectedPaths.join(', ')}). Fix the code under test instead.`
  }
  if (!cfg.allowTestEdits && TEST_CONFIG.test(norm(path))) {
    return `it is test configuration (it decides which tests run and how) and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass.`
  }
  if (!cfg.allowTestEdits && isTestFile(path, cfg.testFiles)) {
    return `it is a test file and test edits are not allowed (fix.allow-test-edits is false). Fix the code under test so the existing tests pass.`
  }
  return null
}

/** The guard function for editFileTool (src/tools/edit.ts). */
export function editGuard(cfg: GuardConfig): (relPath: string) => string | null {
  return (rel) => pathRefusal(rel, cfg)
}

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X'

export interface DiffEntry {
  status: ChangeStatus
  path: string
  /** Source of a rename or copy. */
  oldPath?: string
  added: number
  deleted: number
  binary: boolean
}

/**
 * Parses `git diff -z --name-status -M` and `git diff -z --numstat -M` into one entry per file.
 * The -z forms keep odd file names (spaces, quotes, newlines) intact.
 */
export function parseDiffEntries(nameStatusZ: string, numstatZ: string): DiffEntry[] {
  const entries: DiffEntry[] = []
  const byPath = new Map<string, DiffEntry>()
  const ns = nameStatusZ.split('\0')
  for (let i = 0; i < ns.length;) {
    const code = ns[i++]
    if (!code) continue
    const status = code[0] as ChangeStatus
    let e: DiffEntry
    if (status === 'R' || status === 'C') {
      const oldPath = ns[i++] ?? ''
      const path = ns[i++] ?? ''
      e = { status, path, oldPath, added: 0, deleted: 0, binary: false }
    } else {
      e = { status, path: ns[i++] ?? '', added: 0, deleted: 0, binary: false }
    }
    entries.push(e)
    byPath.set(e.path, e)
  }
  const nm = numstatZ.split('\0')
  for (let i = 0; i < nm.length;) {
    const head = nm[i++]
    if (!head) continue
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(head.replace(/^\n/, ''))
    if (!m) continue
    let path = m[3]!
    if (path === '') {
      // rename: the two paths follow as separate fields
      i++
      path = nm[i++] ?? ''
    }
    const e = byPath.get(path)
    if (!e) continue
    e.binary = m[1] === '-'
    e.added = m[1] === '-' ? 0 : Number(m[1])
    e.deleted = m[2] === '-' ? 0 : Number(m[2])
  }
  return entries
}

export function changedLines(entries: DiffEntry[]): number {
  return entries.reduce((n, e) => n + e.added + e.deleted, 0)
}

/**
 * Every reason the whole diff is refused; empty when it may be delivered. Renames are judged by
 * both names: moving a test file away is editing it.
 */
export function checkDiff(entries: DiffEntry[], cfg: GuardConfig): string[] {
  const reasons: string[] = []
  if (entries.length === 0) reasons.push('The diff is empty: nothing was changed.')
  for (const e of entries) {
    const paths = e.oldPath ? [e.oldPath, e.path] : [e.path]
    if (e.status === 'D')
      reasons.push(`Refused: '${e.path}' is deleted. A fix may not delete files.`)
    for (const p of paths) {
      const r = pathRefusal(p, cfg)
      if (r) reasons.push(`Refused '${p}': ${r}`)
    }
  }
  const total = changedLines(entries)
  if (total > cfg.maxChangedLines) {
    reasons.push(
      `Refused: the diff changes ${total} lines, more than max-changed-lines (${cfg.maxChangedLines}). Make a smaller, focused fix.`,
    )
  }
  return [...new Set(reasons)]
}
