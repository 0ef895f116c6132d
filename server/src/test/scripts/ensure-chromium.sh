#!/usr/bin/env bash
# Gives the browser tests (ChatBrowserTest) a Chromium: Debian's package, installed with apt when it is
# missing and this runs as root. `mvn verify` runs this (server module, phase process-test-classes), so
# the README's test command needs no other set-up step. Argument: Maven's ${skipTests}.
set -euo pipefail
if [[ "${1:-}" == true || "${AIO4J_SKIP_BROWSER_TESTS:-}" == 1 ]]; then exit 0; fi
browser="${AIO4J_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$browser" ]]; then exit 0; fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  # ChatBrowserTest then fails and says what to do.
  echo "ensure-chromium: no Chromium at $browser and no root apt-get to install it" >&2
fi
