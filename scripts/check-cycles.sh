#!/bin/sh
# Fails on an import cycle: any import at all inside shared/ (the engine is layered), and any import that
# survives compilation anywhere in the workspace (type-only imports are erased, so they cannot loop at run time).
set -eu
cd "$(dirname "$0")/.."
check() {
  pnpm exec dpdm --no-tree --no-warning --no-progress --exit-code circular:1 "$@"
}
check 'shared/src/**/*.ts'
check --transform 'shared/src/**/*.ts' 'server/src/**/*.ts' 'client/src/**/*.ts' 'test/room/*.ts' 'test/browser/*.ts' 'bench/**/*.ts'
