#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# The TLS tests drive a real `openssl s_client`; the IRC tests a real IRC client library, Debian's python3-irc.
missing=()
command -v openssl >/dev/null || missing+=(openssl)
/usr/bin/python3 -c "import irc.client" 2>/dev/null || missing+=(python3-irc)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The browser tests drive Debian's Chromium through Playwright (tests/Chat.Tests/Web).
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

dotnet test ChatApp.sln --logger "console;verbosity=minimal"
