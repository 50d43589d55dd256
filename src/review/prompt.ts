/**
 * The user prompt of each review call. Everything from the repository or the PR is untrusted
 * text for the model: the title and description, the project memory files and the configured
 * instructions are quoted or sanitised, never spliced in as if they were ours.
 */
import picomatch from 'picomatch'
import { quoteUntrusted, sanitizeUntrusted } from '../safety/sanitize.js'
import type { PackedPart } from './pack.js'

/** What every part's prompt shares. */
export interface PromptContext {
  /** `# Pull request #N in owner/repo`, or the local branch for the CLI. */
  heading: string
  title: string
  body: string
  /** Project memory, already quoted (see `readMemory`); '' when there is none. */
  memory: string
  /**
   * review.instructions from the configuration; each applies to parts with a file matching its
   * `path`, or to every part when it has none.
   */
  instructions: { path?: string; text: string }[]
  /** review.language: the language of the review text; undefined: English. */
  language?: string
  /** How many parts (model calls) the PR was packed into. */
  parts: number
  incremental: boolean
}

/** Reads the project memory files (context.files) through `read`, capped in total. */
export async function readMemory(
  files: string[],
  maxBytes: number,
  read: (path: string) => Promise<string | null>,
): Promise<string> {
  let left = maxBytes
  const parts: string[] = []
  for (const f of files) {
    if (left <= 0) break
    const text = await read(f)
    if (text === null) continue
    const cut = text.length > left ? `${text.slice(0, left)}\n[... truncated]` : text
    left -= Math.min(text.length, left)
    parts.push(quoteUntrusted(`Project memory file ${f}`, cut))
  }
  return parts.join('\n\n')
}

/** The prompts of a review's calls: a head every call shares, then each part's own text. */
export interface ReviewPrompts {
  /** The PR heading, title and description, project memory: identical in every call. */
  shared: string
  part(part: PackedPart): string
}

/** The full prompt of each part (shared head and the part's own text). */
export function partPrompts(c: PromptContext): (part: PackedPart) => string {
  const p = reviewPrompts(c)
  return (part) => `${p.shared}\n\n${p.part(part)}`
}

/**
 * The prompts of each part; the PR text is quoted once for all of them. The shared head is sent
 * as its own cached block, so the calls after the first read it instead of writing it again.
 */
export function reviewPrompts(c: PromptContext): ReviewPrompts {
  const prText = quoteUntrusted('Pull request title and description', `${c.title}\n\n${c.body}`, {
    maxChars: 8000,
  })
  const shared = [c.heading, prText, c.memory ? `## Project memory\n\n${c.memory}` : '']
    .filter(Boolean)
    .join('\n\n')
  const part = (part: PackedPart) => {
    const instructions = c.instructions
      .filter(
        (ins) =>
          ins.path === undefined || part.files.some((f) => picomatch(ins.path!, { dot: true })(f)),
      )
      .map((ins) =>
        ins.path === undefined
          ? `- For every file: ${sanitizeUntrusted(ins.text)}`
          : `- For files matching \`${ins.path}\`: ${sanitizeUntrusted(ins.text)}`,
      )
    return [
      instructions.length
        ? `## Review instructions from the repository configuration\n\n${instructions.join('\n')}`
        : '',
      c.parts > 1
        ? `## Diff, part ${part.index + 1} of ${c.parts}\n\nOther parts of this PR are reviewed in separate calls; review only the files below (you may read any file).`
        : '## Diff',
      c.incremental ? 'Only the hunks changed since the last review are shown.' : '',
      part.text,
      // The config parser admits only a language name here (letters, spaces, hyphens, brackets).
      c.language
        ? `## Language\n\nWrite the summary and every finding's title and body in ${c.language}. Keep code, identifiers, file paths and suggested code unchanged.`
        : '',
      '\nReview the diff above, then call submit_review.',
    ]
      .filter(Boolean)
      .join('\n\n')
  }
  return { shared, part }
}
