/**
 * The tool registry: every tool call the model makes goes through `call`, which validates the
 * input against the tool's schema before the tool runs, enforces the per-tool timeout, turns
 * exceptions into error results and caps the output. Nothing a tool does can crash the loop.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { ToolDefinition, ToolResult } from './types.js'
import { validateSchema } from './schema.js'

export const DEFAULT_TOOL_TIMEOUT_MS = 120_000
export const DEFAULT_MAX_OUTPUT_CHARS = 30_000

export interface ToolCallOutcome {
  content: string
  isError: boolean
  /** True when the tool is a final tool and returned a non-error result. */
  accepted: boolean
  ms: number
}

/** The tool definition as the Messages API takes it. */
export interface WireTool {
  name: string
  description: string
  input_schema: Anthropic.Tool.InputSchema
}

/**
 * Keeps the head and the tail of a long text (errors usually sit at the end of a log, context at
 * the start) and says how much was cut so the model knows to narrow its request.
 */
export function capOutput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.length - maxChars
  const note = `\n[... ${cut} characters cut ...]\n`
  const head = Math.ceil(maxChars / 2)
  return text.slice(0, head) + note + text.slice(text.length - (maxChars - head))
}

export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>()

  constructor(
    tools: ToolDefinition[],
    private readonly opts: { defaultTimeoutMs?: number; defaultMaxOutputChars?: number } = {},
  ) {
    for (const t of tools) {
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) {
        throw new Error(`Invalid tool name '${t.name}'. Expected 1-64 characters of [a-zA-Z0-9_-].`)
      }
      if (this.tools.has(t.name)) {
        throw new Error(`Duplicate tool name '${t.name}'. Expected each tool name once.`)
      }
      this.tools.set(t.name, t as ToolDefinition)
    }
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name)
  }

  names(): string[] {
    return [...this.tools.keys()]
  }

  finalTools(): string[] {
    return [...this.tools.values()].filter((t) => t.final).map((t) => t.name)
  }

  definitions(): WireTool[] {
    return [...this.tools.values()].map((t) => ({
      name: t.name,
      description: t.description,
      // The API requires an object schema at the top; a schema without `type` gets it.
      input_schema: { type: 'object', ...t.inputSchema } as Anthropic.Tool.InputSchema,
    }))
  }

  /**
   * Runs one tool call. `maxMs` further limits the tool's own timeout (the loop's remaining wall
   * clock); `signal` aborts it (the caller's abort).
   */
  async call(
    name: string,
    input: unknown,
    ctx: { workspace: string; signal?: AbortSignal; maxMs?: number },
  ): Promise<ToolCallOutcome> {
    const started = Date.now()
    const done = (content: string, isError: boolean, accepted = false): ToolCallOutcome => ({
      content,
      isError,
      accepted,
      ms: Date.now() - started,
    })
    const tool = this.tools.get(name)
    if (!tool) {
      return done(`Unknown tool '${name}'. Available tools: ${this.names().join(', ')}.`, true)
    }
    const problems = validateSchema(tool.inputSchema, input)
    if (problems.length > 0) {
      return done(
        `Invalid input for tool '${name}': ${problems.join('; ')}. Fix the input and call the tool again.`,
        true,
      )
    }
    const maxChars =
      tool.maxOutputChars ?? this.opts.defaultMaxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS
    const timeoutMs = Math.max(
      0,
      Math.min(
        tool.timeoutMs ?? this.opts.defaultTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
        ctx.maxMs ?? Infinity,
      ),
    )
    const controller = new AbortController()
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    let onAbort: (() => void) | undefined
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted')
      if (ctx.signal?.aborted) onAbort()
      ctx.signal?.addEventListener('abort', onAbort, { once: true })
    })
    try {
      const run = Promise.resolve().then(() =>
        tool.run(input as Record<string, unknown>, { workspace: ctx.workspace, signal }),
      )
      const out = await Promise.race([run, timeout, aborted])
      if (out === 'timeout') {
        controller.abort(new Error(`timeout after ${timeoutMs} ms`))
        // A tool that ignores its signal keeps running; its late result is dropped.
        run.catch(() => undefined)
        return done(`Tool '${name}' timed out after ${timeoutMs} ms and was stopped.`, true)
      }
      if (out === 'aborted') {
        run.catch(() => undefined)
        return done(`Tool '${name}' was aborted.`, true)
      }
      const result: ToolResult = typeof out === 'string' ? { content: out } : out
      const content = capOutput(String(result.content ?? ''), maxChars)
      const isError = result.isError === true
      return done(content, isError, tool.final === true && !isError)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      return done(capOutput(`Tool '${name}' failed: ${message}`, maxChars), true)
    } finally {
      clearTimeout(timer)
      if (onAbort) ctx.signal?.removeEventListener('abort', onAbort)
    }
  }
}
