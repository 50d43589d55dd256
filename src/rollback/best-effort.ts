import type { TaskDeps } from '../task.js'

/**
 * Runs a GitHub read or write whose failure must not end the run (the decision, or the rollback,
 * already stands): a failure is logged as a warning, redacted, and yields undefined.
 */
export async function safely<T>(
  deps: TaskDeps,
  what: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn()
  } catch (err) {
    deps.log.warning(`Could not ${what}: ${deps.redactor.redact((err as Error).message)}`)
    return undefined
  }
}
