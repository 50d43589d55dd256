/**
 * Fingerprints that survive line shifts: a finding is identified by its file, what it says
 * (normalized title) and the code it points at (whitespace-insensitive), never by its line
 * number. A rerun after commits that only moved the code therefore recognises what was posted.
 */
import { createHash } from 'node:crypto'

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
  const h = createHash('sha256')
  h.update(input.path)
  h.update('\0')
  h.update(normalizeTitle(input.title))
  h.update('\0')
  h.update(normalizeCode(input.code))
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
