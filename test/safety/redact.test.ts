import { describe, expect, it } from 'vitest'
import { Redactor, containsTokenPattern } from '../../src/safety/redact.js'

// Token-shaped values are assembled at run time so no secret scanner mistakes them for leaks.
const alnum = (n: number, seed = 'aB3') => seed.repeat(Math.ceil(n / seed.length)).slice(0, n)
const tokens: Record<string, string> = {
  'GitHub classic PAT': `ghp_${alnum(36)}`,
  'GitHub OAuth': `gho_${alnum(36)}`,
  'GitHub user-to-server': `ghu_${alnum(36)}`,
  'GitHub installation (GITHUB_TOKEN)': `ghs_${alnum(36)}`,
  'GitHub refresh': `ghr_${alnum(36)}`,
  'GitHub fine-grained PAT': `github_pat_${alnum(22)}_${alnum(59)}`,
  Anthropic: `sk-ant-api03-${alnum(40)}-${alnum(10)}AA`,
  'AWS key id': `AKIA${'ABCDEFGH23456789'}`,
  'AWS temporary key id': `ASIA${'QRSTUVWX23456789'}`,
  'Slack bot': `xoxb-${'1234567890'}-${alnum(24)}`,
  'Slack user': `xoxp-${'1234567890'}-${alnum(24)}`,
  JWT: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${alnum(43)}`,
}

describe('Redactor token patterns', () => {
  for (const [name, token] of Object.entries(tokens)) {
    it(`masks a ${name} token without it being registered`, () => {
      const r = new Redactor()
      const out = r.redact(`before ${token} after`)
      expect(out).toBe('before *** after')
      expect(containsTokenPattern(token)).toBe(true)
    })
  }

  it('masks Authorization header values but keeps the header name', () => {
    const r = new Redactor()
    const b64 = Buffer.from('x-access-token:opaque-value-1234').toString('base64')
    expect(r.redact(`http.extraheader=AUTHORIZATION: basic ${b64}`)).toBe(
      'http.extraheader=AUTHORIZATION: basic ***',
    )
    expect(r.redact('curl -H "Authorization: Bearer opaque.value.here"')).toBe(
      'curl -H "Authorization: Bearer ***"',
    )
  })

  it('masks private key blocks, also a cut-off one', () => {
    const r = new Redactor()
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${alnum(64)}\n${alnum(64)}\n-----END RSA PRIVATE KEY-----`
    expect(r.redact(`key:\n${key}\ndone`)).toBe('key:\n***\ndone')
    expect(r.redact(`key:\n${key.slice(0, 80)}`)).toBe('key:\n***')
  })

  it('masks the AWS secret key after its name', () => {
    const r = new Redactor()
    const secret = alnum(40, 'wJalrXUtnFEMI/K7MDENG+')
    expect(r.redact(`aws_secret_access_key = ${secret}`)).toBe('aws_secret_access_key = ***')
  })

  it('leaves ordinary text alone', () => {
    const r = new Redactor()
    const text = 'ghp_short sk-ant- eyJnot.a.jwt AKIA123 the quick brown fox'
    expect(r.redact(text)).toBe(text)
  })
})

describe('Redactor registered secrets', () => {
  const secret = 'hunter2-opaque-secret-value'

  it('masks registered values, ignoring empty and short ones', () => {
    const r = new Redactor(['', undefined, 'abc', secret])
    expect(r.redact(`pw=${secret}; abc stays`)).toBe('pw=***; abc stays')
  })

  it('masks values added later', () => {
    const r = new Redactor()
    expect(r.redact(secret)).toBe(secret)
    r.add(secret)
    expect(r.redact(secret)).toBe('***')
  })

  it('masks a secret inside JSON-stringified text, with escapes', () => {
    const tricky = 'pa"ss\\word-with-quote'
    const r = new Redactor([tricky])
    const json = JSON.stringify({ nested: { value: `x ${tricky} y` } })
    expect(json).not.toContain(tricky)
    expect(r.redact(json)).not.toContain(JSON.stringify(tricky).slice(1, -1))
    expect(r.redact(json)).toContain('***')
  })

  it('masks the base64 form at every alignment inside longer base64', () => {
    const r = new Redactor([secret])
    for (const prefix of ['', 'x', 'xy', 'x-access-token:']) {
      const b64 = Buffer.from(`${prefix}${secret}`).toString('base64')
      const out = r.redact(`header ${b64}`)
      // What is left cannot be decoded back into the secret.
      const leftover = Buffer.from(out.replace('header ', '').replace(/\*\*\*/g, ''), 'base64')
      expect(leftover.toString('utf8')).not.toContain(secret.slice(3, -3))
      expect(out).toContain('***')
    }
  })

  it('masks the URL-encoded form', () => {
    const special = 'p@ss/w0rd?&x=1'
    const r = new Redactor([special])
    expect(r.redact(`https://h/?q=${encodeURIComponent(special)}`)).toBe('https://h/?q=***')
  })

  it('masks each line of a multi-line secret', () => {
    const multi = `first-line-${alnum(20)}\nsecond-line-${alnum(20)}`
    const r = new Redactor([multi])
    expect(r.redact(`only ${multi.split('\n')[1]} here`)).toBe('only *** here')
  })

  it('treats regex metacharacters in secrets literally', () => {
    const r = new Redactor(['a.b*c(d)[e]'])
    expect(r.redact('a.b*c(d)[e] aXbbc')).toBe('*** aXbbc')
  })
})

describe('Redactor.redactDeep', () => {
  it('redacts strings in nested objects and arrays, keys included, without mutating', () => {
    const s = 'deep-secret-value'
    const r = new Redactor([s])
    const input = { a: [1, { b: `x${s}` }], [s]: true, n: null, d: new Date(0) }
    const out = r.redactDeep(input)
    expect(JSON.stringify(out)).not.toContain(s)
    expect(out.a[0]).toBe(1)
    expect(out.d).toBe(input.d)
    expect(JSON.stringify(input)).toContain(s)
  })

  it('handles cycles and errors', () => {
    const s = 'cyclic-secret-value'
    const r = new Redactor([s])
    const obj: Record<string, unknown> = { msg: s }
    obj.self = obj
    const out = r.redactDeep(obj)
    expect(out.msg).toBe('***')
    expect(out.self).toBe(out)
    const err = r.redactDeep(new Error(`boom ${s}`))
    expect(err).toBeInstanceOf(Error)
    expect(err.message).toBe('boom ***')
    expect(err.stack).not.toContain(s)
  })
})

describe('Redactor on large text', () => {
  it('redacts 1 MB with many secrets in one pass', () => {
    const secrets = Array.from({ length: 50 }, (_, i) => `registered-secret-${i}-${alnum(12)}`)
    const r = new Redactor(secrets)
    const line = 'ordinary log line with nothing to hide, number 1234567890\n'
    const chunks: string[] = []
    let size = 0
    let i = 0
    while (size < 1_000_000) {
      const piece = i % 100 === 0 ? `leak ${secrets[i % 50]} and ${tokens.JWT}\n` : line
      chunks.push(piece)
      size += piece.length
      i++
    }
    const text = chunks.join('')
    const out = r.redact(text)
    for (const s of secrets) expect(out).not.toContain(s)
    expect(out).not.toContain(tokens.JWT)
    expect(out.length).toBeLessThan(text.length)
  })
})
