import { describe, expect, it } from 'vitest'
import { Redactor, StreamRedactor, containsTokenPattern } from '../../src/safety/redact.js'

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

describe('Redactor encoded forms of registered secrets', () => {
  const secret = 'Opaque-Deploy-Key-9f3b'
  /** Every form a tool may print the secret in; none may survive redaction. */
  const encodings = (s: string): Record<string, string> => ({
    hex: Buffer.from(s).toString('hex'),
    HEX: Buffer.from(s).toString('hex').toUpperCase(),
    base64: Buffer.from(s).toString('base64'),
    base64url: Buffer.from(s).toString('base64url'),
    url: encodeURIComponent(s),
  })

  for (const [name, form] of Object.entries(encodings(secret))) {
    it(`masks the ${name} form inside surrounding text`, () => {
      const r = new Redactor([secret])
      const out = r.redact(`dump: ${form}\n`)
      expect(out).not.toContain(form)
      expect(out).toContain('***')
    })
  }

  it('masks the hex form in a longer hex dump, in either case', () => {
    const r = new Redactor([secret])
    const hex = Buffer.from(`prefix:${secret}:suffix`).toString('hex')
    for (const dump of [hex, hex.toUpperCase()]) {
      const out = r.redact(dump)
      expect(out).toContain('***')
      expect(out.toLowerCase()).not.toContain(Buffer.from(secret).toString('hex'))
    }
  })

  it('masks base64url at each of the three byte alignments inside longer base64url', () => {
    // Bytes that encode to '-' and '_' in base64url: the url-safe alphabet must be covered.
    const binaryish = 'k\u00fe\u00ff>?~-secret-\u00fb\u00ef'
    const r = new Redactor([binaryish])
    for (const prefix of ['', 'x', 'xy', 'Bearer-']) {
      const encoded = Buffer.from(`${prefix}${binaryish}`).toString('base64url')
      const out = r.redact(`t=${encoded}`)
      expect(out).toContain('***')
      const leftover = Buffer.from(out.slice(2).replace(/\*\*\*/g, ''), 'base64url').toString()
      expect(leftover).not.toContain('secret')
    }
  })

  it('masks URL encodings other encoders write: lower-case escapes, escaped !*(), + for space', () => {
    const special = "p@ss w/rd!(x)*'"
    const r = new Redactor([special])
    const pythonQuote = [...special]
      .map((c) =>
        /[A-Za-z0-9_.~-]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      )
      .join('')
    const forms = [
      encodeURIComponent(special),
      encodeURIComponent(special).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      pythonQuote,
      pythonQuote.replace(/%([0-9A-F]{2})/g, (_, h: string) => `%${h.toLowerCase()}`),
      new URLSearchParams({ q: special }).toString().slice(2),
    ]
    for (const form of forms) {
      expect(r.redact(`https://h/?q=${form}&next=1`)).toBe('https://h/?q=***&next=1')
    }
  })

  it('masks non-ASCII secrets percent-encoded byte by byte', () => {
    const s = 'clé-secrète-42'
    const r = new Redactor([s])
    expect(r.redact(`?k=${encodeURIComponent(s)}`)).toBe('?k=***')
    const lower = encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())
    expect(r.redact(`?k=${lower}`)).toBe('?k=***')
  })

  it('masks every form when it arrives split across chunks (stream)', () => {
    const r = new Redactor([secret])
    for (const form of Object.values(encodings(secret))) {
      const text = `line one\nvalue ${form} end\n`
      const stream = new StreamRedactor(r)
      let out = ''
      // One character at a time: every split point inside the form is tried.
      for (const c of text) out += stream.push(c)
      out += stream.end()
      // Base64 keeps at most its last partial group, which does not depend on the secret alone.
      expect(out).toMatch(/^line one\nvalue \*\*\*[A-Za-z0-9+/=_-]{0,4} end\n$/)
      expect(out).not.toContain(form)
    }
  })

  it('masks a hex form cut inside a long line without line ends (stream)', () => {
    const r = new Redactor([secret])
    const hex = Buffer.from(secret).toString('hex')
    const filler = '.'.repeat(70_000)
    const stream = new StreamRedactor(r, 65_536)
    let out = ''
    for (const piece of [filler.slice(0, 65_530), `${filler.slice(65_530)}${hex}`, ' tail']) {
      out += stream.push(piece)
    }
    out += stream.end()
    expect(out).not.toContain(hex)
    expect(out.endsWith('*** tail')).toBe(true)
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
