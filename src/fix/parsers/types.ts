/**
 * Shapes shared by every failure parser. A parser sees a test run (a runner's output or a JUnit
 * XML report) as a stream and keeps only what a fixer needs: the failing tests' sections, capped.
 */

export type RunnerKind =
  'junit' | 'vitest' | 'jest' | 'pytest' | 'node-tap' | 'node-spec' | 'mocha' | 'go'

/** One stack frame inside the workspace (node_modules, runtime internals and outside files dropped). */
export interface StackFrame {
  /** Workspace-relative path with forward slashes (Go: as printed, relative to its package). */
  file: string
  line: number
  column?: number
  fn?: string
}

/** Source lines around a frame, read from the workspace. */
export interface SourceExcerpt {
  file: string
  /** 1-based line of the frame. */
  line: number
  startLine: number
  lines: string[]
  /** The function shown (code under test). */
  fn?: string
}

export interface TestFailure {
  /** Stable id of the test, comparable between two runs parsed the same way. */
  id: string
  /** Human-readable test name (suite path included). */
  name: string
  /** Workspace-relative test file when known. */
  file?: string
  /** Go package, JUnit classname: what a runner needs besides the name to select the test. */
  suite?: string
  /** First line of the error. */
  message: string
  /** The failure section as printed (assertion diff, stack), trimmed and capped. */
  details: string
  frames: StackFrame[]
  runner: RunnerKind
  excerpts?: SourceExcerpt[]
  /** The functions the test exercises, outside the test files (see code-under-test.ts). */
  code?: SourceExcerpt[]
}

export interface TestCounts {
  passed?: number
  failed?: number
  skipped?: number
  total?: number
}

export interface ParseSummary {
  runner: RunnerKind | 'unknown'
  failures: TestFailure[]
  counts: TestCounts
  /** True when failures or sections were dropped by the caps. */
  truncated: boolean
  /** Lines (or XML elements) seen; lets callers tell an empty log from one without failures. */
  linesSeen: number
  /**
   * Ids of the tests seen passing, when the run lists them (verbose reporters, node's reporters,
   * `pytest -rA`, JUnit reports); capped at MAX_PASSED_IDS. Verification requires the tests that
   * failed to be found here, by id.
   */
  passed?: string[]
}

/** Passing ids kept per run: enough for any suite a fix re-runs, bounded for a huge one. */
export const MAX_PASSED_IDS = 20_000

export interface ParserCaps {
  /** Failures kept per run (later ones are counted, not kept). */
  maxFailures: number
  /** Lines kept per failure section. */
  maxSectionLines: number
  /** Characters kept per failure section. */
  maxSectionChars: number
  /** Characters kept per line; longer lines are cut (a minified bundle on one line). */
  maxLineChars: number
  /** Frames kept per failure. */
  maxFrames: number
}

export const DEFAULT_CAPS: ParserCaps = {
  maxFailures: 100,
  maxSectionLines: 120,
  maxSectionChars: 12_000,
  maxLineChars: 2_000,
  maxFrames: 12,
}

export interface ParserOptions {
  /** Absolute workspace path: absolute frame paths under it become relative, others are dropped. */
  workspace: string
  caps?: Partial<ParserCaps>
}

/** A line-oriented parser: fed one line at a time (no trailing newline, ANSI codes removed). */
export interface LineParser {
  readonly runner: RunnerKind
  /** Set once the parser has seen a line only its runner prints. */
  readonly detected: boolean
  push(line: string): void
  end(): ParseSummary
}
