import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { errorMessage } from '../../src/github/errors.js'
import type { GitHubEmulator } from '../harness/github-emulator.js'
import { extractSchemas, SCHEMAS_PATH, serializeSchemas } from '../harness/openapi-extract.js'
import { setup } from './setup.js'

let emu: GitHubEmulator | undefined
afterEach(async () => emu?.close())
const R = { owner: 'acme', repo: 'widgets' }

describe("request bodies checked against GitHub's OpenAPI description", () => {
  it('rejects a misspelled field, naming it', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    const issue = emu.addIssue({ ...R, title: 't' })
    const err = await s.octokit
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...R,
        issue_number: issue,
        bdy: 'typo',
      } as never)
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 422 })
    expect(errorMessage(err)).toContain('"bdy" is not a permitted key.')
    expect(errorMessage(err)).toContain('"body" wasn\'t supplied.')
    expect(emu.state.repos.get('acme/widgets')!.comments).toHaveLength(0)
  })

  it('rejects a misspelled field inside review comments and a bad enum value', async () => {
    const s = await setup()
    emu = s.emu
    emu.addRepo(R)
    const pr = emu.addPull({
      ...R,
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'f', sha: 'c'.repeat(40) },
    })
    const err = await s.octokit.rest.pulls
      .createReview({
        ...R,
        pull_number: pr,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'a', body: 'b', lin: 3 } as never],
      })
      .catch((e: unknown) => e)
    expect(errorMessage(err)).toContain('"comments.0.lin" is not a permitted key.')
    const state = await s.octokit
      .request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...R,
        deployment_id: 1,
        state: 'succeeded',
      } as never)
      .catch((e: unknown) => e)
    expect(errorMessage(state)).toContain("For 'state'")
  })

  it('the extracted schemas are fresh with the installed @octokit/openapi', () => {
    // Compared as data: formatting (prettier) may differ, content may not.
    expect(JSON.parse(readFileSync(SCHEMAS_PATH, 'utf8'))).toEqual(
      JSON.parse(serializeSchemas(extractSchemas())),
    )
  })
})
