// Copies prompts/*.md next to the bundle so dist/index.js loads them from dist/prompts.
import { cpSync, rmSync } from 'node:fs'

rmSync('dist/prompts', { recursive: true, force: true })
cpSync('prompts', 'dist/prompts', { recursive: true })
