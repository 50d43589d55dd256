/**
 * The fetch GitHub requests take when the runner sets HTTPS_PROXY/HTTP_PROXY: what
 * `@actions/github` builds (`getProxyFetch`), for our API URL. `@actions/http-client` decides
 * whether the URL goes through the proxy (NO_PROXY, loopback hosts) and makes the undici
 * ProxyAgent. Loaded on demand (octokit.ts): a run without a proxy never parses undici.
 */
import { HttpClient } from '@actions/http-client'
import { fetch as undiciFetch, type RequestInit as UndiciInit } from 'undici'

export function proxyFetch(apiUrl: string): typeof fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(apiUrl)
  if (!dispatcher) return (url, init) => fetch(url, init)
  return (async (url: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(url as string, {
      ...(init as UndiciInit),
      dispatcher,
    })) as unknown as typeof fetch
}
