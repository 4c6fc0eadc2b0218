#!/bin/sh
# raqib exec sink: mail each alert with sendmail(8).
#
#	[topic rare-earths]
#	notify = desktop, exec:/usr/local/share/raqib/contrib/sinks/email.sh me@example.net
#
# The alert comes in RAQIB_* variables (the JSON on stdin is not needed).
# No eval; every expansion quoted. The recipient is an argument to sendmail,
# never read from headers; the subject is one RFC 2047 encoded word, so a
# title cannot add headers. Exit status is sendmail's: non-zero keeps the
# alert pending.
set -eu
to=${1:?usage: email.sh ADDRESS}
case $to in
*[!A-Za-z0-9._%+@-]* | -* | *@*@* | *@ | @*)
	echo "email.sh: '$to' is not a plain address" >&2
	exit 2 ;;
*@*) ;;
*) echo "email.sh: '$to' is not an address" >&2; exit 2 ;;
esac
sendmail=${SENDMAIL:-sendmail}

# The title isolated (U+2068 ... U+2069): an Arabic title after a Latin
# topic keeps its own direction, and its direction cannot spill.
subject=$(printf '%s: \342\201\250%s\342\201\251' "${RAQIB_TOPIC:-}" \
    "${RAQIB_TITLE:-}" | tr '\000-\037\177' ' ' | base64 -w 0)
exec 0</dev/null
{
	printf 'To: %s\n' "$to"
	printf 'Subject: =?UTF-8?B?%s?=\n' "$subject"
	printf 'MIME-Version: 1.0\n'
	printf 'Content-Type: text/plain; charset=UTF-8\n'
	printf 'Content-Transfer-Encoding: 8bit\n'
	printf 'Auto-Submitted: auto-generated\n\n'
	printf '%s\n\n%s\n\n%s\n%s %s\n' "${RAQIB_TITLE:-}" \
	    "${RAQIB_SNIPPET:-}" "${RAQIB_LINK:-}" "${RAQIB_SOURCES:-}" \
	    "${RAQIB_PUBLISHED:-}" | sed 's/^\.$/../'
} | "$sendmail" -oi -- "$to"
