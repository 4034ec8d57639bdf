#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# The TLS tests drive a real `openssl s_client`, the cluster tests start their own `redis-server`, and the browser
# tests drive Debian's Chromium through Playwright (tests/Chat.Tests/Web).
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ((${#missing[@]})); then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet test ChatApp.sln --logger "console;verbosity=minimal"
