/**
 * Extracts, from GitHub's published OpenAPI description (@octokit/openapi), the request-body
 * schemas of the operations the emulator serves, into openapi-schemas.json: the full
 * description is 13 MB (73 MB dereferenced), too slow to load in every test process.
 * Run: `node --import tsx test/harness/openapi-extract.ts` (a test checks the file is fresh).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Every route the emulator answers, as `METHOD /path-template` in OpenAPI's spelling. */
export const SERVED_ROUTES = [
  'GET /user',
  'GET /rate_limit',
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
  'GET /repos/{owner}/{repo}/issues',
  'GET /repos/{owner}/{repo}/issues/{issue_number}',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'POST /repos/{owner}/{repo}/issues',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'GET /repos/{owner}/{repo}/deployments',
  'POST /repos/{owner}/{repo}/deployments',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
  // conversations (issue 10): reactions on comments, replies in review threads
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
  'GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions',
  'POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
] as const

export type ServedRoute = (typeof SERVED_ROUTES)[number]

export interface ExtractedSchemas {
  source: string
  routes: string[]
  /** Request-body JSON schema per route (only routes that take a body). */
  bodies: Record<string, { operationId: string; required: boolean; schema: unknown }>
}

const here = dirname(fileURLToPath(import.meta.url))
export const SCHEMAS_PATH = join(here, 'openapi-schemas.json')

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/**
 * Resolves `$ref`s against the document, drops prose (descriptions, examples) and turns
 * OpenAPI 3.0's `nullable` into JSON Schema (see `denull`).
 */
function clean(node: Json, doc: Json, seen: string[] = [], isPropertyMap = false): Json {
  if (Array.isArray(node)) return node.map((n) => clean(n, doc, seen))
  if (node === null || typeof node !== 'object') return node
  if (!isPropertyMap && typeof node.$ref === 'string') {
    const ref = node.$ref
    if (seen.includes(ref)) return {} // a cycle: accept anything below this point
    let target: Json = doc
    for (const part of ref.replace(/^#\//, '').split('/')) {
      target = (target as { [k: string]: Json })[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    }
    return clean(target, doc, [...seen, ref])
  }
  const out: { [k: string]: Json } = {}
  for (const [k, v] of Object.entries(node)) {
    // Inside `properties` the keys are field names (a field may be called `description`).
    if (!isPropertyMap && PROSE.has(k)) continue
    out[k] = clean(
      v,
      doc,
      seen,
      !isPropertyMap && (k === 'properties' || k === 'patternProperties'),
    )
  }
  return isPropertyMap ? out : denull(out)
}

/**
 * OpenAPI 3.0 `nullable: true` is not JSON Schema: Ajv refuses it without a sibling `type`
 * ("nullable" cannot be used without "type") and, with one, follows rules of its own. So it
 * becomes plain JSON Schema: `null` joins the `type` (and the `enum`, which would otherwise
 * still refuse it), or a `{ type: 'null' }` branch joins a `oneOf`/`anyOf` (or wraps any other
 * constraint); an empty schema already accepts null and only loses the keyword. `nullable: false` is the default.
 */
export function denull(node: { [k: string]: Json }): { [k: string]: Json } {
  if (!('nullable' in node)) return node
  const { nullable, ...out } = node
  if (nullable !== true) return out
  if (typeof out.type === 'string' || Array.isArray(out.type)) {
    const types = Array.isArray(out.type) ? out.type : [out.type]
    out.type = types.includes('null') ? types : [...types, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  } else if (Array.isArray(out.oneOf)) {
    out.oneOf = [...out.oneOf, { type: 'null' }]
  } else if (Array.isArray(out.anyOf)) {
    out.anyOf = [...out.anyOf, { type: 'null' }]
  } else if (Object.keys(out).length > 0) {
    return { anyOf: [out, { type: 'null' }] } // e.g. an `allOf`: null is one more alternative
  }
  return out
}

const PROSE = new Set(['description', 'example', 'examples', 'title', 'externalDocs'])

/** Reads the installed @octokit/openapi and returns what the emulator needs. */
export function extractSchemas(): ExtractedSchemas {
  const require = createRequire(import.meta.url)
  const pkgPath = require.resolve('@octokit/openapi/package.json')
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }
  const doc = JSON.parse(
    readFileSync(join(dirname(pkgPath), 'generated', 'api.github.com.json'), 'utf8'),
  ) as { paths: Record<string, Record<string, Json>> } & Json
  const bodies: ExtractedSchemas['bodies'] = {}
  for (const route of SERVED_ROUTES) {
    const [method, path] = route.split(' ') as [string, string]
    const op = doc.paths[path]?.[method.toLowerCase()] as
      | {
          operationId: string
          requestBody?: { required?: boolean; content?: Record<string, { schema: Json }> }
        }
      | undefined
    if (!op) {
      throw new Error(
        `Route '${route}' is not in GitHub's OpenAPI description. Expected a documented REST route.`,
      )
    }
    const schema = op.requestBody?.content?.['application/json']?.schema
    if (schema !== undefined) {
      bodies[route] = {
        operationId: op.operationId,
        required: op.requestBody?.required ?? false,
        schema: clean(schema, doc),
      }
    }
  }
  return {
    source: `@octokit/openapi@${pkg.version} api.github.com.json`,
    routes: [...SERVED_ROUTES],
    bodies,
  }
}

/** The file's content for `extracted`. */
export function serializeSchemas(extracted: ExtractedSchemas): string {
  return `${JSON.stringify(extracted, null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMAS_PATH, serializeSchemas(extractSchemas()))
  console.log(`wrote ${SCHEMAS_PATH}`)
}
