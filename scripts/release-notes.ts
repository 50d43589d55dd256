/**
 * Release helpers for .github/workflows/release.yml, kept out of YAML so they are tested
 * (test/docs/release.test.ts):
 *   node --import tsx scripts/release-notes.ts v1.2.3          prints the CHANGELOG.md section of 1.2.3
 *   node --import tsx scripts/release-notes.ts --check v1.2.3  fails unless the tag, package.json,
 *                                                   src/version.ts and CHANGELOG.md agree
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** `v1.2.3` -> `1.2.3`; anything else is refused, naming the expected form. */
export function versionOfTag(tag: string | undefined): string {
  const m = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag ?? '')
  if (!m)
    throw new Error(`Invalid tag '${tag}'. Expected the form vMAJOR.MINOR.PATCH, like v1.2.3.`)
  return m[1]
}

/** The major tag a release moves (`v1.2.3` -> `v1`); none for a pre-release (`v2.0.0-rc.1`). */
export function majorTag(tag: string): string | undefined {
  const version = versionOfTag(tag)
  return version.includes('-') ? undefined : `v${version.split('.')[0]}`
}

/** The body of `## [version]` in a Keep-a-Changelog text, without its heading. */
export function releaseNotes(changelog: string, version: string): string {
  const lines = changelog.split('\n')
  const start = lines.findIndex((l) => new RegExp(`^## \\[${escape(version)}\\]`).test(l))
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}. Expected a heading '## [${version}] - YYYY-MM-DD'.`,
    )
  }
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l))
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (!body) throw new Error(`CHANGELOG.md's section for ${version} is empty.`)
  return `${body}\n`
}

/** Every place that names the version must agree with the tag before anything is published. */
export function checkRelease(
  tag: string,
  files: { packageJson: string; versionTs: string; changelog: string },
): void {
  const version = versionOfTag(tag)
  const problems: string[] = []
  const pkg = JSON.parse(files.packageJson).version
  if (pkg !== version) problems.push(`package.json has version '${pkg}', expected '${version}'`)
  const src = /VERSION = '([^']+)'/.exec(files.versionTs)?.[1]
  if (src !== version) problems.push(`src/version.ts has '${src}', expected '${version}'`)
  try {
    releaseNotes(files.changelog, version)
  } catch (err) {
    problems.push((err as Error).message)
  }
  if (problems.length) {
    const list = problems.map((p) => p.replace(/\.$/, '')).join('; ')
    throw new Error(`Release ${tag} is not ready: ${list}.`)
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const read = (p: string) => readFileSync(`${root}/${p}`, 'utf8')
  const args = process.argv.slice(2)
  try {
    if (args[0] === '--check') {
      checkRelease(args[1] ?? '', {
        packageJson: read('package.json'),
        versionTs: read('src/version.ts'),
        changelog: read('CHANGELOG.md'),
      })
      console.log(`release ${args[1]}: package.json, src/version.ts and CHANGELOG.md agree`)
    } else if (args[0] === '--major') {
      console.log(majorTag(args[1] ?? '') ?? '')
    } else {
      process.stdout.write(releaseNotes(read('CHANGELOG.md'), versionOfTag(args[0])))
    }
  } catch (err) {
    console.error((err as Error).message)
    process.exit(1)
  }
}
