#!/usr/bin/env bash
# Finds a Chromium for the end-to-end tests and prints its path. Order:
# $CHROMIUM_PATH, /usr/bin/chromium, then (as root on Debian or Ubuntu) the
# distribution's chromium package, installed here. Otherwise it stops with a
# message saying how to get one.
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; exit 0; fi
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
  exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done

distro=$(. /etc/os-release 2>/dev/null && echo "${ID:-} ${ID_LIKE:-}" || true)
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null && [[ "$distro" =~ (debian|ubuntu) ]]; then
  echo "No Chromium found: installing the distribution's chromium package for the end-to-end tests…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
fi

cat >&2 <<'MSG'
The end-to-end tests need Chromium, and none was found.
  - Debian/Ubuntu:  sudo apt-get install chromium
  - elsewhere:      install Chromium or Google Chrome, then
                    export CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
