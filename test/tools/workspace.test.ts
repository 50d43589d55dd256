import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ToolDefinition, ToolResult } from '../../src/agent/types.js'
import {
  listFilesTool,
  readFileTool,
  searchTool,
  workspaceTools,
} from '../../src/tools/workspace.js'

let base: string
let ws: string

function write(rel: string, content: string | Buffer) {
  const abs = path.join(ws, rel)
  fs.mkdirSync(path.dirname(abs), { recursive: true })
  fs.writeFileSync(abs, content)
}

async function call(tool: ToolDefinition, input: Record<string, unknown>): Promise<ToolResult> {
  const r = await tool.run(input, { workspace: ws, signal: new AbortController().signal })
  return typeof r === 'string' ? { content: r } : r
}

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-ws-')))
  ws = path.join(base, 'ws')
  fs.mkdirSync(ws)
  write('src/app.ts', Array.from({ length: 450 }, (_, i) => `line ${i + 1}`).join('\n') + '\n')
  write('src/util.ts', 'export function add(a: number, b: number) {\n  return a + b\n}\n')
  write('src/deep/nested.test.ts', "it('adds', () => expect(add(1, 2)).toBe(3))\n")
  write('README.md', '# demo\nTODO: write docs\n')
  write('many.txt', Array.from({ length: 150 }, (_, i) => `hit ${i}`).join('\n'))
  write('bin.dat', Buffer.from([1, 2, 0, 3, 0x68, 0x69, 0x74]))
  write('node_modules/dep/index.js', 'TODO: hidden in deps\n')
  write('.git/config', '[core]\nTODO = hidden in git\n')
  fs.mkdirSync(path.join(base, 'outside'))
  fs.writeFileSync(path.join(base, 'outside', 'secret.txt'), 'TODO: outside secret\n')
  fs.symlinkSync(path.join(base, 'outside'), path.join(ws, 'escape'))
  fs.writeFileSync(path.join(ws, 'huge.log'), '')
  fs.truncateSync(path.join(ws, 'huge.log'), 2 * 1024 ** 3)
})
afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

describe('workspaceTools', () => {
  it('gives the three contract tools', () => {
    expect(workspaceTools().map((t) => t.name)).toEqual(['read_file', 'search', 'list_files'])
    for (const t of workspaceTools()) expect(t.inputSchema.type).toBe('object')
  })
})

describe('read_file', () => {
  const tool = readFileTool()

  it('shows a numbered default window and says how to read more', async () => {
    const r = await call(tool, { path: 'src/app.ts' })
    expect(r.isError).toBeFalsy()
    const lines = r.content.split('\n')
    expect(lines[0]).toBe('src/app.ts — lines 1-200 of 450')
    expect(lines[1]).toBe('  1\tline 1')
    expect(lines[200]).toBe('200\tline 200')
    expect(r.content).toContain('call read_file with start_line=201')
  })

  it('reads a requested range and marks the end of the file', async () => {
    const r = await call(tool, { path: 'src/app.ts', start_line: 449, end_line: 500 })
    expect(r.content).toBe(
      'src/app.ts — lines 449-450 of 450\n449\tline 449\n450\tline 450\n[end of file]',
    )
  })

  it('errors on a start line past the end, naming the length', async () => {
    const r = await call(tool, { path: 'src/app.ts', start_line: 451 })
    expect(r).toMatchObject({ isError: true })
    expect(r.content).toContain('450 lines')
  })

  it('refuses the 2 GB file by size without reading it', async () => {
    const r = await call(tool, { path: 'huge.log' })
    expect(r.isError).toBe(true)
    expect(r.content).toContain('2.0 GB')
    expect(r.content).toContain('not read')
  })

  it('refuses binary files, escapes, absolute paths, symlinks out and git internals', async () => {
    for (const p of [
      'bin.dat',
      '../outside/secret.txt',
      '/etc/passwd',
      'escape/secret.txt',
      '.git/config',
    ]) {
      const r = await call(tool, { path: p })
      expect(r.isError, p).toBe(true)
      expect(r.content).not.toContain('outside secret')
    }
  })

  it('reports a missing file as an error result', async () => {
    const r = await call(tool, { path: 'nope.ts' })
    expect(r.isError).toBe(true)
    expect(r.content).toContain('nope.ts')
    expect(r.content).not.toContain(base)
  })
})

describe('search', () => {
  const tool = searchTool()

  it('finds matches as path:line, skipping .git, node_modules, binaries, huge files and symlinks', async () => {
    const r = await call(tool, { pattern: 'TODO' })
    expect(r.isError).toBeFalsy()
    expect(r.content).toContain('README.md:2: TODO: write docs')
    expect(r.content).not.toContain('hidden in')
    expect(r.content).not.toContain('outside secret')
    expect(r.content).toContain('over 976.6 KB skipped')
  })

  it('narrows by path and glob', async () => {
    const r = await call(tool, { pattern: 'add', glob: '*.test.ts' })
    expect(r.content).toContain('src/deep/nested.test.ts:1:')
    expect(r.content).not.toContain('src/util.ts')
    const r2 = await call(tool, { pattern: 'add', path: 'src', glob: 'src/*.ts' })
    expect(r2.content).toContain('src/util.ts:1:')
    expect(r2.content).not.toContain('nested')
  })

  it('asks to narrow when over the cap', async () => {
    const r = await call(tool, { pattern: '^hit \\d+' })
    expect(r.isError).toBeFalsy()
    expect(r.content).toContain('More than 100 matches')
    expect(r.content).toContain('Narrow the search')
    expect(r.content.split('\n').filter((l) => l.startsWith('many.txt:')).length).toBe(100)
  })

  it('returns an error result naming an invalid regex', async () => {
    const r = await call(tool, { pattern: 'foo(' })
    expect(r.isError).toBe(true)
    expect(r.content).toContain("Invalid regex 'foo('")
  })

  it('stops a catastrophically backtracking regex with an error result asking for a simpler pattern', async () => {
    // (a|aa)+$ has no nested quantifier, yet on 'aaaa…!' it tries every split of the run of a's.
    write('redos.txt', `short line\n${'a'.repeat(60)}!\n`)
    const slow = searchTool({ searchTimeoutMs: 300 })
    for (const pattern of ['(a|aa)+$', '(a+)+$', '(\\w+\\s?)+$']) {
      const r = await call(slow, { pattern, path: 'redos.txt' })
      expect(r.isError, pattern).toBe(true)
      expect(r.content).toContain('simpler pattern')
    }
    // Repetition itself is fine when it cannot backtrack: the same tool still answers.
    const fine = await call(slow, { pattern: '(ab)+|a+!', path: 'redos.txt' })
    expect(fine.isError).toBeFalsy()
    expect(fine.content).toContain('redos.txt:2:')
    fs.rmSync(path.join(ws, 'redos.txt'))
  })

  it('accepts (?i) for case-insensitive search', async () => {
    const r = await call(tool, { pattern: '(?i)# DEMO' })
    expect(r.content).toContain('README.md:1: # demo')
  })

  it('refuses paths outside the workspace', async () => {
    for (const p of ['..', '/etc', 'escape']) {
      const r = await call(tool, { pattern: 'TODO', path: p })
      expect(r.isError, p).toBe(true)
    }
  })
})

describe('list_files', () => {
  it('lists recursively, skipping .git and node_modules, marking directories and symlinks', async () => {
    const r = await call(listFilesTool(), {})
    expect(r.isError).toBeFalsy()
    const lines = r.content.split('\n')
    expect(lines).toContain('src/')
    expect(lines).toContain('src/deep/nested.test.ts')
    expect(lines).toContain('escape (symlink)')
    expect(r.content).not.toContain('node_modules')
    expect(r.content).not.toContain('.git')
  })

  it('lists a subdirectory and caps the listing', async () => {
    const r = await call(listFilesTool(), { path: 'src' })
    expect(r.content.split('\n')).toContain('src/util.ts')
    const capped = await call(listFilesTool({ maxEntries: 3 }), {})
    expect(capped.content).toContain('Listing stopped at 3 entries')
  })

  it('refuses paths outside the workspace', async () => {
    expect((await call(listFilesTool(), { path: '../outside' })).isError).toBe(true)
    expect((await call(listFilesTool(), { path: 'escape' })).isError).toBe(true)
  })
})
