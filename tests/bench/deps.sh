#!/bin/sh
# Install what `make bench` compares against (sfeed), only when missing.
# Kept apart from tests/deps.sh: `make check` never needs it.
set -eu
dpkg-query -W -f='${Status}' sfeed 2>/dev/null | grep -q 'ok installed' &&
	exit 0
echo "bench-deps: installing sfeed"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "bench-deps: need root or sudo to install sfeed" >&2
		exit 1
	}
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q --no-install-recommends sfeed ||
	{ $SUDO apt-get update -q &&
	$SUDO apt-get install -y -q --no-install-recommends sfeed; }
