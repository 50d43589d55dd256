/**
 * The `submit_review` tool (contract section 7) that ends each review loop, and the cleaning of
 * what the model put in it: its findings are untrusted input, normalised before anchoring.
 */
import type { ToolDefinition } from '../agent/types.js'
import type { Finding } from './anchor.js'
import { CATEGORIES, DEFAULT_CATEGORY, type Category } from '../config/types.js'
import { SEVERITIES, type Severity } from './summary.js'

/** The `submit_review` input (contract section 7). */
export interface SubmitReviewInput {
  summary: string
  findings: Partial<Finding>[]
}

/** The final tool: its validated input ends the loop and is the loop's result. */
export function submitReviewTool(): ToolDefinition<SubmitReviewInput> {
  return {
    name: 'submit_review',
    description:
      'Submit the review: a short overall summary and the list of findings (possibly empty). Call it exactly once, at the end.',
    final: true,
    inputSchema: {
      type: 'object',
      properties: {
        summary: {
          type: 'string',
          description: 'One paragraph: the overall assessment of this part of the change.',
        },
        findings: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', description: 'File path exactly as shown in the diff.' },
              line: {
                type: 'integer',
                description: 'Line number shown in the diff (last line of a range).',
              },
              start_line: {
                type: 'integer',
                description: 'First line of a multi-line range, same hunk and side.',
              },
              side: {
                type: 'string',
                enum: ['LEFT', 'RIGHT'],
                description: 'RIGHT: added/context lines; LEFT: deleted lines.',
              },
              severity: { type: 'string', enum: [...SEVERITIES] },
              category: {
                type: 'string',
                enum: [...CATEGORIES],
                description: `What the finding is about. Omitted: ${DEFAULT_CATEGORY}.`,
              },
              title: { type: 'string' },
              body: { type: 'string' },
              suggestion: {
                type: 'string',
                description: 'Exact replacement for lines start_line..line of the new file.',
              },
            },
            required: ['path', 'line', 'severity', 'title', 'body'],
          },
        },
      },
      required: ['summary', 'findings'],
    },
    run: async (input) => {
      const n = Array.isArray(input.findings) ? input.findings.length : 0
      return `Review received with ${n} finding${n === 1 ? '' : 's'}.`
    },
  }
}

/**
 * One submitted finding with defaults for what the model left out or got wrong (unknown
 * severity: minor; unknown or missing category: correctness, the broad one that is posted by
 * default, so a finding is never silenced for a missing label; no title: 'Finding'); null
 * when it is not an object at all.
 */
export function cleanFinding(raw: Partial<Finding>): Finding | null {
  if (!raw || typeof raw !== 'object') return null
  const severity = SEVERITIES.includes(raw.severity as Severity)
    ? (raw.severity as Severity)
    : 'minor'
  const category = CATEGORIES.includes(raw.category as Category)
    ? (raw.category as Category)
    : DEFAULT_CATEGORY
  const title = typeof raw.title === 'string' && raw.title.trim() ? raw.title.trim() : 'Finding'
  const body = typeof raw.body === 'string' ? raw.body : ''
  const f: Finding = {
    path: String(raw.path ?? ''),
    line: raw.line as number,
    severity,
    category,
    title,
    body,
  }
  if (raw.start_line !== undefined) f.start_line = raw.start_line
  if (raw.side !== undefined) f.side = raw.side
  if (typeof raw.suggestion === 'string') f.suggestion = raw.suggestion
  return f
}
