#!/usr/bin/env bash
# Sets up a fresh clone and runs every check: system packages the tests use (a real Prometheus,
# pytest), npm dependencies, type check, lint, the freshness of dist/ and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
python3 -m pytest --version >/dev/null 2>&1 || need+=(python3-pytest)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run -s typecheck
npm run -s lint
npm run -s format:check
npm run -s check-dist
npm test
