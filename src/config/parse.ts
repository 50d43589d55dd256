/**
 * The YAML side of `.github/pitcrew.yml`: text -> validated RepoConfig, each problem with its
 * line. Its own module so a run without a config file never loads the YAML parser (cold start);
 * the schema and its validation stay in schema.ts.
 */
import {
  LineCounter,
  parseDocument,
  isMap,
  isSeq,
  isScalar,
  isPair,
  type Node as YamlNode,
} from 'yaml'
import { formatPath, INVALID, type Issue, type ParseContext } from './schema-dsl.js'
import {
  configErrorFrom,
  DEFAULT_CONFIG_FILE,
  repoConfigSchema,
  validateRepoConfigValue,
} from './schema.js'
import type { RepoConfig } from './types.js'

/**
 * Parses the text of `.github/pitcrew.yml`. An empty file (or one with only comments) means all
 * defaults. Throws a ConfigValidationError listing every problem with its key path and line.
 */
export function parseRepoConfig(text: string, source = DEFAULT_CONFIG_FILE): RepoConfig {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0])
      return {
        key: '',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
        line: pos.line,
        column: pos.col,
      }
    })
    throw configErrorFrom(source, problems)
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 })
  const ctx: ParseContext = { issues: [], root: repoConfigSchema }
  const result = validateRepoConfigValue(value, ctx)
  if (ctx.issues.length > 0 || result === INVALID) {
    throw configErrorFrom(
      source,
      ctx.issues.map((i) => {
        const pos = locate(doc.contents, i, lineCounter)
        return { key: formatPath(i.path), message: i.message, ...pos }
      }),
    )
  }
  return result
}

/** Finds the line/column of the YAML node an issue is about (the key itself for unknown keys). */
function locate(
  root: YamlNode | null | unknown,
  issue: Issue,
  lc: LineCounter,
): { line?: number; column?: number } {
  let node: unknown = root
  let target: unknown = root
  for (let i = 0; i < issue.path.length; i++) {
    const seg = issue.path[i]!
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      )
      if (!pair) break
      const last = i === issue.path.length - 1
      target = last && issue.at === 'key' ? pair.key : (pair.value ?? pair.key)
      node = pair.value
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg]
      if (!item) break
      target = item
      node = item
    } else break
  }
  const range = (target as { range?: [number, number, number] } | null)?.range
  if (!range) return {}
  const pos = lc.linePos(range[0])
  return { line: pos.line, column: pos.col }
}
