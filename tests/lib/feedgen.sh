# feedgen.sh: write small RSS feeds for tests (POSIX sh, sourced).
#
#	feedgen_rss FILE <LINES		one item per line of standard input:
#					GUID|LINK|TITLE|DESCRIPTION|EPOCH
#					(empty GUID, LINK or EPOCH: left out)
#
# A new mtime is set one second later than the last one, so the fixture
# server's validators change even within one second.

feedgen_rss() { # file
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<rss version="2.0"><channel><title>t</title>\n'
		while IFS='|' read -r _g _l _t _d _e; do
			printf '<item><title>%s</title>' "$_t"
			[ -n "$_g" ] && printf '<guid>%s</guid>' "$_g"
			[ -n "$_l" ] && printf '<link>%s</link>' "$_l"
			[ -n "$_e" ] && printf '<pubDate>%s</pubDate>' \
			    "$(date -u -R -d "@$_e")"
			printf '<description>%s</description></item>\n' "$_d"
		done
		printf '</channel></rss>\n'
	} >"$1.tmp"
	mv "$1.tmp" "$1"
	_fg_m=$(( $(date +%s) + ${FEEDGEN_TICK:=0} ))
	FEEDGEN_TICK=$((FEEDGEN_TICK + 1))
	touch -d "@$_fg_m" "$1"
}
