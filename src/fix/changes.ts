/**
 * The change the fixer made, as git sees it: tracked files against the failing sha plus the new
 * files edit_file created (registered with `git add -N` so diffs show them). Artifacts the test
 * runs leave untracked (reports, caches) are not part of the change.
 */
import type { Git } from '../tools/git.js'
import { parseDiffEntries, type DiffEntry } from './guards.js'

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
