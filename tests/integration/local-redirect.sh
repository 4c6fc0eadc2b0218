#!/bin/sh
# A source on a public host that redirects to this machine or a local
# network is refused, however the redirect writes the address (0, 0.0.0.0,
# [::], 0x7f.1, 2130706433, 127.1, 127.0.0.1, [::ffff:127.0.0.1],
# localhost): raqib checks the address curl connected to, not the URL's
# text. A source the user put on such an address keeps working, and so
# does one whose redirect stays on public hosts. No connection reaches the
# local address, let alone a request. The "public" host, 198.51.100.1,
# lives in a network namespace of this script's own (unshare -rn), so
# nothing leaves the machine; with no user namespaces the checks are
# skipped. A host there that drops every packet is named as no
# connection, after one timeout, by the daemon and by raqib parse (which
# names its URL once).
B=${B:-build}
RAQIB="$(pwd)/$B/raqib"

if [ -z "${RAQIB_NETNS:-}" ]; then
	if ! unshare -rn true 2>/dev/null; then
		echo "ok 1 - # SKIP no user and network namespace (unshare -rn)"
		echo "1..1"
		exit 0
	fi
	RAQIB_NETNS=1 exec unshare -rn sh "$0" "$@"
fi

. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-local-redirect.XXXXXX")
trap 'kill "$srv" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
export HOME="$tmp"
unset DBUS_SESSION_BUS_ADDRESS

pub=198.51.100.1
ip link set lo up && ip addr add "$pub/32" dev lo ||
    { echo "not ok 1 - the namespace gets a public address"; exit 1; }
/usr/bin/python3 tests/lib/redirect-server.py >"$tmp/requests.log" \
    2>"$tmp/server.err" &
srv=$!
wait_until 20 grep -q '^port' "$tmp/requests.log"
port=$(awk '/^port/ {print $2}' "$tmp/requests.log")
# The port only refused redirects name: a connection to it is a failure.
sport=$(awk '/^port/ {print $3}' "$tmp/requests.log")
[ -n "$sport" ] || { echo "not ok 1 - the server starts"; exit 1; }

# The local forms a public site's redirect may give (name, URL), each to
# a path no other source asks.
set -- zero "http://0:$sport/secret.xml" \
    any "http://0.0.0.0:$sport/secret.xml" \
    any6 "http://[::]:$sport/secret.xml" \
    hex "http://0x7f.1:$sport/secret.xml" \
    decimal "http://2130706433:$sport/secret.xml" \
    short "http://127.1:$sport/secret.xml" \
    loopback "http://127.0.0.1:$sport/secret.xml" \
    loopback6 "http://[::1]:$sport/secret.xml" \
    mapped "http://[::ffff:127.0.0.1]:$sport/secret.xml" \
    localhost "http://localhost:$sport/secret.xml"
{
	printf '[raqib]\ndatabase = %s/raqib.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	while [ $# -gt 0 ]; do
		printf '[source to-%s]\nurl = http://%s:%s/to?u=%s\n' \
		    "$1" "$pub" "$port" "$2"
		shift 2
	done
	printf '[source public]\nurl = http://%s:%s/feed.xml\n' "$pub" "$port"
	printf '[source public-to-public]\nurl = http://%s:%s/to?u=http://%s:%s/feed.xml\n' \
	    "$pub" "$port" "$pub" "$port"
	printf '[source local]\nurl = http://127.0.0.1:%s/feed.xml\n' "$port"
	printf '[source local-to-zero]\nurl = http://127.0.0.1:%s/to?u=http://0:%s/feed.xml\n' \
	    "$port" "$port"
	printf '[source local-to-public]\nurl = http://127.0.0.1:%s/to?u=http://%s:%s/feed.xml\n' \
	    "$port" "$pub" "$port"
	printf '[topic t]\nmatch = كازاخستان\n'
} >"$tmp/raqib.conf"
timeout 60 "$RAQIB" --once -c "$tmp/raqib.conf" 2>"$tmp/raqib.err"
check "raqib --once exits 0" test $? -eq 0

# row SOURCE COLUMN: a column of a source's health row (in $db).
db=raqib.db
row() {
	sqlite3 "$tmp/$db" "SELECT $2 FROM sources WHERE name = '$1'"
}

# refused SOURCE: its redirect was refused, in words that say why and
# what to do, and it stored nothing.
refused() {
	_e=$(row "$1" last_error)
	case $_e in
	*"this machine or a local network) from a source on a public host, not followed"*"if you trust that address, put it in the source's url yourself"*)
		;;
	*)
		echo "# $1: last_error is '$_e'"
		return 1 ;;
	esac
	test "$(row "$1" items)" -eq 0
}

for s in zero any any6 hex decimal short loopback loopback6 mapped localhost; do
	check "a public source redirected to a local address ($s) is refused, said why" \
	    refused "to-$s"
done
check "... the message names the URL it led to and the address" \
    sh -c "sqlite3 '$tmp/raqib.db' \"SELECT last_error FROM sources WHERE name = 'to-localhost'\" |
    grep -qF 'a redirect to http://localhost:$sport/secret.xml (' &&
    sqlite3 '$tmp/raqib.db' \"SELECT last_error FROM sources WHERE name = 'to-localhost'\" |
    grep -qE '\\((::1|127\\.0\\.0\\.1) port $sport: this machine or a local network\\)'"
check "... and no connection, let alone a request, reached a local address" \
    test "$(grep -c "^GET /secret.xml\|^CONNECT" "$tmp/requests.log")" -eq 0
for s in public public-to-public local local-to-zero local-to-public; do
	check "source $s is read (no error, its story stored)" \
	    test "$(row "$s" items)|$(row "$s" last_error)" = "1|"
done
check "the local source's redirect to 0 did reach this machine" \
    grep -q "^GET /feed.xml 0.0.0.0:$port" "$tmp/requests.log"
check "raqib parse refuses it too, and says why" \
    sh -c "! '$RAQIB' parse 'http://$pub:$port/to?u=http://0:$sport/secret.xml' \
    >/dev/null 2>'$tmp/parse.err' && grep -qF 'from a source on a public host, not followed' '$tmp/parse.err'"

# Through a proxy on this machine (http_proxy, as privoxy or tor's would
# be), raqib connects to the proxy alone, which resolves and connects to
# the site: the URL asked is judged by the host it writes, an address or
# localhost, so a public source's redirect to a local one still goes
# nowhere, and the others are read through the proxy.
set -- loopback "http://127.0.0.1:$sport/secret.xml" \
    hex "http://0x7f.1:$sport/secret.xml" \
    any6 "http://[::]:$sport/secret.xml" \
    localhost "http://LocalHost.:$sport/secret.xml" \
    sub "http://admin.localhost:$sport/secret.xml" \
    private "http://10.1.2.3:$sport/secret.xml"
{
	printf '[raqib]\ndatabase = %s/proxy.db\ntimeout = 10s\ncatch_up = all\n' "$tmp"
	while [ $# -gt 0 ]; do
		printf '[source to-%s]\nurl = http://%s:%s/to?u=%s\n' \
		    "$1" "$pub" "$port" "$2"
		shift 2
	done
	printf '[source public]\nurl = http://%s:%s/feed.xml\n' "$pub" "$port"
	printf '[source local-to-zero]\nurl = http://127.0.0.1:%s/to?u=http://0:%s/feed.xml\n' \
	    "$port" "$port"
	printf '[topic t]\nmatch = كازاخستان\n'
} >"$tmp/proxy.conf"
env -u no_proxy -u NO_PROXY http_proxy="http://127.0.0.1:$port" timeout 60 "$RAQIB" --once \
    -c "$tmp/proxy.conf" 2>"$tmp/proxy.err"
check "through a proxy: raqib --once exits 0" test $? -eq 0
db=proxy.db
for s in loopback hex any6 localhost sub private; do
	check "... a public source redirected to a local address ($s) is refused, said why" \
	    refused "to-$s"
done
check "... none of them asked of the proxy" \
    test "$(grep -c "^PROXY http://[^?]*/secret.xml" "$tmp/requests.log")" -eq 0
check "... a public source is read, through the proxy" test \
    "$(row public items)|$(row public last_error)|$(grep -c "^PROXY http://$pub:$port/feed.xml" "$tmp/requests.log")" = "1||1"
check "... and a local one's redirect to 0 is followed" \
    test "$(row local-to-zero items)|$(row local-to-zero last_error)" = "1|"

# A host that drops every packet (SYN included): an address routed into
# lo that nothing holds, where the namespace forwards nothing.
ip route add 203.0.113.0/24 dev lo
printf '[raqib]\ndatabase = %s/drop.db\ntimeout = 4s\n[source dropped]\nurl = http://203.0.113.9:%s/feed.xml\n[topic t]\nmatch = x\n' \
    "$tmp" "$port" >"$tmp/drop.conf"
# raqib parse of it, meanwhile (its 15 s connect timeout, no option).
timeout 60 "$RAQIB" parse "http://203.0.113.9:$port/feed.xml" \
    >/dev/null 2>"$tmp/drop-parse.err" &
parse=$!
start=$(date +%s)
timeout 60 "$RAQIB" --once -c "$tmp/drop.conf" 2>"$tmp/drop.err"
rc=$?
took=$(($(date +%s) - start))
wait "$parse"
db=drop.db
check "a host that drops the packets: exit 0" test "$rc" -eq 0
check "... no connection, in those words, with what to check" test \
    "$(row dropped last_error)" = "no connection within 4 s: nothing answers at http://203.0.113.9:$port/feed.xml (the host is down, or a firewall drops raqib's packets); check the url's host and port, and whether the site opens in a browser on this machine (tried again later)"
check "... given up after one timeout, not tried twice: $took s" test "$took" -lt 7
check "... raqib parse of it names the url once, in those words" test \
    "$(cat "$tmp/drop-parse.err")" = "raqib: no connection within 15 s: nothing answers at http://203.0.113.9:$port/feed.xml (the host is down, or a firewall drops raqib's packets); check the url's host and port, and whether the site opens in a browser on this machine (tried again later)"
tap_finish "$tmp"
