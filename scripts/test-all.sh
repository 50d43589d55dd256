#!/usr/bin/env bash
# Sets up a fresh clone and runs every check: system packages the tests use (a real Prometheus,
# pytest), npm dependencies, type check, lint, the freshness of dist/ and the test suite, then the
# bundle's end-to-end tests a second time on Node 24 (action.yml declares `runs.using: node24`).
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

# Node 24 for the bundle tests. Not a dependency in package.json: the package's `bin` is named
# `node` and would shadow the Node that runs every npm script. It goes into a gitignored prefix
# instead; an existing install is reused, so a second run works offline.
node24_pkg="node-$(node -p 'process.platform + "-" + process.arch')"
node24="$PWD/.node24/node_modules/$node24_pkg/bin/node"
if [ -n "${PITCREW_NODE24:-}" ]; then
  node24="$PITCREW_NODE24"
elif node -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)'; then
  node24="$(node -p process.execPath)" # the CI matrix leg that already runs on Node 24
elif ! "$node24" -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' 2>/dev/null; then
  echo "installing Node 24 ($node24_pkg@24) into .node24/"
  npm install --no-save --no-audit --no-fund --prefix .node24 "$node24_pkg@24" >/dev/null ||
    echo "could not install $node24_pkg@24" >&2
fi
if "$node24" -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' 2>/dev/null; then
  export PITCREW_NODE24="$node24"
elif [ "${CI:-}" = "true" ]; then
  echo "Node 24 is required under CI=true: expected a Node 24 binary at '$node24' (or PITCREW_NODE24)." >&2
  exit 1
else
  echo "warning: no Node 24 binary; the Node 24 bundle tests are skipped" >&2
fi
npm run -s typecheck
npm run -s lint
npm run -s format:check
npm run -s check-dist
npm test
if [ -n "${PITCREW_NODE24:-}" ]; then
  echo "bundle end-to-end tests again, on $("$PITCREW_NODE24" --version)"
  # Every test file that spawns the bundle (test/docs/workflows.test.ts keeps this list complete).
  PITCREW_E2E_NODE="$PITCREW_NODE24" npx vitest run \
    test/docs/workflows.test.ts \
    test/e2e/action.test.ts \
    test/e2e/bundle-providers.test.ts \
    test/e2e/bundle-cold-start.test.ts \
    test/e2e/budget-cron.test.ts \
    test/e2e/bundle-review-conversation.test.ts \
    test/e2e/bundle-conversations.test.ts \
    test/e2e/bundle-review-big.test.ts \
    test/e2e/bundle-review-coverage.test.ts \
    test/e2e/bundle-review-findings.test.ts \
    test/e2e/bundle-review-outcomes.test.ts \
    test/e2e/bundle-review.test.ts \
    test/e2e/bundle-tracing.test.ts \
    test/e2e/cancel-fix.test.ts \
    test/e2e/cancel-review.test.ts \
    test/e2e/cancel-rollback.test.ts \
    test/e2e/exactly-once-fix-bundle.test.ts \
    test/e2e/exactly-once-remember.test.ts \
    test/e2e/exactly-once-review.test.ts \
    test/e2e/node24.test.ts \
    test/e2e/pack.test.ts \
    test/fix/bundle-budget.test.ts \
    test/fix/bundle-dry-run.test.ts \
    test/fix/bundle-cheats.test.ts \
    test/fix/bundle-paths.test.ts \
    test/fix/bundle-push.test.ts \
    test/fix/bundle-verify.test.ts \
    test/safety/redact-e2e.test.ts
fi
