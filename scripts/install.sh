#!/bin/sh
# Installs the workspace. better-sqlite3 compiles from source because its prebuilt download is blocked on CI
# and many school networks; node-gyp then needs the Node headers that ship beside node (…/include/node).
set -eu
cd "$(dirname "$0")/.."
node_prefix=$(node -p "require('node:path').resolve(process.execPath, '..', '..')")
npm_config_nodedir="${npm_config_nodedir:-$node_prefix}" exec pnpm install "$@"
