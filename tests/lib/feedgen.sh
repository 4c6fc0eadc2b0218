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
