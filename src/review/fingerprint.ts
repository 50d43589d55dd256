/**
 * Fingerprints that survive line shifts: a finding is identified by its file, what it says
 * (normalized title) and the code it points at (whitespace-insensitive), never by its line
 * number. A rerun after commits that only moved the code therefore recognises what was posted.
 */
import { nodeCrypto } from '../builtins.js'

export const FP_MARKER_RE = /<!-- pitcrew:fp:([0-9a-f]{8,64}) -->/g

/** Lower-case words only: casing, punctuation, quotes and numbers (often line numbers) vary. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[`'"“”‘’]/g, '')
    .replace(/\d+/g, '#')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim()
}

/** Code compared without any whitespace (re-indentation, CRLF and trailing spaces do not count). */
export function normalizeCode(lines: string[]): string {
  return lines
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l !== '')
    .join('\n')
}

/**
 * The fingerprint of a finding: 16 hex characters (64 bits) of SHA-256, short enough to keep
 * hundreds in the summary's state block.
 */
export function fingerprint(input: { path: string; title: string; code: string[] }): string {
  const h = nodeCrypto().createHash('sha256')
  h.update(input.path)
  h.update('\0')
  h.update(normalizeTitle(input.title))
  h.update('\0')
  h.update(normalizeCode(input.code))
  return h.digest('hex').slice(0, 16)
}

/**
 * A finding's file and title, without the code: a thread whose code changed is not called
 * addressed while this run still raises the same title in the same file (its code fingerprint
 * changed with the code, the finding did not).
 */
export function titleKey(path: string, title: string): string {
  return `${path}\0${normalizeTitle(title.replace(/\s+/g, ' ').trim().slice(0, 150))}`
}

/** Title and body text with digits kept: what tells two findings apart within one run. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`'"“”‘’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The fingerprint of a finding outside the diff. There is no diff code to pin it to, so the
 * title without digits (as for inline findings) would make "Unused variable tmp1" and "Unused
 * variable tmp2" in one file the same finding: the title keeps its digits here, and the line
 * or range the model gave is part of it.
 */
export function outsideFingerprint(input: {
  path: string
  title: string
  line?: unknown
  startLine?: unknown
}): string {
  const h = nodeCrypto().createHash('sha256')
  h.update('outside\0')
  h.update(input.path)
  h.update('\0')
  h.update(`${String(input.startLine ?? '')}-${String(input.line ?? '')}`)
  h.update('\0')
  h.update(normalizeText(input.title))
  return h.digest('hex').slice(0, 16)
}

/**
 * A second fingerprint for a finding that shares `fp` with a different finding of the same run
 * (same anchored code, titles differing only in digits, or different bodies): derived from the
 * first and the finding's full text, so it is stable across reruns and never equal to `fp`.
 */
export function distinctFingerprint(fp: string, text: { title: string; body: string }): string {
  const h = nodeCrypto().createHash('sha256')
  h.update(fp)
  h.update('\0distinct\0')
  h.update(normalizeText(text.title))
  h.update('\0')
  h.update(normalizeText(text.body))
  return h.digest('hex').slice(0, 16)
}

/** The hidden marker carried by each inline comment. */
export function fingerprintMarker(fp: string): string {
  return `<!-- pitcrew:fp:${fp} -->`
}

/** Every fingerprint found in a text (a review comment, a review body). */
export function parseFingerprints(text: string | null | undefined): string[] {
  if (!text) return []
  return [...text.matchAll(FP_MARKER_RE)].map((m) => m[1]!)
}
