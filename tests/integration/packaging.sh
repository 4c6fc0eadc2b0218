#!/bin/sh
# What ships beside the binary: the user unit passes `systemd-analyze verify`
# and uses only directives that work in a user unit; the man pages are
# clean mdoc; the desktop entry validates and the icon is an SVG; `make
# install` puts everything down and `make uninstall` removes exactly that;
# the completions load; the example sources parse.
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-packaging.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/cfg"
UNIT=systemd/raqib.service.in

# systemd-analyze verify of the unit as installed, warnings counted as
# failures (docs/HACKING.md: it exits 0 on warnings without --recursive-errors).
unit_verifies() {
	mkdir -p "$tmp/run" "$tmp/unit"
	sed "s|@BINDIR@|$(pwd)/$B|g" "$UNIT" >"$tmp/unit/raqib.service"
	XDG_RUNTIME_DIR="$tmp/run" systemd-analyze --user verify --man=no \
	    --recursive-errors=yes "$tmp/unit/raqib.service" >"$tmp/verify" 2>&1
	_rc=$?
	[ $_rc -eq 0 ] && [ ! -s "$tmp/verify" ] && return 0
	echo "# systemd-analyze verify exited $_rc:"
	sed 's/^/# /' "$tmp/verify"
	return 1
}

# The unit sets a directive to a value.
unit_has() { # line
	grep -qx -- "$1" "$UNIT"
}

# No namespacing option, which does nothing in a user unit (docs/HACKING.md).
unit_no_dead_hardening() {
	grep -q '^PrivateUsers=yes' "$UNIT" && return 0
	! grep -E '^(Protect(System|Home|KernelTunables|KernelModules|KernelLogs|ControlGroups|Clock|Hostname|Proc)|Private(Tmp|Devices|Network|Mounts)|ReadOnlyPaths|ReadWritePaths|InaccessiblePaths|TemporaryFileSystem)=' "$UNIT"
}

# A man page lints clean (mandoc, else groff's warnings).
man_clean() { # page
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -Wwarning "$1"
	else
		[ -z "$(groff -mdoc -ww -z "$1" 2>&1)" ]
	fi
}

if command -v systemd-analyze >/dev/null 2>&1; then
	check "systemd-analyze verify passes on the unit, warnings included" \
	    unit_verifies
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - # SKIP systemd-analyze is not installed"
fi
check "the unit is Type=notify" unit_has "Type=notify"
check "the unit has a watchdog" unit_has "WatchdogSec=2min"
check "ExecReload sends SIGHUP" unit_has 'ExecReload=/bin/kill -HUP $MAINPID'
check "the unit restarts on failure" unit_has "Restart=on-failure"
check "the unit has no hardening that a user unit ignores" \
    unit_no_dead_hardening
check "raqib(1) is clean mdoc" man_clean daemon/raqib.1
if command -v desktop-file-validate >/dev/null 2>&1; then
	check "the desktop entry validates" desktop-file-validate \
	    contrib/raqib.desktop
fi
check "the desktop entry names raqib's icon and its notifications" \
    grep -qx 'Icon=raqib' contrib/raqib.desktop
# The icon is an SVG with a square view box, drawn at any size.
svg_ok() {
	/usr/bin/python3 - contrib/raqib.svg <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
x, y, w, h = root.get("viewBox").split()
assert w == h, (w, h)
PY
}
check "the icon is a square SVG" svg_ok
check "raqib.conf(5) is clean mdoc" man_clean daemon/raqib.conf.5

# --- make install / uninstall ----------------------------------------------
make -s B="$B" DESTDIR="$tmp/dest" PREFIX=/usr install >"$tmp/install" 2>&1
check "make install succeeds" test $? -eq 0
for f in bin/raqib share/raqib/raqib.conf share/raqib/sources-central-asia.conf \
    lib/systemd/user/raqib.service share/man/man1/raqib.1 \
    share/man/man5/raqib.conf.5 share/bash-completion/completions/raqib \
    share/zsh/site-functions/_raqib share/applications/raqib.desktop \
    share/icons/hicolor/scalable/apps/raqib.svg; do
	check "make install puts down /usr/$f" test -f "$tmp/dest/usr/$f"
done
check "the installed unit runs the installed binary" \
    grep -qx 'ExecStart=/usr/bin/raqib' "$tmp/dest/usr/lib/systemd/user/raqib.service"
make -s B="$B" DESTDIR="$tmp/dest" PREFIX=/usr uninstall >"$tmp/uninstall" 2>&1
check "make uninstall succeeds" test $? -eq 0
check "make uninstall removes every file install put down" \
    test -z "$(find "$tmp/dest" -type f)"

# --- completions and the example sources -----------------------------------
# Complete `raqib WORD` with the bash completion; print the candidates.
complete_bash() { # words...
	bash -c 'shopt -s extglob; . contrib/completion/raqib.bash
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _raqib
	    echo "${COMPREPLY[*]}"' raqib "$@"
}
check "the bash completion completes commands" \
    test "$(complete_bash raqib imp)" = import-opml
check "the bash completion completes a command's options" \
    test "$(complete_bash raqib sources --j)" = --json
if command -v zsh >/dev/null 2>&1; then
	check "the zsh completion parses" zsh -n contrib/completion/_raqib
fi
check "contrib/sources-central-asia.conf passes raqib check" \
    "$RAQIB" check -c contrib/sources-central-asia.conf
cat config/raqib.conf contrib/sources-central-asia.conf >"$tmp/both.conf"
check "and appended to the example config, too" \
    "$RAQIB" check -c "$tmp/both.conf"
tap_status
