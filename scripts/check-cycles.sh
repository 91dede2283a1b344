#!/bin/sh
# Fails on an import cycle anywhere in the workspace. Type-only imports are left out (--transform): the compiler
# erases them, so they cannot loop at run time — the rules' state type names its moves, and each move module
# names the state type.
set -eu
cd "$(dirname "$0")/.."
pnpm exec dpdm --no-tree --no-warning --no-progress --transform --exit-code circular:1 \
  'shared/src/**/*.ts' 'server/src/**/*.ts' 'client/src/**/*.ts' 'test/room/*.ts' 'test/browser/*.ts' 'bench/**/*.ts'
