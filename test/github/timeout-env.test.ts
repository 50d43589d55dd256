import { describe, expect, it } from 'vitest'
import { readTuning } from '../../src/config/tuning.js'

describe('PITCREW_GITHUB_TIMEOUT_MS', () => {
  it('is read as milliseconds, and a bad value names the variable and the expected form', () => {
    expect(readTuning({ PITCREW_GITHUB_TIMEOUT_MS: '1500' }).githubTimeoutMs).toBe(1500)
    expect(readTuning({}).githubTimeoutMs).toBeUndefined()
    expect(() => readTuning({ PITCREW_GITHUB_TIMEOUT_MS: 'soon' })).toThrow(
      "Invalid PITCREW_GITHUB_TIMEOUT_MS 'soon'. Expected a number of milliseconds >= 0.",
    )
  })
})
