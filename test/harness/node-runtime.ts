/**
 * Which Node binary runs the built bundle in end-to-end tests. action.yml declares
 * `runs.using: node24` while the suite itself runs on the machine's Node 20, so the bundle tests
 * run a second time with a Node 24 binary (scripts/test-all.sh installs one into `.node24/`
 * and sets PITCREW_E2E_NODE) to prove the declared runtime instead of assuming it.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The binary that spawns bundles: PITCREW_E2E_NODE when set, else the Node running the tests. */
export function e2eNode(): string {
  return process.env.PITCREW_E2E_NODE || process.execPath
}

/**
 * A Node 24 binary: PITCREW_NODE24, or the one scripts/test-all.sh installs with
 * `npm install --no-save --prefix .node24 node-<platform>-<arch>@24`. Undefined when neither exists.
 */
export function node24Binary(): string | undefined {
  const fromEnv = process.env.PITCREW_NODE24
  if (fromEnv) return fromEnv
  const pkg = `node-${process.platform}-${process.arch}`
  const local = join(repoRoot, '.node24', 'node_modules', pkg, 'bin', 'node')
  return existsSync(local) ? local : undefined
}
