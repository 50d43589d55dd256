/**
 * The code under test for a failing test: the source of the functions it exercises. An assertion
 * failure's stack often names only the test file, so the model would start from the test lines
 * alone; this finds the functions (stack frames into non-test files, else the names the failing
 * assertion uses that the test file imports) and shows their source, capped. Pure over a file
 * reader.
 */
import { dirname, join, normalize } from 'node:path/posix'
import { isTestFile } from './guards.js'
import type { SourceExcerpt, TestFailure } from './parsers/types.js'

export interface CodeOptions {
  readFile: (rel: string) => Promise<string | null>
  /** Functions shown per failure. */
  maxFunctions?: number
  /** Lines shown per function (longer ones are cut at the end). */
  maxLines?: number
}

const JS_EXT = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']
const JS_INDEX = ['/index.ts', '/index.js', '/index.mjs']

/** Names a test file imports, with the module path as written. */
export function importsOf(source: string, file: string): Map<string, string> {
  const out = new Map<string, string>()
  const py = file.endsWith('.py')
  if (py) {
    for (const m of source.matchAll(/^\s*from\s+([.\w]+)\s+import\s+\(?([^)\n]+)\)?/gm)) {
      for (const part of m[2]!.split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/)
        if (name && /^\w+$/.test(name)) out.set((alias ?? name).trim(), `${m[1]}:${name}`)
      }
    }
    return out
  }
  for (const m of source.matchAll(/import\s+([^'";]+?)\s+from\s+['"]([^'"]+)['"]/g)) {
    const spec = m[1]!
    const braces = /\{([^}]*)\}/.exec(spec)
    for (const part of braces ? braces[1]!.split(',') : []) {
      const [name, alias] = part.trim().split(/\s+as\s+/)
      if (name) out.set((alias ?? name).trim(), `${m[2]}:${name.trim()}`)
    }
    const def = /^([A-Za-z_$][\w$]*)/.exec(spec.trim())
    if (def && !spec.trim().startsWith('{')) out.set(def[1]!, `${m[2]}:default`)
  }
  for (const m of source.matchAll(
    /(?:const|let|var)\s+(\{[^}]*\}|[A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const lhs = m[1]!
    if (lhs.startsWith('{')) {
      for (const part of lhs.slice(1, -1).split(',')) {
        const [name, alias] = part.trim().split(/\s*:\s*/)
        if (name) out.set((alias ?? name).trim(), `${m[2]}:${name.trim()}`)
      }
    } else out.set(lhs, `${m[2]}:default`)
  }
  return out
}

/** Candidate workspace paths of a module named in a test file. */
function modulePaths(spec: string, testFile: string): string[] {
  if (testFile.endsWith('.py')) {
    const rel = spec.startsWith('.')
      ? join(dirname(testFile), spec.replace(/^\.+/, '').replace(/\./g, '/'))
      : spec.replace(/\./g, '/')
    return [`${rel}.py`, `${rel}/__init__.py`]
  }
  if (!spec.startsWith('.')) return []
  const base = normalize(join(dirname(testFile), spec)).replace(/\.(js|mjs|cjs)$/, '')
  const withJs = normalize(join(dirname(testFile), spec))
  return [withJs, ...JS_EXT.map((e) => base + e), ...JS_INDEX.map((e) => base + e)]
}

/** 1-based line where `name` is defined in a source file, or 0. */
function definitionLine(lines: string[], name: string, py: boolean): number {
  const n = name.replace(/[$]/g, '\\$')
  const re = py
    ? new RegExp(`^\\s*(async\\s+)?(def|class)\\s+${n}\\b`)
    : new RegExp(
        `^\\s*(export\\s+)?(default\\s+)?(async\\s+)?(function\\*?\\s+${n}\\b|class\\s+${n}\\b|(const|let|var)\\s+${n}\\s*[=:])`,
      )
  const i = lines.findIndex((l) => re.test(l))
  return i + 1
}

/** The line where the function holding `line` starts (a def/function/arrow above it), or 0. */
function enclosingStart(lines: string[], line: number, py: boolean): number {
  const re = py
    ? /^\s*(async\s+)?(def|class)\s+\w+/
    : /^\s*(export\s+)?(default\s+)?(async\s+)?(function\b|class\b|(const|let|var)\s+[\w$]+\s*=\s*(async\s*)?(\([^)]*\)|[\w$]+)\s*=>|[\w$]+\s*\([^)]*\)\s*\{)/
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) if (re.test(lines[i]!)) return i + 1
  return 0
}

/** From a definition line to its end: brace balance (JS) or indentation (Python), capped. */
function functionLines(lines: string[], start: number, py: boolean, max: number): string[] {
  const out: string[] = []
  const first = lines[start - 1] ?? ''
  const indent = first.length - first.trimStart().length
  let depth = 0
  let opened = false
  for (let i = start - 1; i < lines.length && out.length < max; i++) {
    const l = lines[i]!
    if (py && i > start - 1 && l.trim() !== '' && l.length - l.trimStart().length <= indent) break
    out.push(l.length > 300 ? l.slice(0, 300) + ' …' : l)
    if (!py) {
      for (const ch of l.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '')) {
        if (ch === '{') {
          depth++
          opened = true
        } else if (ch === '}') depth--
      }
      if (opened && depth <= 0) break
      // a one-line arrow without braces
      if (!opened && i > start - 1 && /[;)]\s*$/.test(l) && !/[{(,]\s*$/.test(l)) break
    }
  }
  while (out.length && out.at(-1)!.trim() === '') out.pop()
  return out
}

/** The text of the failing assertion: the test file's top frame line, or pytest's `>` line. */
function assertionText(f: TestFailure, testLines: string[] | null): string {
  const frame = f.frames.find((fr) => fr.file === f.file)
  if (frame && testLines?.[frame.line - 1]) return testLines[frame.line - 1]!
  const marked = f.details
    .split('\n')
    .find((l) => /^>\s{2,}\S/.test(l) || /^\s*>\s+\d+\s*\|/.test(l))
  return marked ?? f.message
}

/**
 * Attaches `code` to each failure: the source of the functions it exercises, at most
 * `maxFunctions` of `maxLines` lines each. Files are read once.
 */
export async function attachCodeUnderTest(
  failures: TestFailure[],
  opts: CodeOptions,
): Promise<void> {
  const maxFunctions = opts.maxFunctions ?? 3
  const maxLines = opts.maxLines ?? 40
  const cache = new Map<string, string[] | null>()
  const read = async (file: string) => {
    if (!cache.has(file)) {
      const text = await opts.readFile(file).catch(() => null)
      cache.set(file, text === null ? null : text.split('\n'))
    }
    return cache.get(file) ?? null
  }
  for (const f of failures) {
    const code: SourceExcerpt[] = []
    const testFiles = f.file ? [f.file] : []
    const add = (file: string, start: number, lines: string[], fn?: string) => {
      if (code.length >= maxFunctions || start < 1 || lines.length === 0) return
      if (code.some((c) => c.file === file && c.startLine === start)) return
      code.push({ file, line: start, startLine: start, lines, ...(fn ? { fn } : {}) })
    }
    // stack frames into the code: the functions the failure passed through
    for (const fr of f.frames) {
      if (code.length >= maxFunctions) break
      if (isTestFile(fr.file, testFiles)) continue
      const src = await read(fr.file)
      if (!src) continue
      const py = fr.file.endsWith('.py')
      const start = enclosingStart(src, fr.line, py)
      if (start) add(fr.file, start, functionLines(src, start, py, maxLines), fr.fn)
    }
    // else: what the failing assertion calls, found through the test file's imports
    if (code.length === 0 && f.file) {
      const testSrc = await read(f.file)
      if (testSrc) {
        const imports = importsOf(testSrc.join('\n'), f.file)
        const used = new Set(assertionText(f, testSrc).match(/[A-Za-z_$][\w$]*/g) ?? [])
        for (const [local, target] of imports) {
          if (!used.has(local)) continue
          const [spec, exported] = [
            target.slice(0, target.lastIndexOf(':')),
            target.slice(target.lastIndexOf(':') + 1),
          ]
          for (const path of modulePaths(spec, f.file)) {
            const src = await read(path)
            if (!src) continue
            const py = path.endsWith('.py')
            const name = exported === 'default' ? local : exported
            const start = definitionLine(src, name, py)
            if (start) add(path, start, functionLines(src, start, py, maxLines), name)
            break
          }
        }
      }
    }
    if (code.length) f.code = code
  }
}
