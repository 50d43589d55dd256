import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..')

describe('npm run demo', () => {
  it('reviews the sample pull request with the bundle and prints the review as GitHub shows it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    })
    expect(run.status, run.stdout + run.stderr).toBe(0)
    const out = run.stdout
    // It says plainly that the model's answers are not live.
    expect(out).toMatch(/scripted stand-in for the model/)
    expect(out).toMatch(/exit code 0, outcome 'reviewed'/)
    // Inline comments on the right lines, the one-click suggestion, and the finding outside the diff.
    expect(out).toMatch(/── src\/pagination\.ts:3 \(RIGHT\) ──/)
    expect(out).toMatch(/```suggestion\n {2}return Math\.ceil\(total \/ size\)\n```/)
    expect(out).toMatch(/Outside the diff[\s\S]*src\/server\.ts/)
    // The sticky summary, with hidden markers stripped as GitHub renders them.
    expect(out).toMatch(/## pitcrew review/)
    expect(out).not.toMatch(/<!--/)
  })
})
