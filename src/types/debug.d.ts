/** The part of the `debug` package (simple-git's logger) that git.ts uses to silence it. */
declare module 'debug' {
  interface Debug {
    /** Disables every namespace and returns what was enabled, comma separated. */
    disable(): string
    enable(namespaces: string): void
  }
  const debug: Debug
  export default debug
}
