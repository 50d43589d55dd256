import { describe, expect, it } from 'vitest'
import { checkActor } from '../../src/safety/actor.js'

const perms: Record<string, string> = {
  alice: 'admin',
  bob: 'write',
  mia: 'maintain',
  tom: 'triage',
  rea: 'read',
}
const getPermission = async (login: string) => perms[login] ?? 'none'

describe('checkActor', () => {
  it('allows people with write, maintain or admin', async () => {
    for (const login of ['alice', 'bob', 'mia']) {
      expect(await checkActor({ login, getPermission })).toMatchObject({ allowed: true })
    }
  })

  it('refuses people with triage, read or no permission, naming it', async () => {
    for (const [login, level] of [
      ['tom', 'triage'],
      ['rea', 'read'],
      ['stranger', 'none'],
    ]) {
      const r = await checkActor({ login, getPermission })
      expect(r.allowed).toBe(false)
      expect(r.reason).toContain(level)
      expect(r.reason).toContain(login)
    }
  })

  it('refuses bots that are not listed, whatever their suffix or permission', async () => {
    const always = async () => 'admin'
    for (const login of ['github-actions[bot]', 'dependabot[bot]', 'evil[bot]']) {
      const r = await checkActor({
        login,
        isBot: true,
        getPermission: always,
        allowedBots: ['renovate[bot]'],
      })
      expect(r).toMatchObject({ allowed: false })
      expect(r.reason).toContain('not listed')
    }
    // The suffix alone makes it a bot even when the event did not say so.
    expect((await checkActor({ login: 'x[bot]', getPermission: always })).allowed).toBe(false)
    // And a listed prefix does not extend to other bots.
    expect(
      (
        await checkActor({
          login: 'renovate-evil[bot]',
          isBot: true,
          getPermission: always,
          allowedBots: ['renovate'],
        })
      ).allowed,
    ).toBe(false)
  })

  it('allows a bot listed by its exact login', async () => {
    const r = await checkActor({
      login: 'Renovate[bot]',
      isBot: true,
      getPermission: async () => null,
      allowedBots: ['renovate[bot]'],
    })
    expect(r.allowed).toBe(true)
  })

  it('fails closed when the permission lookup fails or the actor is unknown', async () => {
    const r = await checkActor({
      login: 'alice',
      getPermission: async () => {
        throw new Error('HTTP 502')
      },
    })
    expect(r).toMatchObject({ allowed: false })
    expect(r.reason).toContain('HTTP 502')
    expect((await checkActor({ login: '', getPermission })).allowed).toBe(false)
    expect((await checkActor({ login: undefined, getPermission })).allowed).toBe(false)
  })
})
