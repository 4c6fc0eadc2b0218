# feedgen.sh: write small RSS feeds for tests (POSIX sh, sourced).
#
#	feedgen_rss FILE <LINES		one item per line of standard input:
#					GUID|LINK|TITLE|DESCRIPTION|EPOCH
#					(empty GUID, LINK or EPOCH: left out)
#
# The fixture server's ETag holds the mtime in nanoseconds, so a rewrite
# changes the validators even within one second.

feedgen_rss() { # file
	awk -F'|' '
	BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<rss version=\"2.0\"><channel><title>t</title>" }
	{
		printf "<item><title>%s</title>", $3
		if ($1 != "") printf "<guid>%s</guid>", $1
		if ($2 != "") printf "<link>%s</link>", $2
		if ($5 != "") printf "<pubDate>%s</pubDate>", rfc822($5)
		printf "<description>%s</description></item>\n", $4
	}
	END { print "</channel></rss>" }
	function rfc822(t, cmd, s) {
		cmd = "date -u -R -d @" t
		cmd | getline s
		close(cmd)
		return s
	}' >"$1.tmp" && mv "$1.tmp" "$1"
}

# feedgen_start NAME: for a test already on its own bus (bus.sh, fixtures.sh
# sourced): a private $tmp holding HOME and the XDG directories, the fixture
# server and the notification mock started; all stopped and removed at exit.
feedgen_start() { # name
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-$1.XXXXXX")
	trap 'bus_stop_notifyd; fixtures_stop; rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
	export XDG_STATE_HOME="$tmp/home/.local/state"
	fixtures_serve "$tmp" ||
	    { echo "not ok 1 - fixture server starts"; exit 1; }
	bus_start_notifyd "$tmp/notifyd.log" ||
	    { echo "not ok 1 - notification server starts"; exit 1; }
}

# feedgen_conf FILE DATABASE RAQIB-LINES FEED...: FEED.xml on the fixture
# server as source FEED, the topic kazakhstan, catch_up = all, and one
# notification per alert (never a burst summary: the tests count them).
feedgen_conf() { # file, database, raqib lines, feeds...
	_fg_file=$1
	printf '[raqib]\ndatabase = %s\ntimeout = 5s\ncatch_up = all\nburst = 1000\n%b\n' \
	    "$2" "$3" >"$_fg_file"
	shift 3
	for _fg in "$@"; do
		printf '[source %s]\nurl = http://127.0.0.1:%s/%s.xml\n' \
		    "$_fg" "$FIXTURE_PORT" "$_fg" >>"$_fg_file"
	done
	printf '[topic kazakhstan]\nmatch = كازاخستان\n' >>"$_fg_file"
}

# feedgen_window N: every feed of $FEEDS at cycle N, in one process: the
# pinned item (feed a), then the last $WINDOW items.
feedgen_window() { # n
	awk -v n="$1" -v w=$WINDOW -v dir="$tmp/www" -v feeds="$FEEDS" '
	function item(f, g, l, t) {
		printf "<item><guid>%s</guid><link>http://127.0.0.1/%s</link>" \
		    "<title>%s</title></item>\n", g, l, t >f
	}
	BEGIN {
		split(feeds, fs, " ")
		for (k in fs) {
			f = dir "/" fs[k] ".xml"
			print "<rss version=\"2.0\"><channel><title>t</title>" >f
			if (fs[k] == "a")
				item(f, "pinned", "pinned", "كازاخستان: الخبر الثابت")
			for (i = n; i > 0 && i > n - w; i--)
				item(f, "g-" fs[k] "-" i, fs[k] "/" i,
				    "كازاخستان: خبر " i " من " fs[k])
			print "</channel></rss>" >f
			close(f)
		}
	}'
}
