#!/usr/bin/env bash
# Makes sure Dovecot (the real IMAP server the IMAP integration tests start a
# private copy of, see tests/support/dovecot.ts) is installed. As root on
# Debian or Ubuntu it installs the distribution's dovecot-imapd when missing;
# otherwise it stops with a message saying how to get it. The system's own
# Dovecot service is never used or reconfigured by the tests.
set -euo pipefail

for candidate in /usr/sbin/dovecot /usr/local/sbin/dovecot; do
  if [ -x "$candidate" ]; then exit 0; fi
done

distro=$(. /etc/os-release 2>/dev/null && echo "${ID:-} ${ID_LIKE:-}" || true)
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null && [[ "$distro" =~ (debian|ubuntu) ]]; then
  echo "No Dovecot found: installing the distribution's dovecot-imapd for the IMAP tests…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >&2
  if [ -x /usr/sbin/dovecot ]; then exit 0; fi
fi

cat >&2 <<'MSG'
The IMAP integration tests need Dovecot, and none was found.
  - Debian/Ubuntu:  sudo apt-get install dovecot-imapd
  - elsewhere:      install Dovecot 2.3 so that /usr/sbin/dovecot exists
MSG
exit 1
