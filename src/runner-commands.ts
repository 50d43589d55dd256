/**
 * The runner's workflow commands (`::warning file=a.ts,line=3::text`, `::add-mask::`), written
 * byte for byte as `@actions/core` writes them. Our own because `@actions/core` statically loads
 * its OIDC client, and with it `@actions/http-client` and undici (about 1 MB of bundle parsed and
 * evaluated before the first request), for a run that never asks for an OIDC token.
 */
import { EOL } from 'node:os'

/** Where an annotation points, as `core.warning(msg, {file, startLine})` takes it. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

function commandValue(input: unknown): string {
  if (input === null || input === undefined) return ''
  return typeof input === 'string' ? input : JSON.stringify(input)
}

function escapeData(s: unknown): string {
  return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: unknown): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::command key=value,key=value::message` on stdout; empty properties are left out. */
export function issueCommand(
  command: string,
  properties: Record<string, unknown>,
  message: unknown,
): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',')
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

function annotation(p: AnnotationProperties = {}): Record<string, unknown> {
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn,
  }
}

export const info = (message: string): void => void process.stdout.write(message + EOL)
export const debug = (message: string): void => issueCommand('debug', {}, message)
export const warning = (message: string, p?: AnnotationProperties): void =>
  issueCommand('warning', annotation(p), message)
export const error = (message: string, p?: AnnotationProperties): void =>
  issueCommand('error', annotation(p), message)
export const notice = (message: string, p?: AnnotationProperties): void =>
  issueCommand('notice', annotation(p), message)
export const startGroup = (name: string): void => issueCommand('group', {}, name)
export const endGroup = (): void => issueCommand('endgroup', {}, '')
/** The runner masks this value in every later line of the log. */
export const setSecret = (secret: string): void => issueCommand('add-mask', {}, secret)

/** The step fails (exit code 1) with this message as an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}
