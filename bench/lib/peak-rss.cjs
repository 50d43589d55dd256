// Loaded with `node --require` before the bundle: prints the process's peak resident set size
// (kilobytes, from the kernel's accounting) to stderr as it exits, whatever ends it.
/* global process */
'use strict'
process.on('exit', () => {
  process.stderr.write(`\npitcrew-bench peak-rss-kb ${process.resourceUsage().maxRSS}\n`)
})
