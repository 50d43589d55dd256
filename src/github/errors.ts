/**
 * Helpers for the errors Octokit throws (`RequestError`: `status`, `response.data`), kept apart
 * so callers branch on status codes and quote GitHub's own words without casting everywhere.
 */

/** HTTP status of an Octokit error, or undefined for anything else (network errors, bugs). */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const status = (err as { status?: unknown }).status
  return typeof status === 'number' ? status : undefined
}

/** True when `err` is an HTTP error with one of the given statuses (e.g. 404 means "absent"). */
export function isStatus(err: unknown, ...codes: number[]): boolean {
  const status = statusOf(err)
  return status !== undefined && codes.includes(status)
}

/** The `response.data` GitHub sent with an error, when it was JSON. */
export function errorData(err: unknown): { message?: string; errors?: unknown[] } | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const data = (err as { response?: { data?: unknown } }).response?.data
  return typeof data === 'object' && data !== null
    ? (data as { message?: string; errors?: unknown[] })
    : undefined
}

/**
 * GitHub's explanation of an error in one line: the message plus each entry of `errors`
 * (strings, or `{message}` / `{field, code}` objects), so a 422 says what was wrong.
 */
export function errorMessage(err: unknown): string {
  const data = errorData(err)
  const parts: string[] = []
  const base = data?.message ?? (err instanceof Error ? err.message : String(err))
  parts.push(base)
  for (const e of data?.errors ?? []) {
    if (typeof e === 'string') parts.push(e)
    else if (typeof e === 'object' && e !== null) {
      const o = e as { message?: string; field?: string; code?: string; resource?: string }
      if (o.message) parts.push(o.message)
      else parts.push([o.resource, o.field, o.code].filter(Boolean).join(' '))
    }
  }
  const status = statusOf(err)
  const text = [...new Set(parts.filter(Boolean))].join(': ')
  return status !== undefined && !text.startsWith(String(status)) ? `${status} ${text}` : text
}

/** True when a 422 (or other error) names `needle` in its message or `errors` entries. */
export function errorMentions(err: unknown, needle: string | RegExp): boolean {
  const text = errorMessage(err)
  return typeof needle === 'string' ? text.includes(needle) : needle.test(text)
}
