/**
 * Conversations on a pull request (contract section 8): a question gets one answer in its
 * thread, `/pitcrew remember` puts a line into the project memory. Both are review work that is
 * not a review: they run instead of it, each in its own module.
 */
import type { TaskDeps, TaskResult } from '../task.js'
import { skippedResult } from './outcome.js'

/** Runs the conversation command the router found (`route.conversation`). */
export async function runConversation(deps: TaskDeps): Promise<TaskResult> {
  const c = deps.route.conversation
  if (!c) return conversationSkip(deps, 'No conversation command in this event.')
  if (c.kind === 'ask') return (await import('./ask.js')).runAsk(deps, c)
  return (await import('./remember.js')).runRemember(deps, c)
}

/** A conversation command that does nothing, with the reason as a notice and as the summary. */
export function conversationSkip(
  deps: Pick<TaskDeps, 'log'>,
  reason: string,
  extra: Record<string, unknown> = {},
): TaskResult {
  deps.log.notice(reason)
  return skippedResult(reason, '### pitcrew: nothing to do', extra)
}
