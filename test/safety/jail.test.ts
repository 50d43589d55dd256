import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isGitInternal, readFileCapped, resolveInWorkspace } from '../../src/safety/jail.js'

let base: string
let ws: string
let outside: string

beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pitcrew-jail-')))
  ws = path.join(base, 'ws')
  outside = path.join(base, 'outside')
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'export const a = 1\n')
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret\n')
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))

describe('resolveInWorkspace', () => {
  it('allows normal paths, new files and the root', () => {
    expect(resolveInWorkspace(ws, 'src/a.ts')).toEqual({
      ok: true,
      abs: path.join(ws, 'src', 'a.ts'),
      rel: 'src/a.ts',
    })
    expect(resolveInWorkspace(ws, 'src/new/dir/b.ts')).toMatchObject({
      ok: true,
      rel: 'src/new/dir/b.ts',
    })
    expect(resolveInWorkspace(ws, 'src/../src/a.ts')).toMatchObject({ ok: true, rel: 'src/a.ts' })
    expect(resolveInWorkspace(ws, '.')).toMatchObject({ ok: true, rel: '.' })
  })

  it('refuses .. escapes', () => {
    for (const p of ['../outside/secret.txt', 'src/../../outside', '..']) {
      const r = resolveInWorkspace(ws, p)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toContain(`'${p}'`)
    }
  })

  it('refuses absolute paths, even ones inside the workspace', () => {
    for (const p of ['/etc/passwd', path.join(ws, 'src/a.ts'), 'C:\\Windows\\x']) {
      const r = resolveInWorkspace(ws, p)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/absolute/)
    }
  })

  it('refuses a file symlink pointing outside', () => {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link.txt'))
    const r = resolveInWorkspace(ws, 'link.txt')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/symlink/)
  })

  it('refuses paths through a directory symlink pointing outside, new files included', () => {
    fs.symlinkSync(outside, path.join(ws, 'dirlink'))
    expect(resolveInWorkspace(ws, 'dirlink/secret.txt').ok).toBe(false)
    expect(resolveInWorkspace(ws, 'dirlink/new/file.txt').ok).toBe(false)
  })

  it('refuses a dangling symlink (writing through it would create its target)', () => {
    fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(ws, 'dangling'))
    expect(resolveInWorkspace(ws, 'dangling').ok).toBe(false)
  })

  it('allows symlinks that stay inside and reports the real path', () => {
    fs.symlinkSync(path.join(ws, 'src'), path.join(ws, 'alias'))
    expect(resolveInWorkspace(ws, 'alias/a.ts')).toMatchObject({ ok: true, rel: 'src/a.ts' })
  })

  it('works when the workspace path itself goes through a symlink', () => {
    const linkedWs = path.join(base, 'ws-link')
    fs.symlinkSync(ws, linkedWs)
    expect(resolveInWorkspace(linkedWs, 'src/a.ts')).toMatchObject({ ok: true, rel: 'src/a.ts' })
    expect(resolveInWorkspace(linkedWs, '../outside').ok).toBe(false)
  })

  it('recognises git internals', () => {
    expect(isGitInternal('.git/config')).toBe(true)
    expect(isGitInternal('sub/.git/hooks/pre-commit')).toBe(true)
    expect(isGitInternal('.github/workflows/ci.yml')).toBe(false)
  })
})

describe('readFileCapped', () => {
  it('reads a small text file', async () => {
    const r = await readFileCapped(path.join(ws, 'src', 'a.ts'), { maxBytes: 1000 })
    expect(r).toEqual({ ok: true, text: 'export const a = 1\n', bytes: 19 })
  })

  it('refuses a 2 GB file from its size without reading it', async () => {
    const big = path.join(ws, 'huge.log')
    // Sparse: 2 GB of size, no disk used.
    fs.writeFileSync(big, '')
    fs.truncateSync(big, 2 * 1024 ** 3)
    // Unreadable as well: any attempt to open it would fail with EACCES instead (for non-root).
    fs.chmodSync(big, 0o000)
    const r = await readFileCapped(big, { maxBytes: 1_000_000 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe('too_large')
      expect(r.bytes).toBe(2 * 1024 ** 3)
      expect(r.error).toContain('2.0 GB')
      expect(r.error).toContain('not read')
    }
  })

  it('refuses binary files', async () => {
    const bin = path.join(ws, 'img.png')
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))
    const r = await readFileCapped(bin, { maxBytes: 1000 })
    expect(r).toMatchObject({ ok: false, reason: 'binary' })
  })

  it('refuses directories and FIFOs (which would block a read forever)', async () => {
    expect(await readFileCapped(path.join(ws, 'src'), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: 'not_a_file',
    })
    const fifo = path.join(ws, 'pipe')
    execFileSync('mkfifo', [fifo])
    expect(await readFileCapped(fifo, { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: 'not_a_file',
    })
    expect(await readFileCapped(path.join(ws, 'missing'), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: 'not_found',
    })
  })
})
