import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { VERSION } from '../../src/version.js'

describe('version', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'))
    expect(VERSION).toBe(pkg.version)
  })
})
