#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test ChatApp.sln --logger "console;verbosity=minimal"
