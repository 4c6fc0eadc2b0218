#!/bin/sh
# raqib exec sink: send each alert to a Telegram chat through a bot (Bot API
# sendMessage) with curl.
#
#	[topic c5plus1]
#	notify = desktop, exec:/usr/local/share/raqib/contrib/sinks/telegram.sh /home/me/.config/raqib/telegram-token 123456789
#
# The token file holds the bot's token (from @BotFather) on one line; keep
# it mode 600. The token reaches curl through its config on a pipe, never
# the command line (ps(1) shows that). The alert comes in RAQIB_*
# variables; the text is sent as plain text (no parse_mode), URL-encoded by
# curl. No eval; every expansion quoted. Non-zero exit keeps the alert pending.
set -eu
tokenfile=${1:?usage: telegram.sh TOKEN-FILE CHAT-ID}
chat=${2:?usage: telegram.sh TOKEN-FILE CHAT-ID}
token=$(head -n 1 -- "$tokenfile")
case $token in
*[!A-Za-z0-9:_-]* | '') echo "telegram.sh: bad token in $tokenfile" >&2; exit 2 ;;
esac
case $chat in
-[0-9]* | [0-9]* | @*) ;;
*) echo "telegram.sh: bad chat id '$chat'" >&2; exit 2 ;;
esac
case $chat in *[!A-Za-z0-9@_-]*) echo "telegram.sh: bad chat id" >&2; exit 2 ;; esac

# The title isolated (U+2068 ... U+2069) on its line after the topic.
text=$(printf '%s: \342\201\250%s\342\201\251\n\n%s\n\n%s' \
    "${RAQIB_TOPIC:-}" "${RAQIB_TITLE:-}" "${RAQIB_SNIPPET:-}" \
    "${RAQIB_LINK:-}")
api=${TELEGRAM_API:-https://api.telegram.org}
printf 'url = "%s/bot%s/sendMessage"\n' "$api" "$token" |
    curl -fsS --max-time 20 --proto =https,http -K - \
    --data-urlencode "chat_id=$chat" --data-urlencode "text=$text" \
    -d disable_web_page_preview=false >/dev/null
