#!/usr/bin/env bash
# Installs the Debian packages the tests use beside the Python venv, once.
# Idempotent: packages already installed are left alone. Needs root and apt-get;
# without them it says what to install and exits 0, and the tests that need a
# package skip with that message.
set -euo pipefail

need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# The scale-out test runs a real PostgreSQL tracker store
# and a Redis lock store on loopback.
for pkg in postgresql redis-server; do
    have "$pkg" || need+=("$pkg")
done
# The widget test drives Debian's headless Chromium with
# Playwright (Playwright's own browser download is not possible here).
for pkg in chromium; do
    have "$pkg" || need+=("$pkg")
done

if [ ${#need[@]} -eq 0 ]; then
    echo "system_deps: all present"
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "system_deps: missing ${need[*]}; install them as root:" \
        "apt-get install ${need[*]} (tests that need them will skip)"
    exit 0
fi
echo "system_deps: installing ${need[*]}"
# The packages must not start system-wide services: tests start their own
# instances on free loopback ports and stop them afterwards. policy-rc.d is
# Debian's switch for that; only ours is removed again.
policy=/usr/sbin/policy-rc.d
ours=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1
fi
trap '[ -n "$ours" ] && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
