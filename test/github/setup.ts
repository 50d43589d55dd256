import { memoryLog } from '../../src/log.js'
import { createOctokit } from '../../src/github/octokit.js'
import {
  startGitHubEmulator,
  type EmulatorOptions,
  type GitHubEmulator,
} from '../harness/github-emulator.js'

/** An emulator plus a client wired to it with test-sized waits. */
export async function setup(opts: EmulatorOptions = {}, token = 'test-token') {
  const emu: GitHubEmulator = await startGitHubEmulator(opts)
  const log = memoryLog()
  const octokit = createOctokit({
    token,
    apiUrl: emu.url,
    log,
    retries: 3,
    minRetryDelayMs: 2,
    writeSpacingMs: 0,
  })
  return { emu, log, octokit }
}
