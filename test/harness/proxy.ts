import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/**
 * A loopback forward proxy, as a runner's HTTPS_PROXY/HTTP_PROXY would be: CONNECT tunnels and
 * absolute-form requests, every host name answered on 127.0.0.1 (so a test can use a name that
 * only the proxy resolves). It records what it was asked for.
 */
export interface TestProxy {
  url: string
  /** `host:port` of every CONNECT and every forwarded request, in order. */
  seen: string[]
  close(): Promise<void>
}

export async function startProxy(): Promise<TestProxy> {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req: IncomingMessage, res) => {
    const target = new URL(req.url ?? '/')
    seen.push(target.host)
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const host = req.url ?? ''
    seen.push(host)
    const port = Number(host.split(':').pop())
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
