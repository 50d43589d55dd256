/**
 * The workspace jail: every path a tool receives from the model goes through here. Paths are
 * relative to the workspace; absolute paths, `..` escapes and symlinks resolving outside are
 * refused. Reads check the size before opening, so a 2 GB log never reaches memory.
 */
import * as fs from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'

export type JailResult = { ok: true; abs: string; rel: string } | { ok: false; error: string }

/** Realpath of the workspace, cached: it does not move during a run. */
const realWorkspaces = new Map<string, string>()

/** The workspace's real path (symlinks resolved), the root every `rel` is relative to. */
export function realWorkspace(workspace: string): string {
  let real = realWorkspaces.get(workspace)
  if (real === undefined) {
    real = fs.realpathSync(path.resolve(workspace))
    realWorkspaces.set(workspace, real)
  }
  return real
}

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p)
  } catch {
    return null
  }
}

/**
 * Resolves a model-supplied path inside the workspace. `abs` is the real location (symlinks
 * inside the workspace resolved), `rel` its path relative to the workspace (`.` for the root),
 * so guards that match on `rel` (protected paths) see where a link really points.
 */
export function resolveInWorkspace(workspace: string, p: string): JailResult {
  if (typeof p !== 'string') {
    return { ok: false, error: `Invalid path '${String(p)}'. Expected a string path.` }
  }
  if (p.includes('\0')) {
    return {
      ok: false,
      error: `Invalid path '${p.replace(/\0/g, '\\0')}'. NUL bytes are not allowed.`,
    }
  }
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p)) {
    return {
      ok: false,
      error: `Invalid path '${p}'. Expected a path relative to the workspace; absolute paths are refused.`,
    }
  }
  let root: string
  try {
    root = realWorkspace(workspace)
  } catch (err) {
    return {
      ok: false,
      error: `Workspace '${workspace}' is not accessible: ${(err as Error).message}`,
    }
  }
  const lexical = path.resolve(root, p === '' ? '.' : p)
  if (!inside(root, lexical)) {
    return {
      ok: false,
      error: `Invalid path '${p}'. It resolves outside the workspace; '..' escapes are refused.`,
    }
  }
  // Find the deepest entry that exists (lstat: a dangling link counts as existing).
  let existing = lexical
  const missing: string[] = []
  let stat = lstatOrNull(existing)
  while (stat === null && existing !== root) {
    missing.unshift(path.basename(existing))
    existing = path.dirname(existing)
    stat = lstatOrNull(existing)
  }
  let real: string
  try {
    real = fs.realpathSync(existing)
  } catch {
    // A dangling symlink: writing through it would create its target, wherever that is.
    return {
      ok: false,
      error: `Invalid path '${p}'. '${path.relative(root, existing)}' is a symlink whose target does not exist; refused.`,
    }
  }
  const abs = path.join(real, ...missing)
  if (!inside(root, abs)) {
    return {
      ok: false,
      error: `Invalid path '${p}'. It is a symlink (or inside one) resolving outside the workspace; refused.`,
    }
  }
  return { ok: true, abs, rel: path.relative(root, abs) || '.' }
}

/** True for `.git` or anything under it: tools never read or write git internals (hooks, config). */
export function isGitInternal(rel: string): boolean {
  return rel.split(/[\\/]/).includes('.git')
}

export type CappedRead =
  | { ok: true; text: string; bytes: number }
  | {
      ok: false
      reason: 'too_large' | 'binary' | 'not_a_file' | 'not_found' | 'unreadable'
      error: string
      bytes?: number
    }

/** How many leading bytes are checked for a NUL byte to call a file binary (as git does). */
const BINARY_SNIFF_BYTES = 8192

/**
 * Reads a text file only when it is a regular file no larger than `maxBytes`. The size comes
 * from `stat`, before the file is opened: an oversized file is refused without being read.
 * Binary files (a NUL byte in the first 8 KB) are refused too.
 */
export async function readFileCapped(abs: string, opts: { maxBytes: number }): Promise<CappedRead> {
  let stat: fs.Stats
  try {
    stat = await fsp.stat(abs)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ok: false, reason: 'not_found', error: `File not found: '${abs}'.` }
    }
    return {
      ok: false,
      reason: 'unreadable',
      error: `Cannot stat '${abs}': ${(err as Error).message}`,
    }
  }
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a directory' : 'not a regular file'
    return { ok: false, reason: 'not_a_file', error: `'${abs}' is ${kind}; refused.` }
  }
  if (stat.size > opts.maxBytes) {
    return {
      ok: false,
      reason: 'too_large',
      bytes: stat.size,
      error:
        `File is ${formatBytes(stat.size)} (${stat.size} bytes), over the cap of ` +
        `${formatBytes(opts.maxBytes)}; not read. Use search to find the lines you need.`,
    }
  }
  let handle: fsp.FileHandle
  try {
    handle = await fsp.open(abs, 'r')
  } catch (err) {
    return {
      ok: false,
      reason: 'unreadable',
      error: `Cannot open '${abs}': ${(err as Error).message}`,
    }
  }
  try {
    // Read at most cap + 1 bytes: the file may have grown since the stat.
    const buf = Buffer.alloc(Math.min(stat.size, opts.maxBytes) + 1)
    let length = 0
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > opts.maxBytes) {
      return {
        ok: false,
        reason: 'too_large',
        bytes: length,
        error: `File grew past the cap of ${formatBytes(opts.maxBytes)} while being read; refused.`,
      }
    }
    const data = buf.subarray(0, length)
    if (isBinary(data)) {
      return {
        ok: false,
        reason: 'binary',
        bytes: length,
        error: `'${abs}' is a binary file; refused.`,
      }
    }
    return { ok: true, text: data.toString('utf8'), bytes: length }
  } finally {
    await handle.close()
  }
}

/** A NUL byte in the first 8 KB marks a file as binary, the heuristic git and grep use. */
export function isBinary(data: Buffer): boolean {
  return data.subarray(0, BINARY_SNIFF_BYTES).includes(0)
}

/** Human-readable size: 2.0 GB, 512 KB. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(1)} ${units[unit]}`
}
