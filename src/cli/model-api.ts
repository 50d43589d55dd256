/** The model API failure that ended a CLI run, told first and as such (issue 9). */

/**
 * The model API failure behind an incomplete review or an unfixed run, as one sentence: a connection that could
 * not be made, a refused key, or an API that kept failing. Undefined when the model was reached.
 */
export function modelApiError(gaps: { kind: string; reason: string }[]): string | undefined {
  const g = gaps.find((x) => x.kind === 'model-api')
  if (!g) return undefined
  if (/unreachable|dropped|timed out/.test(g.reason))
    return `cannot connect to the model API: ${g.reason}. Check ANTHROPIC_BASE_URL and the network.`
  if (/refused the key|authentication/i.test(g.reason))
    return `the model API refused the API key: ${g.reason}. Check ANTHROPIC_API_KEY.`
  return `the model API failed: ${g.reason}.`
}
