# Shared by the demo and the integration tests (POSIX sh, sourced).
# fixtures_serve DIR: copy the sample sources into DIR/www, start the fixture
# server on 127.0.0.1, set FIXTURE_PORT and FIXTURE_PID; it exits by itself
# after FIXTURE_TTL seconds (default 300).
# fixtures_server DIR: the same for files already in DIR/www.
# fixtures_config FILE: a config watching those sources with the example topics.

fixtures_serve() {
	mkdir -p "$1/www"
	cp tests/fixtures/feeds/rss2.xml tests/fixtures/feeds/atom.xml \
	    tests/fixtures/pages/listing.html "$1/www/"
	fixtures_server "$1"
}

# fixtures_server DIR: serve DIR/www (log in DIR/requests.log); as above.
fixtures_server() {
	"$B/fixture-server" -d "$1/www" -l "$1/requests.log" -t "${FIXTURE_TTL:-300}" \
	    >"$1/port" 2>"$1/server.err" &
	FIXTURE_PID=$!
	i=0
	while [ ! -s "$1/port" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	FIXTURE_PORT=$(awk '/^port/ {print $2}' "$1/port")
	[ -n "$FIXTURE_PORT" ]
}

fixtures_stop() {
	[ -n "${FIXTURE_PID:-}" ] && kill "$FIXTURE_PID" 2>/dev/null
	wait "$FIXTURE_PID" 2>/dev/null
	FIXTURE_PID=
}

# fixtures_config FILE DATABASE: sources on the fixture server, example topics.
fixtures_config() {
	cat >"$1" <<CONF
[raqib]
database = $2
timeout = 10s
# One notification per item, never a summary: the tests count them.
burst = 100
catch_up = all

[source sample-rss]
url = http://127.0.0.1:$FIXTURE_PORT/rss2.xml

[source sample-atom]
url = http://127.0.0.1:$FIXTURE_PORT/atom.xml

[source sample-page]
url = http://127.0.0.1:$FIXTURE_PORT/listing.html
items = article h2 a

CONF
	sed -n '/^\[topic /,$p' config/raqib.conf >>"$1"
}
