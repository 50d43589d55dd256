/**
 * `pitcrew config check` prints the effective settings in the file's own form. Here the pure
 * half: settings -> file form -> YAML -> parser gives the same settings back, for every
 * documented example and every kind of key (units, renamed keys, reshaped sections, unions).
 */
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { EXAMPLE_CONFIG } from '../../src/config/docs.js'
import { MASK, repoConfigFileForm } from '../../src/config/file-form.js'
import { repoConfigJsonSchema } from '../../src/config/json-schema.js'
import { parseRepoConfig } from '../../src/config/parse.js'

const root = resolve(import.meta.dirname, '..', '..')
const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(repoConfigJsonSchema())

function roundTrip(yaml: string) {
  const config = parseRepoConfig(yaml)
  const form = repoConfigFileForm(config, true)
  const printed = stringify(form)
  return { config, form, printed, again: parseRepoConfig(printed, 'printed.yml') }
}

const docSnippets = ['docs/rollback.md', 'docs/review.md', 'docs/fix.md', 'README.md'].flatMap(
  (page) =>
    [...readFileSync(join(root, page), 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((y) => /^(review|fix|rollback|context):/m.test(y) && !/^(jobs|on):/m.test(y))
      .map((y, i): [string, string] => [`${page}#${i + 1}`, y]),
)

const KINDS = `review:
  ignore: dist/**
  language: Chinese (Simplified)
  instructions:
    - text: Answer in short sentences.
fix:
  test-timeout: 1h30m
rollback:
  metrics:
    - name: errors
      provider:
        type: prometheus
        address: http://p:9090
        query: up
        range: 30s
        timeout: 45s
      condition: { min: 0, max: 0.5, expr: result < 1 }
      baseline: { window: 1h, max-ratio: 2 }
    - name: dd
      provider: { type: datadog, query: 'avg:x{*}' }
      condition: { max: 3 }
  analysis:
    initial-delay: 2m30s
    interval: 30s
    duration: 10m
  method: { type: helm, release: web, revision: 3, timeout: 10m }
  confirm-recovery: 5m
`

describe('settings in the file’s own keys and units', () => {
  it.each<[string, string]>([
    ['the defaults (no file)', ''],
    ['docs/configuration.md example', EXAMPLE_CONFIG],
    ['every kind of key', KINDS],
    ...docSnippets,
  ])('%s parses back to the same settings', (_, yaml) => {
    const { config, form, again } = roundTrip(yaml)
    expect(again).toEqual(config)
    // And an editor with the JSON Schema accepts what config check prints.
    expect(validate(form), JSON.stringify(validate.errors)).toBe(true)
  })

  it('uses the file’s keys and units, never the parsed names', () => {
    const { form, printed } = roundTrip(KINDS)
    expect(form.fix).toMatchObject({ 'test-timeout': '1h30m' })
    expect(form.rollback).toMatchObject({
      analysis: { 'initial-delay': '2m30s', interval: '30s', count: 20 },
      'confirm-recovery': '5m',
      method: { type: 'helm', release: 'web', timeout: '10m' },
    })
    // The six keys the parser never knew (issue 12), and camelCase in general.
    for (const parsedName of [
      'test-timeout-minutes',
      'timeout-seconds',
      'initial-delay-seconds',
      'interval-seconds',
      'confirm-recovery-seconds',
    ]) {
      expect(printed).not.toContain(parsedName)
    }
    expect(printed).not.toMatch(/[a-z][A-Z]\w*:/)
    expect(roundTrip('').form.rollback).toMatchObject({ 'confirm-recovery': 0 })
  })

  it('masks secret values (request headers) unless asked to reveal them', () => {
    const yaml =
      'rollback:\n  metrics:\n    - name: m\n      provider:\n        type: http\n        url: http://x\n        json-path: v\n        headers: { Authorization: Bearer s3cr3t-value }\n      condition: { max: 1 }\n'
    const config = parseRepoConfig(yaml)
    const shown = JSON.stringify(repoConfigFileForm(config))
    expect(shown).not.toContain('s3cr3t-value')
    expect(shown).toContain(`"Authorization":"${MASK}"`)
    expect(JSON.stringify(repoConfigFileForm(config, true))).toContain('s3cr3t-value')
  })
})
