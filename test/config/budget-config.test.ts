import { describe, expect, it } from 'vitest'
import { parseRepoConfig } from '../../src/config/parse.js'

describe('budget keys', () => {
  it('are absent by default (no cap) and read as positive numbers', () => {
    expect(parseRepoConfig('').budget).toEqual({})
    expect(parseRepoConfig('budget:\n  hourly-usd: 1.5\n  daily-usd: 20\n').budget).toEqual({
      hourlyUsd: 1.5,
      dailyUsd: 20,
    })
  })

  it('refuse zero, negatives, text and unknown windows, naming the key and the value', () => {
    const problem = (text: string) => {
      try {
        parseRepoConfig(text)
      } catch (err) {
        return (err as Error).message.split('\n')[1]
      }
      throw new Error(`accepted: ${text}`)
    }
    expect(problem('budget:\n  daily-usd: 0\n')).toBe(
      "  - budget.daily-usd (line 2, column 14): Invalid value '0'. Expected a number > 0.",
    )
    expect(problem('budget:\n  hourly-usd: -1\n')).toBe(
      "  - budget.hourly-usd (line 2, column 15): Invalid value '-1'. Expected a number > 0.",
    )
    expect(problem('budget:\n  daily-usd: lots\n')).toMatch(/^ {2}- budget\.daily-usd .*'lots'/)
    expect(problem('budget:\n  weekly-usd: 1\n')).toBe(
      "  - budget.weekly-usd (line 2, column 3): Unknown key 'weekly-usd'. Expected one of: hourly-usd, daily-usd.",
    )
  })
})
