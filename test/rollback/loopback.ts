import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface Loopback {
  url: string
  requests: Recorded[]
  /** Sets the answer for the next requests: status + JSON body (or raw text). */
  reply(
    fn: (req: Recorded) => { status?: number; json?: unknown; text?: string; delayMs?: number },
  ): void
  close(): Promise<void>
}

/** A JSON HTTP server on 127.0.0.1 whose answers the test scripts. */
export async function startLoopback(): Promise<Loopback> {
  const requests: Recorded[] = []
  let handler: Parameters<Loopback['reply']>[0] = () => ({ status: 404, text: 'not scripted' })
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const rec = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      }
      requests.push(rec)
      const a = handler(rec)
      const send = () => {
        res.statusCode = a.status ?? 200
        if (a.json !== undefined) res.setHeader('content-type', 'application/json')
        res.end(a.json !== undefined ? JSON.stringify(a.json) : (a.text ?? ''))
      }
      if (a.delayMs) setTimeout(send, a.delayMs)
      else send()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (fn) => void (handler = fn),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
