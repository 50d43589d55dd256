/** The names a fix may give new files (case 8 of issue 9): pure checks, no git. */
import { describe, expect, it } from 'vitest'
import { checkNewPaths, newPathRefusal } from '../../src/fix/paths.js'
import type { DiffEntry } from '../../src/fix/guards.js'

const entry = (status: DiffEntry['status'], path: string, oldPath?: string): DiffEntry => ({
  status,
  path,
  ...(oldPath ? { oldPath } : {}),
  added: 1,
  deleted: 0,
  binary: false,
})

describe('newPathRefusal', () => {
  it('accepts plain names, dots, spaces and dashes inside a segment', () => {
    for (const p of ['src/price.ts', 'src/.env.example', 'docs/read me.md', 'a/b-c/d_e.js', '_x'])
      expect(newPathRefusal(p), p).toBeNull()
  })

  it('refuses a segment that starts with a dash, anywhere in the path', () => {
    for (const p of ['--output=x', '-rf', 'src/--exec=sh', 'a/-b/c.ts']) {
      expect(newPathRefusal(p), p).toMatch(/segment starting with '-'/)
    }
  })

  it('refuses control characters and shows them escaped, never raw', () => {
    const r = newPathRefusal('src/evil\nname.ts')!
    expect(r).toContain('control character (U+000A)')
    expect(r).toContain('"src/evil\\nname.ts"')
    expect(r).not.toContain('\n')
    for (const p of ['a\tb', 'a\rb', 'a\u0000b', 'a\u001bb', 'a\u007fb'])
      expect(newPathRefusal(p), JSON.stringify(p)).toMatch(/control character/)
  })

  it('refuses what core.quotePath quotes: quotes, backslashes, non-ASCII', () => {
    expect(newPathRefusal('a"b.ts')).toMatch(/double quote/)
    expect(newPathRefusal('a\\b.ts')).toMatch(/backslash/)
    expect(newPathRefusal('café.ts')).toMatch(/non-ASCII character \(U\+00E9\)/)
    expect(newPathRefusal('src/\u202egnp.js')).toMatch(/non-ASCII character \(U\+202E\)/)
  })
})

describe('checkNewPaths', () => {
  it('judges added files and rename/copy targets, not modified files or rename sources', () => {
    const reasons = checkNewPaths([
      entry('M', 'docs/café.md'),
      entry('A', '--output=x'),
      entry('R', 'ok/new.ts', '-old.ts'),
      entry('C', 'b\nc.ts', 'a.ts'),
      entry('A', 'src/fine.ts'),
    ])
    expect(reasons).toHaveLength(2)
    expect(reasons[0]).toMatch(/^Refused "--output=x"/)
    expect(reasons[1]).toMatch(/^Refused "b\\nc\.ts"/)
  })
})
