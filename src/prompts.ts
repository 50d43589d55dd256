import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const cache = new Map<string, string>()

/**
 * Loads a system prompt from `prompts/<name>.md`. In the bundle the build copies prompts/ next
 * to dist/index.js; from source (tests, tsx) they sit at the repository root. The first that
 * exists wins, so the bundle never reads the source tree.
 */
export function loadPrompt(name: string): string {
  const hit = cache.get(name)
  if (hit !== undefined) return hit
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [
    join(here, 'prompts', `${name}.md`),
    join(here, '..', 'prompts', `${name}.md`),
  ]
  const found = candidates.find((p) => existsSync(p))
  if (!found) {
    throw new Error(`Prompt '${name}' not found. Looked in: ${candidates.join(', ')}`)
  }
  const text = readFileSync(found, 'utf8')
  cache.set(name, text)
  return text
}

/** Where a prompt was loaded from; the bundle test asserts it is dist/prompts. */
export function promptPath(name: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url))
  return [join(here, 'prompts', `${name}.md`), join(here, '..', 'prompts', `${name}.md`)].find(
    (p) => existsSync(p),
  )
}
