#!/usr/bin/env bash
# Fails when dist/ is not what a fresh build of src/ produces: the runner executes dist/index.js.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build >/dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale: a fresh build differs from the committed dist/. Run 'npm run build' and commit dist/." >&2
  git status --porcelain -- dist | head -20 >&2
  exit 1
fi
echo "dist/ is fresh"
