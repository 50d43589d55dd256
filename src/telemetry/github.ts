/**
 * A span per GitHub write: every request but GET and HEAD (GraphQL goes by POST), named by its
 * route template (`POST /repos/{owner}/{repo}/issues/{issue_number}/comments`), so the names stay
 * few and carry no ids. The hook is the outermost one: one span per write, its retries inside.
 */
import type { SpanAttributes, Tracer } from './tracer.js'

/** The part of Octokit the hook needs. */
interface RequestHooks {
  hook: {
    wrap(
      name: 'request',
      fn: (
        request: (options: RequestShape) => Promise<{ status: number }>,
        options: RequestShape,
      ) => Promise<{ status: number }>,
    ): void
  }
}

interface RequestShape {
  method?: string
  url?: string
}

/** Hooks the tracer into an Octokit; with tracing off it adds nothing. */
export function traceGitHubWrites(octokit: unknown, tracer: Tracer): void {
  if (!tracer.enabled) return
  ;(octokit as RequestHooks).hook.wrap('request', async (request, options) => {
    const method = (options.method ?? 'GET').toUpperCase()
    if (method === 'GET' || method === 'HEAD') return request(options)
    const route = String(options.url ?? '').replace(/^https?:\/\/[^/]+/, '')
    const attributes: SpanAttributes = {
      'http.request.method': method,
      'url.template': route,
      'pitcrew.github.write': true,
    }
    const span = tracer.start(`github ${method} ${route}`, attributes)
    try {
      const response = await request(options)
      span.set({ 'http.response.status_code': response.status })
      return response
    } catch (err) {
      const status = (err as { status?: unknown }).status
      if (typeof status === 'number') span.set({ 'http.response.status_code': status })
      span.fail(
        err instanceof Error ? err.message : String(err),
        typeof status === 'number' ? String(status) : (err as Error)?.name,
      )
      throw err
    } finally {
      span.end()
    }
  })
}
