import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ToolResult } from '../../src/agent/types.js'
import { editFileTool } from '../../src/tools/edit.js'

let base: string
let ws: string
let outside: string

const noGuard = () => null
async function edit(
  input: Record<string, unknown>,
  guard: (rel: string) => string | null = noGuard,
): Promise<ToolResult> {
  const r = await editFileTool({ guard }).run(input, {
    workspace: ws,
    signal: new AbortController().signal,
  })
  return typeof r === 'string' ? { content: r } : r
}
const read = (rel: string) => fs.readFileSync(path.join(ws, rel), 'utf8')

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-edit-')))
  ws = path.join(base, 'ws')
  outside = path.join(base, 'outside')
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'const a = 1\nconst b = 2\nconst a2 = 1\n')
  fs.writeFileSync(path.join(outside, 'victim.txt'), 'original\n')
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))

describe('edit_file', () => {
  it('replaces a unique exact match and shows the result', async () => {
    const r = await edit({ path: 'src/a.ts', old_text: 'const b = 2', new_text: 'const b = 3' })
    expect(r.isError).toBeFalsy()
    expect(r.content).toContain('Edited src/a.ts')
    expect(r.content).toContain('2\tconst b = 3')
    expect(read('src/a.ts')).toBe('const a = 1\nconst b = 3\nconst a2 = 1\n')
  })

  it('keeps $ patterns in new_text literal', async () => {
    await edit({ path: 'src/a.ts', old_text: 'const b = 2', new_text: "const b = '$&$1'" })
    expect(read('src/a.ts')).toContain("const b = '$&$1'")
  })

  it('refuses zero and multiple matches, saying how many', async () => {
    const none = await edit({ path: 'src/a.ts', old_text: 'const c = 9', new_text: 'x' })
    expect(none).toMatchObject({ isError: true })
    expect(none.content).toContain('0 matches')
    const many = await edit({ path: 'src/a.ts', old_text: ' = 1', new_text: ' = 5' })
    expect(many).toMatchObject({ isError: true })
    expect(many.content).toContain('matches 2 places')
    expect(many.content).toContain('more surrounding lines')
    expect(read('src/a.ts')).toBe('const a = 1\nconst b = 2\nconst a2 = 1\n')
  })

  it('creates a new file only with an empty old_text, and never over an existing one', async () => {
    const created = await edit({ path: 'src/new/b.ts', old_text: '', new_text: 'export {}\n' })
    expect(created.isError).toBeFalsy()
    expect(read('src/new/b.ts')).toBe('export {}\n')
    const clobber = await edit({ path: 'src/a.ts', old_text: '', new_text: 'gone' })
    expect(clobber.isError).toBe(true)
    expect(read('src/a.ts')).toContain('const b = 2')
    const missing = await edit({ path: 'src/missing.ts', old_text: 'x', new_text: 'y' })
    expect(missing.isError).toBe(true)
    expect(fs.existsSync(path.join(ws, 'src/missing.ts'))).toBe(false)
  })

  it('matches LF old_text in a CRLF file and keeps CRLF', async () => {
    fs.writeFileSync(path.join(ws, 'win.txt'), 'one\r\ntwo\r\nthree\r\n')
    const r = await edit({ path: 'win.txt', old_text: 'one\ntwo', new_text: 'uno\ndos' })
    expect(r.isError).toBeFalsy()
    expect(read('win.txt')).toBe('uno\r\ndos\r\nthree\r\n')
  })

  it('refuses writes outside the workspace: .., absolute, file and directory symlinks', async () => {
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(ws, 'link.txt'))
    fs.symlinkSync(outside, path.join(ws, 'dirlink'))
    fs.symlinkSync(path.join(outside, 'created-by-link.txt'), path.join(ws, 'dangling.txt'))
    const attempts = [
      { path: '../outside/victim.txt', old_text: 'original', new_text: 'pwned' },
      { path: '../x', old_text: '', new_text: 'pwned' },
      { path: '/etc/passwd', old_text: 'root', new_text: 'pwned' },
      { path: path.join(outside, 'victim.txt'), old_text: 'original', new_text: 'pwned' },
      { path: 'link.txt', old_text: 'original', new_text: 'pwned' },
      { path: 'dirlink/victim.txt', old_text: 'original', new_text: 'pwned' },
      { path: 'dirlink/new.txt', old_text: '', new_text: 'pwned' },
      { path: 'dangling.txt', old_text: '', new_text: 'pwned' },
    ]
    for (const input of attempts) {
      const r = await edit(input)
      expect(r.isError, input.path).toBe(true)
    }
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('original\n')
    expect(fs.readdirSync(outside).sort()).toEqual(['victim.txt'])
    expect(fs.existsSync(path.join(base, 'x'))).toBe(false)
  })

  it('refuses git internals (a hook would run code on the next commit)', async () => {
    const r = await edit({
      path: '.git/hooks/pre-commit',
      old_text: '',
      new_text: '#!/bin/sh\nrm -rf /\n',
    })
    expect(r.isError).toBe(true)
    expect(fs.existsSync(path.join(ws, '.git'))).toBe(false)
  })

  it('applies the guard to the real path, also through an inside symlink', async () => {
    fs.mkdirSync(path.join(ws, '.github', 'workflows'), { recursive: true })
    fs.writeFileSync(path.join(ws, '.github', 'workflows', 'ci.yml'), 'on: push\n')
    fs.symlinkSync(path.join(ws, '.github'), path.join(ws, 'innocent'))
    const guard = (rel: string) =>
      rel.startsWith('.github/') ? 'protected path (.github/**)' : null
    for (const p of ['.github/workflows/ci.yml', 'innocent/workflows/ci.yml']) {
      const r = await edit(
        { path: p, old_text: 'on: push', new_text: 'on: pull_request_target' },
        guard,
      )
      expect(r.isError, p).toBe(true)
      expect(r.content).toContain('protected path')
    }
    expect(fs.readFileSync(path.join(ws, '.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n')
  })

  it('refuses binary and oversized files', async () => {
    fs.writeFileSync(path.join(ws, 'bin'), Buffer.from([0x61, 0, 0x62]))
    expect((await edit({ path: 'bin', old_text: 'a', new_text: 'c' })).isError).toBe(true)
    fs.writeFileSync(path.join(ws, 'big.log'), '')
    fs.truncateSync(path.join(ws, 'big.log'), 2 * 1024 ** 3)
    const r = await edit({ path: 'big.log', old_text: 'a', new_text: 'c' })
    expect(r.isError).toBe(true)
    expect(r.content).toContain('2.0 GB')
  })
})

describe('edit_file: names of new files', () => {
  const hostile = (rel: string) => (rel.startsWith('-') ? 'starts with a dash' : null)
  async function create(p: string): Promise<ToolResult> {
    const r = await editFileTool({ guard: noGuard, newFileGuard: hostile }).run(
      { path: p, old_text: '', new_text: 'x\n' },
      { workspace: ws, signal: new AbortController().signal },
    )
    return typeof r === 'string' ? { content: r } : r
  }

  it('refuses to create a file the new-file guard refuses, and writes nothing', async () => {
    const r = await create('--output=x')
    expect(r.isError).toBe(true)
    expect(r.content).toBe('Refused to create "--output=x": starts with a dash')
    expect(fs.existsSync(path.join(ws, '--output=x'))).toBe(false)
    expect((await create('src/ok.ts')).isError).toBeFalsy()
  })

  it('does not judge the name of a file that already exists', async () => {
    fs.writeFileSync(path.join(ws, '-legacy.txt'), 'old\n')
    const r = await editFileTool({ guard: noGuard, newFileGuard: hostile }).run(
      { path: '-legacy.txt', old_text: 'old', new_text: 'new' },
      { workspace: ws, signal: new AbortController().signal },
    )
    expect(typeof r).toBe('string')
    expect(read('-legacy.txt')).toBe('new\n')
  })
})
