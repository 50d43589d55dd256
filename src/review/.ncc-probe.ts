import { parseCheck } from './suggestion.js'
const r = await parseCheck('a.ts', 'const x: number = (1\n')
const ok = await parseCheck('a.tsx', 'export const A = () => <div/>\n')
console.log(JSON.stringify({ r, ok }))
