/** The model API failure that ended a CLI run, told first and as such (issue 9). */
import type { Provider } from '../agent/provider.js'

/** What to check, per provider: the variables that provider reads (docs/providers.md). */
const HINTS: Record<Provider, { credential: string; auth: string; connect: string }> = {
  anthropic: {
    credential: 'the API key',
    auth: 'Check ANTHROPIC_API_KEY.',
    connect: 'Check ANTHROPIC_BASE_URL and the network.',
  },
  bedrock: {
    credential: 'the AWS credentials',
    auth: 'Check the AWS credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, AWS_PROFILE, or AWS_BEARER_TOKEN_BEDROCK) and that they may invoke the model in AWS_REGION.',
    connect: 'Check AWS_REGION, ANTHROPIC_BEDROCK_BASE_URL and the network.',
  },
  vertex: {
    credential: 'the Google credentials',
    auth: "Check the Google credentials (GOOGLE_APPLICATION_CREDENTIALS, or 'gcloud auth application-default login') and that they may use the model in ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION.",
    connect: 'Check CLOUD_ML_REGION, ANTHROPIC_VERTEX_BASE_URL and the network.',
  },
}

/**
 * The model API failure behind an incomplete review or an unfixed run, as one sentence: a
 * connection that could not be made, a refused credential, or an API that kept failing; what to
 * check names the provider's own variables. Undefined when the model was reached.
 */
export function modelApiError(
  gaps: { kind: string; reason: string }[],
  provider: Provider = 'anthropic',
): string | undefined {
  const g = gaps.find((x) => x.kind === 'model-api')
  if (!g) return undefined
  const hint = HINTS[provider]
  if (/unreachable|dropped|timed out/.test(g.reason))
    return `cannot connect to the model API: ${g.reason}. ${hint.connect}`
  if (/refused the key|authentication/i.test(g.reason))
    return `the model API refused ${hint.credential}: ${g.reason}. ${hint.auth}`
  return `the model API failed: ${g.reason}.`
}
