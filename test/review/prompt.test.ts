/** The user prompt of a review call: instructions by path or for every file, and the language. */
import { describe, expect, it } from 'vitest'
import { partPrompts, type PromptContext } from '../../src/review/prompt.js'
import type { PackedPart } from '../../src/review/pack.js'

const part = (files: string[]): PackedPart => ({
  index: 0,
  text: files.map((f) => `diff --git a/${f} b/${f}`).join('\n'),
  tokens: 10,
  files,
  changedLines: 1,
})

const context = (over: Partial<PromptContext>): PromptContext => ({
  heading: '# Pull request #1 in o/r',
  title: 'Title',
  body: 'Body',
  memory: '',
  instructions: [],
  parts: 1,
  incremental: false,
  ...over,
})

describe('review instructions', () => {
  const prompt = partPrompts(
    context({
      instructions: [
        { path: 'src/db/**', text: 'Use bound parameters.' },
        { text: 'Flag any new dependency.' },
      ],
    }),
  )

  it('an entry without path applies to every file', () => {
    expect(prompt(part(['README.md']))).toContain('- For every file: Flag any new dependency.')
    expect(prompt(part(['src/db/q.ts']))).toContain('- For every file: Flag any new dependency.')
  })

  it('an entry with a path applies only to parts with a matching file', () => {
    expect(prompt(part(['src/db/q.ts']))).toContain(
      '- For files matching `src/db/**`: Use bound parameters.',
    )
    expect(prompt(part(['README.md']))).not.toContain('Use bound parameters.')
  })
})

describe('review.language', () => {
  it('asks for the review text in that language, code unchanged', () => {
    const text = partPrompts(context({ language: 'German' }))(part(['a.ts']))
    expect(text).toContain(
      "## Language\n\nWrite the summary and every finding's title and body in German. Keep code, identifiers, file paths and suggested code unchanged.",
    )
  })

  it('says nothing about language by default (English)', () => {
    expect(partPrompts(context({}))(part(['a.ts']))).not.toContain('## Language')
  })
})
