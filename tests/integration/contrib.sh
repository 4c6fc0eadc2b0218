#!/bin/sh
# The contrib/sinks examples with a hostile alert: curl and sendmail are
# replaced by recorders on PATH, so nothing leaves the machine. Each script
# hands the title over as data (never as headers or commands) and nothing in
# it runs. Run from the repository root: sh tests/integration/contrib.sh
. tests/lib/tap.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-contrib.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$tmp/bin"
for tool in curl sendmail; do
	cat >"$tmp/bin/$tool" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$tmp/$tool.args"
cat >"$tmp/$tool.stdin"
EOF
	chmod +x "$tmp/bin/$tool"
done

RAQIB_TOPIC=kazakhstan
RAQIB_TITLE="\$(touch $tmp/pwned) \`touch $tmp/pwned\` \"q\" 'q'
Bcc: evil@example.org"
RAQIB_LINK='https://news.example.net/1?a=1&b=2'
RAQIB_SOURCES='Example News'
RAQIB_SNIPPET='Leaders met in Astana'
RAQIB_PUBLISHED=2024-05-03T10:30:00Z
export RAQIB_TOPIC RAQIB_TITLE RAQIB_LINK RAQIB_SOURCES RAQIB_SNIPPET \
    RAQIB_PUBLISHED
export PATH="$tmp/bin:$PATH"

# Whether file has a line equal to text.
has_line() { # file, text
	grep -qxF -- "$2" "$1"
}

# Whether no header line of a mail (before the first empty line) starts with text.
no_header() { # file, text
	! sed '/^$/q' "$1" | grep -q "^$2"
}

echo '{}' | sh contrib/sinks/ntfy.sh https://ntfy.example.net/t
check "ntfy: exits 0" test $? -eq 0
check "ntfy: posts to the topic URL" has_line "$tmp/curl.args" \
    https://ntfy.example.net/t
check "ntfy: the title header is the topic" has_line "$tmp/curl.args" \
    "Title: raqib: kazakhstan"
check "ntfy: the link is the click action" has_line "$tmp/curl.args" \
    "Click: https://news.example.net/1?a=1&b=2"
check "ntfy: the title is the message, byte for byte" test \
    "$(head -n 2 "$tmp/curl.stdin")" = "$RAQIB_TITLE"

echo '{}' | sh contrib/sinks/email.sh me@example.net
check "email: exits 0" test $? -eq 0
check "email: the recipient is sendmail's argument" has_line \
    "$tmp/sendmail.args" me@example.net
check "email: a title cannot add a header" no_header \
    "$tmp/sendmail.stdin" "Bcc:"
subject=$(sed -n 's/^Subject: =?UTF-8?B?\(.*\)?=$/\1/p' "$tmp/sendmail.stdin" |
    base64 -d)
check "email: the subject carries the title, isolated, on one line" test \
    "$subject" = "kazakhstan: $(printf '\342\201\250%s\342\201\251' \
    "$RAQIB_TITLE" | tr '\n' ' ')"
sh contrib/sinks/email.sh 'me@example.net -X/tmp/log' </dev/null 2>/dev/null
check "email: an address with options is refused" test $? -eq 2

printf '123456:ABC-def_ghi\n' >"$tmp/token"
echo '{}' | sh contrib/sinks/telegram.sh "$tmp/token" 42
check "telegram: exits 0" test $? -eq 0
check "telegram: the token goes through curl's config, not argv" \
    has_line "$tmp/curl.stdin" \
    'url = "https://api.telegram.org/bot123456:ABC-def_ghi/sendMessage"'
check "telegram: the token is not on the command line" \
    test -z "$(grep -F 123456 "$tmp/curl.args")"
check "telegram: the chat id and text are URL-encoded fields" \
    has_line "$tmp/curl.args" "chat_id=42"
check "telegram: the title is in the text" grep -qF -- "$RAQIB_SNIPPET" \
    "$tmp/curl.args"

check "nothing in the title ran" test ! -e "$tmp/pwned"

echo "1..$tap_n"
tap_status
