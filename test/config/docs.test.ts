import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderConfigDocs } from '../../src/config/docs.js'
import { repoConfigSchema } from '../../src/config/schema.js'
import { inputSpecs } from '../../src/config/inputs.js'
import { keyPaths } from '../../src/config/schema-dsl.js'

const docsPath = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url))

describe('docs/configuration.md', () => {
  it('is generated from the current schema (run scripts/gen-config-docs.ts when this fails)', () => {
    const committed = readFileSync(docsPath, 'utf8')
    expect(
      committed,
      'docs/configuration.md is stale: node --import tsx scripts/gen-config-docs.ts',
    ).toBe(renderConfigDocs())
  })

  it('documents every config key and every input', () => {
    const docs = renderConfigDocs()
    for (const path of keyPaths(repoConfigSchema, [])) {
      const key = path.split('.').pop()!.replace(/\[\]$/, '')
      expect(docs, path).toContain(`| \`${key}\` |`)
    }
    for (const section of [
      'review',
      'fix',
      'rollback',
      'rollback.metrics[]',
      'rollback.analysis',
      'context',
    ]) {
      expect(docs).toContain(`### \`${section}\``)
    }
    for (const t of ['prometheus', 'datadog', 'http', 'newrelic']) {
      expect(docs).toContain(`### \`rollback.metrics[].provider\` with \`type: ${t}\``)
    }
    for (const t of ['github-deployment', 'kubectl', 'helm', 'argo-rollouts', 'command']) {
      expect(docs).toContain(`### \`rollback.method\` with \`type: ${t}\``)
    }
    for (const name of Object.keys(inputSpecs)) expect(docs).toContain(`| \`${name}\` |`)
  })

  it('a schema change shows up in the docs (the freshness check can fail)', () => {
    const before = renderConfigDocs()
    const field = (
      repoConfigSchema.spec as { fields: Record<string, { meta: { description?: string } }> }
    ).fields.review!
    const saved = field.meta.description
    field.meta.description = 'Changed description.'
    try {
      expect(renderConfigDocs()).not.toBe(before)
    } finally {
      field.meta.description = saved
    }
  })
})
