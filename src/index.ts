import { run } from './main.js'

// The runner executes this file; everything else lives behind run().
await run()
