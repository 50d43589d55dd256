import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, chmodSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import {
  parseGitDiff,
  parsePatch,
  fileFromApi,
  commentableLines,
  unquoteGitPath,
  indexDiff,
  type DiffFile,
} from '../../src/review/diff.js'

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd,
    },
  })
}

function write(root: string, files: Record<string, string | Buffer | null>): void {
  for (const [p, content] of Object.entries(files)) {
    const abs = join(root, p)
    if (content === null) {
      unlinkSync(abs)
      continue
    }
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, content)
  }
}

const lines = (n: number, prefix = 'line'): string =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n'

describe('parseGitDiff on real git output', () => {
  let dir: string
  let sub: string
  let files: DiffFile[]
  let raw: string
  const byPath = (p: string): DiffFile => {
    const f = files.find((x) => x.path === p)
    if (!f) throw new Error(`no file '${p}' in ${files.map((x) => x.path).join(', ')}`)
    return f
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pitcrew-diff-'))
    sub = mkdtempSync(join(tmpdir(), 'pitcrew-sub-'))
    git(sub, 'init', '-q')
    write(sub, { 'x.txt': 'x\n' })
    git(sub, 'add', '.')
    git(sub, 'commit', '-qm', 'sub 1')
    git(dir, 'init', '-q')
    git(dir, 'config', 'core.quotePath', 'true')
    write(dir, {
      'src/app.ts': lines(40),
      'gone.txt': 'bye\n',
      'old name.txt': lines(10, 'rename'),
      'copy-src.txt': lines(30, 'copy'),
      'café ü.txt': 'x\n',
      'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
      'nonl.txt': 'a\nb',
      'script.sh': 'echo hi\n',
      'img.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
      'tricky.txt': '--- a/x\n+++ b/y\nplain\n',
    })
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'base')
    git(dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'mod')
    git(dir, 'commit', '-qm', 'submodule')
    const base = git(dir, 'rev-parse', 'HEAD').trim()
    // Second submodule commit to move the gitlink.
    write(sub, { 'x.txt': 'y\n' })
    git(sub, 'commit', '-qam', 'sub 2')
    git(join(dir, 'mod'), 'pull', '-q', 'origin', 'HEAD')
    const appLines = lines(40).split('\n')
    appLines[4] = 'changed 5'
    appLines.splice(20, 2)
    appLines.splice(30, 0, 'added a', 'added b')
    write(dir, {
      'src/app.ts': appLines.join('\n'),
      'gone.txt': null,
      'new file.ts': 'export const x = 1\n',
      'crlf.txt': 'one\r\nTWO\r\nthree\r\n',
      'nonl.txt': 'a\nc',
      'img.bin': Buffer.from([0, 1, 2, 9, 0, 255, 7]),
      'tricky.txt': '--- a/x\n-- removed\n+++ b/y\nplain\n',
      'copy-dst.txt': lines(30, 'copy').replace('copy 3\n', 'copy three\n'),
    })
    git(dir, 'mv', 'old name.txt', 'new näme.txt')
    mkdirSync(join(dir, 'dir with space'))
    git(dir, 'mv', 'café ü.txt', 'dir with space/café ü.txt')
    chmodSync(join(dir, 'script.sh'), 0o755)
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'change')
    raw = git(
      dir,
      'diff',
      '-M',
      '-C',
      '--find-copies-harder',
      '--no-color',
      '--no-ext-diff',
      base,
      'HEAD',
    )
    files = parseGitDiff(raw)
  })

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(sub, { recursive: true, force: true })
  })

  it('numbers lines of a modified file on both sides', () => {
    const f = byPath('src/app.ts')
    expect(f.status).toBe('modified')
    expect(f.additions).toBe(3)
    expect(f.deletions).toBe(3)
    const all = f.hunks.flatMap((h) => h.lines)
    expect(all.find((l) => l.kind === 'add' && l.content === 'changed 5')?.newLine).toBe(5)
    expect(all.find((l) => l.kind === 'del' && l.content === 'line 5')?.oldLine).toBe(5)
    expect(all.find((l) => l.kind === 'del' && l.content === 'line 21')?.oldLine).toBe(21)
    // After deleting 2 lines, old 31 sits at new 29; the two added lines follow line 30 of the new file.
    expect(all.find((l) => l.content === 'added a')?.newLine).toBe(31)
    for (const l of all.filter((x) => x.kind === 'context')) {
      expect(l.content).toBe(`line ${l.oldLine}`)
    }
    const c = commentableLines(f)
    expect(c.RIGHT.has(5)).toBe(true)
    expect(c.LEFT.has(5)).toBe(true)
    expect(c.LEFT.has(21)).toBe(true)
    expect(c.RIGHT.has(15)).toBe(false)
  })

  it('reads added and deleted files', () => {
    const added = byPath('new file.ts')
    expect(added.status).toBe('added')
    expect(added.oldPath).toBeNull()
    expect(added.hunks[0]!.lines[0]).toMatchObject({
      kind: 'add',
      newLine: 1,
      content: 'export const x = 1',
    })
    const gone = byPath('gone.txt')
    expect(gone.status).toBe('deleted')
    expect(gone.newPath).toBeNull()
    expect(commentableLines(gone).LEFT.has(1)).toBe(true)
    expect(commentableLines(gone).RIGHT.size).toBe(0)
  })

  it('reads renames with non-ASCII and space-containing quoted paths', () => {
    const r = byPath('new näme.txt')
    expect(r.status).toBe('renamed')
    expect(r.oldPath).toBe('old name.txt')
    expect(r.similarity).toBe(100)
    expect(r.hunks).toHaveLength(0)
    const moved = byPath('dir with space/café ü.txt')
    expect(moved.oldPath).toBe('café ü.txt')
    expect(raw).toContain('"b/dir with space/caf\\303\\251 \\303\\274.txt"')
  })

  it('reads copies', () => {
    const c = byPath('copy-dst.txt')
    expect(c.status).toBe('copied')
    expect(c.oldPath).toBe('copy-src.txt')
    expect(c.additions).toBe(1)
  })

  it('keeps CR of CRLF lines as content', () => {
    const f = byPath('crlf.txt')
    const add = f.hunks[0]!.lines.find((l) => l.kind === 'add')!
    expect(add.content).toBe('TWO\r')
    expect(add.newLine).toBe(2)
  })

  it('marks lines without a trailing newline', () => {
    const f = byPath('nonl.txt')
    const del = f.hunks[0]!.lines.find((l) => l.kind === 'del')!
    const add = f.hunks[0]!.lines.find((l) => l.kind === 'add')!
    expect(del).toMatchObject({ content: 'b', noNewline: true, oldLine: 2 })
    expect(add).toMatchObject({ content: 'c', noNewline: true, newLine: 2 })
  })

  it('reads mode changes without hunks', () => {
    const f = byPath('script.sh')
    expect(f.modeChange).toEqual({ oldMode: '100644', newMode: '100755' })
    expect(f.hunks).toHaveLength(0)
  })

  it('reads binary files', () => {
    const f = byPath('img.bin')
    expect(f.binary).toBe(true)
    expect(f.hunks).toHaveLength(0)
  })

  it('reads submodules', () => {
    const f = byPath('mod')
    expect(f.submodule).toBe(true)
    expect(f.hunks[0]!.lines.map((l) => l.content.slice(0, 17))).toEqual([
      'Subproject commit',
      'Subproject commit',
    ])
  })

  it('reads content lines that look like headers as content', () => {
    const f = byPath('tricky.txt')
    expect(f.additions).toBe(1)
    expect(f.hunks[0]!.lines.find((l) => l.kind === 'add')!.content).toBe('-- removed')
    expect(f.hunks[0]!.lines[0]!.content).toBe('--- a/x')
  })

  it('agrees with the per-file patch GitHub would send', () => {
    const f = byPath('src/app.ts')
    const patch = raw.slice(raw.indexOf('@@', raw.indexOf('diff --git a/src/app.ts')))
    const end = patch.indexOf('\ndiff --git')
    const hunks = parsePatch(patch.slice(0, end < 0 ? undefined : end + 1))
    expect(hunks).toEqual(f.hunks)
    const api = fileFromApi({
      filename: 'src/app.ts',
      status: 'modified',
      patch: patch.slice(0, end + 1),
    })
    expect(api?.additions).toBe(3)
    expect(fileFromApi({ filename: 'big.ts', status: 'modified', changes: 5 })).toBeNull()
    expect(fileFromApi({ filename: 'a.png', status: 'added', changes: 0 })?.hunks).toEqual([])
    const renamed = fileFromApi({
      filename: 'b.ts',
      previous_filename: 'a.ts',
      status: 'renamed',
      changes: 0,
    })
    expect(indexDiff([renamed!]).renamedFrom.get('a.ts')).toBe('b.ts')
  })

  it('parses unquoted paths with spaces in headers without ---/+++ lines', () => {
    const text = 'diff --git a/my dir/a b.sh b/my dir/a b.sh\nold mode 100644\nnew mode 100755\n'
    const [f] = parseGitDiff(text)
    expect(f!.path).toBe('my dir/a b.sh')
    expect(f!.modeChange?.newMode).toBe('100755')
  })
})

describe('unquoteGitPath', () => {
  it('decodes octal UTF-8 bytes and simple escapes', () => {
    expect(unquoteGitPath('"caf\\303\\251 \\"q\\"\\ttab\\\\"')).toBe('café "q"\ttab\\')
    expect(unquoteGitPath('plain')).toBe('plain')
  })
})
