#!/bin/sh
# raqib exec sink: push each alert to an ntfy topic (https://ntfy.sh or your
# own server) with curl.
#
#	[topic kazakhstan]
#	notify = desktop, exec:/usr/local/share/raqib/contrib/sinks/ntfy.sh https://ntfy.sh/my-secret-topic
#
# The alert comes in RAQIB_* variables (the JSON on stdin is not needed).
# No eval; every expansion quoted; header values lose line breaks so a title
# cannot add headers. Exit status is curl's: non-zero keeps the alert pending.
set -eu
url=${1:?usage: ntfy.sh https://SERVER/TOPIC}
case $url in
http://* | https://*) ;;
*) echo "ntfy.sh: the topic URL must be http(s)" >&2; exit 2 ;;
esac

# One header line: control characters (line breaks included) become spaces.
oneline() {
	printf '%s' "$1" | tr '\000-\037\177' ' '
}

title=$(oneline "raqib: ${RAQIB_TOPIC:-}")
click=$(oneline "${RAQIB_LINK:-}")
case $click in http://* | https://*) ;; *) click= ;; esac
exec 0</dev/null
printf '%s\n\n%s\n' "${RAQIB_TITLE:-}" "${RAQIB_SNIPPET:-}" |
    curl -fsS --max-time 20 --proto =http,https \
    -H "Title: $title" -H "Tags: newspaper" ${click:+-H "Click: $click"} \
    --data-binary @- -- "$url" >/dev/null
