import { afterEach, describe, expect, it } from 'vitest'
import { createTestRepo, type TestRepo } from '../harness/git.js'
import { Git } from '../../src/tools/git.js'
import { commitFile, readAt } from '../../src/tools/git-tree.js'
import { memoryMarker, pendingLines, withMemoryLine } from '../../src/review/remember.js'

let repo: TestRepo | undefined
afterEach(async () => repo?.cleanup())

const who = { name: 'pitcrew[bot]', email: 'pitcrew@example.com' }

describe('commitFile: one file onto a commit, without a checkout', () => {
  it('creates the nested path, keeps every other file, leaves the worktree and index alone', async () => {
    repo = await createTestRepo({ 'src/a.ts': 'a\n', '.github/workflows/ci.yml': 'on: push\n' })
    const git = new Git(repo.work)
    const parent = await git.revParse('HEAD')
    const sha = await commitFile(git, {
      parent,
      path: '.github/pitcrew/MEMORY.md',
      content: '- one\n',
      message: 'remember one',
      identity: who,
    })
    expect(await readAt(git, sha, '.github/pitcrew/MEMORY.md')).toBe('- one\n')
    expect(await readAt(git, sha, '.github/workflows/ci.yml')).toBe('on: push\n')
    expect(await readAt(git, sha, 'src/a.ts')).toBe('a\n')
    expect((await repo.git('rev-parse', `${sha}^`)).trim()).toBe(parent)
    expect((await repo.git('log', '-1', '--format=%an <%ae>|%s', sha)).trim()).toBe(
      'pitcrew[bot] <pitcrew@example.com>|remember one',
    )
    // Nothing moved: HEAD, the index and the working tree are as they were.
    expect(await git.revParse('HEAD')).toBe(parent)
    expect((await repo.git('status', '--porcelain')).trim()).toBe('')

    const next = await commitFile(git, {
      parent: sha,
      path: '.github/pitcrew/MEMORY.md',
      content: '- one\n- two\n',
      message: 'remember two',
      identity: who,
    })
    expect(await readAt(git, next, '.github/pitcrew/MEMORY.md')).toBe('- one\n- two\n')
    expect((await repo.git('diff', '--name-only', sha, next)).trim()).toBe(
      '.github/pitcrew/MEMORY.md',
    )
  })

  it('refuses a path that climbs out', async () => {
    repo = await createTestRepo({ 'a.txt': 'a\n' })
    const git = new Git(repo.work)
    await expect(
      commitFile(git, { parent: 'HEAD', path: '../x', content: '', message: 'm', identity: who }),
    ).rejects.toThrow("Invalid path '../x'")
  })
})

describe('the memory file', () => {
  it('gets a header first, then one line per comment, never twice for one comment', () => {
    const one = withMemoryLine(null, 'Money is in cents.', 11)
    expect(one).toBe(
      `# Project memory\n\nNotes for pitcrew reviews, added with \`/pitcrew remember <text>\`.\n\n- Money is in cents. ${memoryMarker(11)}\n`,
    )
    expect(withMemoryLine(one, 'Money is in cents.', 11)).toBe(one)
    const two = withMemoryLine(one, 'Prefer early returns.', 110)
    expect(two.endsWith(`- Prefer early returns. ${memoryMarker(110)}\n`)).toBe(true)
    // A file written by people, without a trailing newline, keeps its text.
    expect(withMemoryLine('We use tabs.', 'x', 5)).toBe(`We use tabs.\n- x ${memoryMarker(5)}\n`)
  })

  it('lists the lines the default branch does not have yet', () => {
    const merged = withMemoryLine(null, 'old', 1)
    const branch = withMemoryLine(merged, 'new', 2)
    expect(pendingLines(branch, merged)).toEqual([`- new ${memoryMarker(2)}`])
    expect(pendingLines(branch, null)).toEqual([
      `- old ${memoryMarker(1)}`,
      `- new ${memoryMarker(2)}`,
    ])
  })
})
