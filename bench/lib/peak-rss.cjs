// Loaded with `node --require` before the bundle: prints the process's peak resident set size
// (kilobytes, from the kernel's accounting) to stderr as it exits, whatever ends it, and the CPU
// time it used: its own (user + system) and that of the child processes it waited for (git), in
// milliseconds (children from /proc/self/stat; -1 where there is no /proc).
/* global process, require */
'use strict'
process.on('exit', () => {
  const u = process.resourceUsage()
  let children = -1
  try {
    // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and
    // 15th, in clock ticks (100 per second on Linux).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
    const stat = require('node:fs').readFileSync('/proc/self/stat', 'utf8')
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    children = (Number(rest[13]) + Number(rest[14])) * 10
  } catch {
    // not Linux
  }
  process.stderr.write(
    `\npitcrew-bench peak-rss-kb ${u.maxRSS}\n` +
      `pitcrew-bench cpu-ms ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)} children-cpu-ms ${children}\n`,
  )
})
