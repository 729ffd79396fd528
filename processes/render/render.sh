#!/usr/bin/env bash
# Renders processes/src/main/resources/bpmn/*.bpmn to docs/processes/*.png and *.svg with
# bpmn-js in headless Chromium. Needs node, npm and Debian's chromium
# (apt-get install -y chromium); no browser is downloaded.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/bpmn-js ] || [ ! -d node_modules/puppeteer-core ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
node render.mjs
