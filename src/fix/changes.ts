/**
 * The change the fixer made, as git sees it: tracked files against the failing sha plus the new
 * files edit_file created (registered with `git add -N` so diffs show them). Artifacts the test
 * runs leave untracked (reports, caches) are not part of the change.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Git } from '../tools/git.js'
import { parseDiffEntries, type DiffEntry } from './guards.js'

/**
 * The tracked files that differ from the failing commit before a test run, with their bytes
 * (null: deleted), so what the run itself wrote can be undone afterwards.
 */
export type TreeSnapshot = Map<string, Buffer | null | 'too-large'>

/** Files above this size are not copied before a test run, nor restored after it. */
const SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024

export class WorkspaceChanges {
  /** Files edit_file wrote, workspace-relative. */
  readonly edited = new Set<string>()

  constructor(
    private readonly git: Git,
    /** The failing commit the fix starts from. */
    readonly baseSha: string,
  ) {}

  /** Marks the created files as intent-to-add so `git diff <sha>` includes them. */
  private async registerNewFiles(): Promise<void> {
    if (this.edited.size === 0) return
    const { stdout } = await this.git.run(
      ['ls-files', '-z', '--others', '--exclude-standard', '--', ...this.edited],
      {
        allowFail: true,
      },
    )
    const created = stdout.split('\0').filter(Boolean)
    if (created.length)
      await this.git.run(['add', '--intent-to-add', '--', ...created], { allowFail: true })
  }

  async entries(): Promise<DiffEntry[]> {
    await this.registerNewFiles()
    const ns = await this.git.run([
      'diff',
      '-z',
      '--name-status',
      '-M',
      '--no-ext-diff',
      this.baseSha,
      '--',
    ])
    const num = await this.git.run([
      'diff',
      '-z',
      '--numstat',
      '-M',
      '--no-ext-diff',
      this.baseSha,
      '--',
    ])
    return parseDiffEntries(ns.stdout, num.stdout)
  }

  /** A file's content in the failing commit; null when it has no such file. */
  async baseContent(rel: string): Promise<string | null> {
    const r = await this.git.run(['show', `${this.baseSha}:${rel}`], { allowFail: true })
    return r.code === 0 ? r.stdout : null
  }

  async diff(): Promise<string> {
    await this.registerNewFiles()
    const { stdout } = await this.git.run([
      'diff',
      '-M',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      this.baseSha,
      '--',
    ])
    return stdout
  }

  async stat(): Promise<string> {
    await this.registerNewFiles()
    const { stdout } = await this.git.run([
      'diff',
      '--stat=100',
      '-M',
      '--no-color',
      this.baseSha,
      '--',
    ])
    return stdout.trimEnd()
  }

  /** Tracked paths (and files created by edit_file) that differ from the failing commit. */
  private async dirtyPaths(): Promise<string[]> {
    await this.registerNewFiles()
    const { stdout } = await this.git.run(
      ['diff', '-z', '--name-only', '--no-renames', this.baseSha, '--'],
      { allowFail: true },
    )
    return stdout.split('\0').filter(Boolean)
  }

  /** What the tree holds before a test run (see restoreSince). */
  async snapshot(): Promise<TreeSnapshot> {
    const snap: TreeSnapshot = new Map()
    for (const rel of await this.dirtyPaths()) {
      const abs = join(this.git.cwd, rel)
      const s = await stat(abs).catch(() => null)
      if (!s) snap.set(rel, null)
      else if (s.isFile() && s.size <= SNAPSHOT_MAX_BYTES) snap.set(rel, await readFile(abs))
      else snap.set(rel, 'too-large')
    }
    return snap
  }

  /**
   * Undoes what a test run wrote to tracked files (snapshots, generated fixtures, formatted
   * sources): the change the fixer delivers is only what it wrote with edit_file, and the final
   * diff check would otherwise refuse, or worse commit, files nobody meant to change. Files the
   * run created untracked are not part of the change and stay. Returns the restored paths.
   */
  async restoreSince(before: TreeSnapshot): Promise<string[]> {
    const after = await this.dirtyPaths()
    const restored: string[] = []
    const toBase: string[] = []
    for (const rel of new Set([...before.keys(), ...after])) {
      if (!before.has(rel)) {
        // clean before the run, changed by it: back to the failing commit's content
        toBase.push(rel)
        continue
      }
      const abs = join(this.git.cwd, rel)
      const now = await readFile(abs).catch(() => null)
      const was = before.get(rel)!
      if (was === 'too-large') continue
      if (was === null) {
        if (now !== null) {
          await rm(abs, { force: true })
          restored.push(rel)
        }
      } else if (now === null || !now.equals(was)) {
        await writeFile(abs, was)
        restored.push(rel)
      }
    }
    if (toBase.length) {
      await this.git.run(['checkout', this.baseSha, '--', ...toBase], { allowFail: true })
      restored.push(...toBase)
    }
    return restored.sort()
  }

  /** Puts the workspace back as it was: the fix was not delivered and must not linger. */
  async revert(entries: DiffEntry[]): Promise<void> {
    // paths as they are in the base commit: renames and copies by their source
    const tracked = entries
      .filter((e) => e.status !== 'A' && e.status !== 'C')
      .map((e) => e.oldPath ?? e.path)
    const added = entries
      .filter((e) => e.status === 'A' || e.status === 'R' || e.status === 'C')
      .map((e) => e.path)
    if (added.length)
      await this.git.run(['rm', '-q', '--cached', '--force', '--ignore-unmatch', '--', ...added], {
        allowFail: true,
      })
    if (tracked.length)
      await this.git.run(['checkout', this.baseSha, '--', ...new Set(tracked)], { allowFail: true })
    for (const p of added) {
      if (tracked.includes(p)) continue
      await this.git.run(['clean', '-f', '-q', '--', p], { allowFail: true })
    }
  }
}
