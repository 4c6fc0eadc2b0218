#!/bin/sh
# Install the Debian packages raqib builds and tests with, only when missing.
set -eu

# DEPS_PKGS replaces the list (make bench-deps: what benchmarks compare with).
PKGS=${DEPS_PKGS:-"build-essential pkg-config clang libcurl4-openssl-dev
libxml2-dev libevent-dev libsqlite3-dev libnotify-dev libutf8proc-dev
libjansson-dev libuchardet-dev zlib1g-dev libcmocka-dev dbus python3-dbusmock
python3-feedparser sqlite3 curl valgrind libclang-rt-14-dev mandoc systemd
cmake xz-utils desktop-file-utils chromium openssl"}

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "deps: need root or sudo to install:$missing" >&2
		exit 1
	}
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
