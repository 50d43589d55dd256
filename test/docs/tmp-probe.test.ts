import { it } from 'vitest'
import { register } from 'node:module'

const hook = `export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.json') && !context.importAttributes?.type) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } })
  }
  return next(url, context)
}`
register('data:text/javascript,' + encodeURIComponent(hook))

it('probe', async () => {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser')
const content = `on: push
permissions: { contents: read }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
    - uses: a/b@v1
      with:
        foo: 1
      withh: 2
    - run: echo 'hello'`
const r = parseWorkflow({ name: 'x.yml', content }, new NoOperationTraceWriter())
console.log(r.context.errors.getErrors().map(e => e.message))
const t = await convertWorkflowTemplate(r.context, r.value!)
console.log(t.errors, JSON.stringify(t.jobs[0], null, 0).slice(0, 1500))
})
