/**
 * GitHub's own workflow parser (@actions/workflow-parser, the parser of the Actions language
 * services), loaded once for the docs tests. It imports its JSON schema without
 * `with { type: 'json' }`, which Node's native ESM loader refuses (vitest leaves node_modules to
 * Node), so a loader hook adds the attribute for .json files before the first import.
 */
import { register } from 'node:module'

type Parser = typeof import('@actions/workflow-parser')
let parser: Promise<Parser> | undefined

function load(): Promise<Parser> {
  const hook = `export async function load(url, context, next) {
    if (url.startsWith('file:') && url.endsWith('.json') && !context.importAttributes?.type) {
      return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
    }
    return next(url, context)
  }`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
  return import('@actions/workflow-parser')
}

/**
 * Errors GitHub's parser reports for a workflow file, from parsing and from conversion. With
 * `called`, jobs that call a reusable workflow (`uses: owner/repo/path@ref`) are checked against
 * the workflow text `called` returns for that path: unknown or missing inputs and secrets fail.
 */
export async function workflowErrors(
  name: string,
  content: string,
  called?: (path: string) => string,
): Promise<string[]> {
  const p = await (parser ??= load())
  const errors: string[] = []
  const trace = { error: (m: string) => errors.push(m), info: () => {}, verbose: () => {} }
  const result = p.parseWorkflow({ name, content }, trace)
  errors.push(...result.context.errors.getErrors().map((e) => e.message))
  if (result.value === undefined) return errors.length > 0 ? errors : [`${name}: no workflow`]
  const fileProvider = called && {
    getFileContent: async (ref: { path: string }) => ({
      name: ref.path,
      content: called(ref.path),
    }),
  }
  const template = await p.convertWorkflowTemplate(
    result.context,
    result.value,
    fileProvider,
    fileProvider ? { fetchReusableWorkflowDepth: 1 } : undefined,
  )
  errors.push(...(template.errors ?? []).map((e) => e.Message))
  return [...new Set(errors)]
}
