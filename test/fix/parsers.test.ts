import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createJUnitParser,
  createOutputParser,
  detectRunner,
  parseOutput,
} from '../../src/fix/parsers/index.js'
import { framesInLine, toWorkspacePath } from '../../src/fix/parsers/common.js'
import { XmlTokenizer } from '../../src/fix/parsers/xml.js'

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8')
const ids = (
  text: string,
  workspace: string,
  runners?: Parameters<typeof parseOutput>[1]['runners'],
) => parseOutput(text, { workspace, runners }).failures.map((f) => f.id)

/** Feeds a text in small odd-sized chunks: parsers must not depend on chunk boundaries. */
function chunked(text: string, size = 7): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

describe('vitest output (real run)', () => {
  it('finds each failing test with file, message and frames in the workspace', () => {
    const s = parseOutput(sample('vitest.txt'), { workspace: '/tmp/fixgen/vt' })
    expect(s.runner).toBe('vitest')
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/math.spec.ts > math > adds numbers',
      'test/math.spec.ts > throws inside',
      'test/parse.spec.ts > parses',
    ])
    const parse = s.failures[2]!
    expect(parse.file).toBe('test/parse.spec.ts')
    expect(parse.message).toBe("Error: Invalid number '12a'")
    expect(parse.frames.map((f) => `${f.file}:${f.line}`)).toEqual([
      'src/math.ts:10',
      'test/parse.spec.ts:3',
    ])
    expect(s.counts).toMatchObject({ failed: 3, passed: 1, total: 4 })
  })

  it('reads coloured output the same way', () => {
    expect(ids(sample('vitest-color.txt'), '/tmp/fixgen/vt')).toEqual(
      ids(sample('vitest.txt'), '/tmp/fixgen/vt'),
    )
  })

  it('gives the same result whatever the chunking', () => {
    const p = createOutputParser({ workspace: '/tmp/fixgen/vt' })
    for (const c of chunked(sample('vitest.txt'), 13)) p.write(c)
    expect(p.end().failures.map((f) => f.id)).toEqual(ids(sample('vitest.txt'), '/tmp/fixgen/vt'))
  })
})

describe('pytest output (real run)', () => {
  it('uses the node ids of the short summary and the E line as message', () => {
    const s = parseOutput(sample('pytest.txt'), { workspace: '/tmp/fixgen/py' })
    expect(s.runner).toBe('pytest')
    expect(s.failures.map((f) => f.id)).toEqual([
      'tests/test_calc.py::test_mean',
      'tests/test_calc.py::TestParse::test_bad',
    ])
    const bad = s.failures[1]!
    expect(bad.message).toBe("ValueError: Invalid number '12a'")
    expect(bad.frames.map((f) => `${f.file}:${f.line}`)).toEqual([
      'tests/test_calc.py:14',
      'pkg/calc.py:7',
    ])
    expect(bad.details).toContain('raise ValueError')
    expect(s.counts).toMatchObject({ failed: 2, passed: 1 })
  })

  it('reads -q --tb=short output', () => {
    expect(ids(sample('pytest-short.txt'), '/tmp/fixgen/py')).toEqual([
      'tests/test_calc.py::test_mean',
      'tests/test_calc.py::TestParse::test_bad',
    ])
  })

  it('falls back to the section headers when there is no summary', () => {
    const text = sample('pytest.txt').split(
      '=========================== short test summary info',
    )[0]!
    expect(ids(text, '/tmp/fixgen/py', ['pytest'])).toEqual([
      'tests/test_calc.py::test_mean',
      'tests/test_calc.py::TestParse::test_bad',
    ])
  })
})

describe("node's test runner (real runs)", () => {
  it('TAP: nested names, location file, and suites without errors of their own skipped', () => {
    const s = parseOutput(sample('node-tap.txt'), { workspace: '/tmp/fixgen/nt' })
    expect(s.runner).toBe('node-tap')
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/lib.test.js > slug > replaces all spaces',
      'test/lib.test.js > boom',
    ])
    expect(s.failures[0]!.message).toBe('Expected values to be strictly equal:')
    expect(s.failures[1]!.message).toBe('out of range')
    expect(s.failures[1]!.frames.map((f) => f.file)).toEqual(['lib.js', 'test/lib.test.js'])
    // runtime frames are dropped from the text the model sees
    expect(s.failures[1]!.details).not.toContain('node:internal')
  })

  it('spec: the "failing tests" list', () => {
    const s = parseOutput(sample('node-spec.txt'), { workspace: '/tmp/fixgen/nt' })
    expect(s.runner).toBe('node-spec')
    expect(s.failures.map((f) => f.id)).toEqual([
      'test/lib.test.js > replaces all spaces',
      'test/lib.test.js > boom',
    ])
    expect(s.counts).toMatchObject({ passed: 1, failed: 2, total: 3 })
  })
})

describe('jest, mocha and go output (saved samples)', () => {
  it('jest: one failure per ● block, node_modules frames dropped', () => {
    const s = parseOutput(sample('jest.txt'), { workspace: '/work/proj' })
    expect(s.runner).toBe('jest')
    expect(s.failures.map((f) => f.id)).toEqual([
      'src/sum.test.js > math > adds numbers',
      'src/sum.test.js > parses',
    ])
    expect(s.failures[1]!.frames.map((f) => f.file)).toEqual(['src/sum.js', 'src/sum.test.js'])
    expect(s.counts).toMatchObject({ failed: 2, passed: 3, total: 5 })
  })

  it('mocha: titles over several lines, file from the stack', () => {
    const s = parseOutput(sample('mocha.txt'), { workspace: '/work/proj' })
    expect(s.runner).toBe('mocha')
    expect(s.failures.map((f) => f.id)).toEqual(['math adds numbers', 'parse rejects garbage'])
    expect(s.failures[1]!.file).toBe('test/math.test.js')
    expect(s.failures[1]!.message).toBe("Error: Invalid number '12a'")
  })

  it('go test -v: package from the FAIL line, subtests, build failures', () => {
    const s = parseOutput(sample('go.txt'), { workspace: '/work/proj' })
    expect(s.runner).toBe('go')
    expect(s.failures.map((f) => f.id)).toEqual([
      'example.com/calc::TestAdd',
      'example.com/calc::TestTable/neg',
      'example.com/calc/broken::(build)',
    ])
    expect(s.failures[0]!.message).toBe('Add(1, 2) = -1; want 3')
    expect(s.failures[0]!.suite).toBe('example.com/calc')
  })

  it('go test without -v', () => {
    expect(ids(sample('go-nonverbose.txt'), '/work/proj')).toEqual(['example.com/calc::TestAdd'])
  })
})

describe('JUnit XML', () => {
  const junit = (name: string, workspace = '/tmp/fixgen/vt', size?: number) => {
    const p = createJUnitParser({ workspace })
    if (size) for (const c of chunked(sample(name), size)) p.write(c)
    else p.write(sample(name))
    return p.end()
  }

  it('vitest junit gives the same ids as vitest output', () => {
    expect(junit('vitest-junit.xml').failures.map((f) => f.id)).toEqual(
      ids(sample('vitest.txt'), '/tmp/fixgen/vt'),
    )
  })

  it('pytest --junitxml gives the node ids pytest accepts', () => {
    const s = junit('pytest-junit.xml', '/tmp/fixgen/py')
    expect(s.failures.map((f) => f.id)).toEqual([
      'tests/test_calc.py::test_mean',
      'tests/test_calc.py::TestParse::test_bad',
    ])
    expect(s.counts).toEqual({ passed: 1, failed: 2, skipped: 0, total: 3 })
  })

  it('surefire: CDATA, <error>, skipped, system-out ignored', () => {
    const s = junit('surefire.xml', '/work/proj', 5)
    expect(s.failures.map((f) => f.id)).toEqual([
      'com.example.CalcTest > testAdd',
      'com.example.CalcTest > testDiv',
    ])
    expect(s.failures[0]!.message).toBe(
      'org.opentest4j.AssertionFailedError: expected: <3> but was: <-1>',
    )
    expect(s.failures[0]!.frames.map((f) => `${f.file}:${f.line}`)).toContain('CalcTest.java:12')
    expect(s.failures[0]!.details).not.toContain('lots of output')
    expect(s.counts).toEqual({ passed: 0, failed: 2, skipped: 1, total: 3 })
  })

  it('go-junit-report and jest-junit', () => {
    expect(junit('go-junit.xml', '/work/proj', 3).failures.map((f) => f.id)).toEqual([
      'example.com/calc > TestAdd',
    ])
    const jest = junit('jest-junit.xml', '/work/proj', 11)
    expect(jest.failures.map((f) => f.id)).toEqual(['math adds numbers'])
    expect(jest.failures[0]!.file).toBe('src/sum.test.js')
    expect(jest.failures[0]!.frames.map((f) => f.file)).toEqual(['src/sum.test.js'])
  })

  it('is the same whatever the chunk boundaries (entities, CDATA and tags split)', () => {
    for (const size of [1, 2, 3, 17]) {
      expect(junit('surefire.xml', '/work/proj', size).failures).toEqual(
        junit('surefire.xml', '/work/proj').failures,
      )
    }
  })

  it('keeps memory bounded: a huge failure text is capped', () => {
    const p = createJUnitParser({ workspace: '/w' })
    p.write('<testsuite><testcase name="t" classname="c"><failure message="m">')
    const line = 'x'.repeat(99) + '\n'
    for (let i = 0; i < 20_000; i++) p.write(line)
    p.write('</failure></testcase></testsuite>')
    const s = p.end()
    expect(s.failures).toHaveLength(1)
    expect(s.failures[0]!.details.length).toBeLessThan(15_000)
    expect(s.failures[0]!.details).toMatch(/more lines$/)
  })
})

describe('XmlTokenizer', () => {
  it('decodes entities in attributes and text, skips comments and PIs', () => {
    const events: string[] = []
    const t = new XmlTokenizer({
      open: (n, a) => events.push(`<${n} ${JSON.stringify(a)}>`),
      close: (n) => events.push(`</${n}>`),
      text: (s) => events.push(s),
    })
    for (const c of chunked(
      '<?xml version="1.0"?><!-- a > b --><a x="1 &gt; 0" y=\'q\'>t&amp;u<![CDATA[<raw>]]><b/></a>',
      2,
    ))
      t.write(c)
    t.end()
    expect(events.join('')).toBe('<a {"x":"1 > 0","y":"q"}>t&u<raw><b {}></b></a>')
  })
})

describe('frames', () => {
  it('maps absolute and file:// paths into the workspace and drops foreign ones', () => {
    expect(toWorkspacePath('file:///w/src/a.ts', '/w')).toBe('src/a.ts')
    expect(toWorkspacePath('/other/a.ts', '/w')).toBeNull()
    expect(toWorkspacePath('/w/node_modules/x/a.js', '/w')).toBeNull()
    expect(toWorkspacePath('node:internal/x.js', '/w')).toBeNull()
    expect(toWorkspacePath('../escape.ts', '/w')).toBeNull()
    expect(framesInLine('  File "/w/pkg/calc.py", line 7, in parse', '/w')).toEqual([
      { file: 'pkg/calc.py', line: 7, fn: 'parse' },
    ])
  })
})

describe('runner detection and bounded streaming', () => {
  it('detects runners from commands', () => {
    expect(detectRunner('npx vitest run')).toEqual(['vitest'])
    expect(detectRunner('python3 -m pytest -q')).toEqual(['pytest'])
    expect(detectRunner('go test ./...')).toEqual(['go'])
    expect(detectRunner('node --test')).toEqual(['node-spec', 'node-tap'])
    expect(detectRunner('npm test')).toBeUndefined()
  })

  it('keeps at most maxFailures failures and says it truncated', () => {
    const p = createOutputParser({ workspace: '/w', runners: ['pytest'], caps: { maxFailures: 5 } })
    p.write('=== FAILURES ===\n')
    for (let i = 0; i < 50; i++)
      p.write(
        `___ test_${i} ___\nE   assert ${i} == -1\ntests/test_a.py:${i + 1}: AssertionError\n`,
      )
    p.write('=== 50 failed in 1.00s ===\n')
    const s = p.end()
    expect(s.failures).toHaveLength(5)
    expect(s.truncated).toBe(true)
  })

  it('cuts a giant line without newline', () => {
    const p = createOutputParser({ workspace: '/w' })
    for (let i = 0; i < 1000; i++) p.write('y'.repeat(10_000))
    p.write('\n')
    expect(p.end().failures).toEqual([])
  })
})
