/**
 * A small streaming XML tokenizer: enough XML for test reports (elements, attributes, text,
 * CDATA, comments, processing instructions, a DOCTYPE without an internal subset). Chunks go in,
 * events come out; memory is bounded by the caps whatever the document's size.
 */

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close(name: string): void
  /** Text in pieces (entities decoded); called several times for one long text node. */
  text(text: string): void
}

export interface XmlOptions {
  /** Characters kept of one tag (its attributes); the rest of a huge tag is dropped. */
  maxTagChars?: number
  /** Text is handed over in pieces of at most this size. */
  textFlushChars?: number
}

type State = 'text' | 'tag' | 'comment' | 'cdata' | 'pi' | 'doctype' | 'bang'

export class XmlTokenizer {
  private state: State = 'text'
  private buf = ''
  private tagQuote = ''
  private tagDropped = false
  private readonly maxTag: number
  private readonly flushAt: number

  constructor(
    private readonly handler: XmlHandler,
    opts: XmlOptions = {},
  ) {
    this.maxTag = opts.maxTagChars ?? 256 * 1024
    this.flushAt = opts.textFlushChars ?? 64 * 1024
  }

  write(chunk: string): void {
    let i = 0
    const n = chunk.length
    while (i < n) {
      switch (this.state) {
        case 'text': {
          const lt = chunk.indexOf('<', i)
          const end = lt === -1 ? n : lt
          if (end > i) this.textPiece(chunk.slice(i, end))
          if (lt === -1) return
          this.flushText()
          this.state = 'bang'
          this.buf = ''
          i = lt + 1
          break
        }
        case 'bang': {
          // decide what `<` opens; may need a few more characters across chunks
          this.buf += chunk[i]
          i++
          const b = this.buf
          if (b === '?') {
            this.state = 'pi'
            this.buf = ''
          } else if (b.startsWith('!')) {
            if (
              '![CDATA['.startsWith(b) ||
              '!--'.startsWith(b) ||
              '!DOCTYPE'.startsWith(b.toUpperCase())
            ) {
              const next: State | null =
                b === '![CDATA['
                  ? 'cdata'
                  : b === '!--'
                    ? 'comment'
                    : b.toUpperCase() === '!DOCTYPE'
                      ? 'doctype'
                      : null
              if (next) {
                this.state = next
                this.buf = ''
              }
            } else {
              this.state = 'doctype'
              this.buf = ''
            }
          } else {
            this.state = 'tag'
            this.tagQuote = ''
            this.tagDropped = false
            if (b === '>') {
              this.state = 'text'
              this.buf = ''
            } else if (b === '"' || b === "'") this.tagQuote = b
          }
          break
        }
        case 'tag': {
          const start = i
          while (i < n) {
            const c = chunk[i]!
            if (this.tagQuote) {
              if (c === this.tagQuote) this.tagQuote = ''
            } else if (c === '"' || c === "'") this.tagQuote = c
            else if (c === '>') break
            i++
          }
          this.appendTag(chunk.slice(start, i))
          if (i < n) {
            i++
            this.state = 'text'
            const tag = this.buf
            this.buf = ''
            this.emitTag(tag)
          }
          break
        }
        case 'comment':
        case 'cdata':
        case 'pi': {
          const term = this.state === 'comment' ? '-->' : this.state === 'cdata' ? ']]>' : '?>'
          // keep a short tail so a terminator split across chunks is still found
          const joined = this.buf + chunk.slice(i)
          const at = joined.indexOf(term)
          if (at === -1) {
            const keep = term.length - 1
            if (this.state === 'cdata') {
              const emit = joined.slice(0, Math.max(0, joined.length - keep))
              if (emit) this.handler.text(emit)
            }
            this.buf = joined.slice(Math.max(0, joined.length - keep))
            i = n
          } else {
            if (this.state === 'cdata' && at > 0) this.handler.text(joined.slice(0, at))
            const consumed = at + term.length - this.buf.length
            i += consumed
            this.buf = ''
            this.state = 'text'
          }
          break
        }
        case 'doctype': {
          const gt = chunk.indexOf('>', i)
          if (gt === -1) return
          i = gt + 1
          this.state = 'text'
          this.buf = ''
          break
        }
      }
    }
  }

  end(): void {
    this.flushText()
  }

  private pendingText = ''

  private textPiece(raw: string): void {
    this.pendingText += raw
    if (this.pendingText.length >= this.flushAt) {
      // never split an entity: keep from the last '&' without its ';'
      const amp = this.pendingText.lastIndexOf('&')
      const cut =
        amp !== -1 && this.pendingText.indexOf(';', amp) === -1 ? amp : this.pendingText.length
      const out = this.pendingText.slice(0, cut)
      this.pendingText = this.pendingText.slice(cut)
      if (out) this.handler.text(decodeEntities(out))
    }
  }

  private flushText(): void {
    if (this.pendingText) this.handler.text(decodeEntities(this.pendingText))
    this.pendingText = ''
  }

  private appendTag(piece: string): void {
    if (this.tagDropped) return
    if (this.buf.length + piece.length > this.maxTag) {
      this.buf += piece.slice(0, this.maxTag - this.buf.length)
      this.tagDropped = true
      return
    }
    this.buf += piece
  }

  private emitTag(raw: string): void {
    if (raw.startsWith('/')) {
      this.handler.close(raw.slice(1).trim())
      return
    }
    let body = raw
    const selfClosing = body.endsWith('/')
    if (selfClosing) body = body.slice(0, -1)
    const m = /^([^\s/>]+)/.exec(body)
    if (!m) return
    const name = m[1]!
    const attrs: Record<string, string> = {}
    const re = /([^\s=]+)\s*=\s*(?:"([^"]*)"?|'([^']*)'?)/g
    re.lastIndex = name.length
    let a: RegExpExecArray | null
    while ((a = re.exec(body))) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '')
    this.handler.open(name, attrs, selfClosing)
    if (selfClosing) this.handler.close(name)
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      try {
        return String.fromCodePoint(code)
      } catch {
        return all
      }
    }
    return NAMED[e] ?? all
  })
}
