#!/usr/bin/env bash
# The browser kiosk (issue 14): the core compiled to WebAssembly and the
# offline page around it.
#   1. the module's answers, natively: cargo test -p feudfacts-wasm (the
#      crate is not a default member, so `cargo test` alone skips it), and
#      its clippy (--no-deps: this crate's own lints; the core and the
#      compiler, workspace members too, are linted by .ci/run's clippy step);
#   2. the page, built by the one documented command (web/build.sh), which
#      also refuses a page over 400 KB;
#   3. the page in Debian's Chromium, headless, driven by Playwright
#      (playwright-core from npm, told to use /usr/bin/chromium: it downloads
#      no browser), opened from file://. It leaves its screenshots and the
#      keystroke-to-results timing in target/web-test/.
# ci/setup.sh installs chromium, the wasm32 target and playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
T0=$(date +%s)
step() { printf -- '--- web: %s (%ss)\n' "$*" $(( $(date +%s) - T0 )); }

step "the module's answers (host)"
cargo test -p feudfacts-wasm
cargo clippy -p feudfacts-wasm --all-targets --no-deps -- -D warnings

step "build the page (web/build.sh)"
bash web/build.sh target/web

step "the page in Chromium, from file://"
[ -d web/test/node_modules/playwright-core ] || npm ci --prefix web/test --no-audit --no-fund
(cd web/test && node --test kiosk.test.mjs)
cat target/web-test/timing.json

step "web ok"
