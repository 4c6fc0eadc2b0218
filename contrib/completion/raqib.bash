# bash completion for raqib(1). Installed by `make install` into
# $(DATADIR)/bash-completion/completions/raqib; or source it from ~/.bashrc.
# tests/integration/docs.sh checks it against `raqib --help`.

_raqib_topics()
{
	local conf=${1:-${XDG_CONFIG_HOME:-$HOME/.config}/raqib/raqib.conf}
	[ -r "$conf" ] || return
	sed -n 's/^[[:space:]]*\[topic[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' \
	    "$conf" 2>/dev/null
}

_raqib()
{
	local cur prev cmd conf i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-c|--config) conf=${COMP_WORDS[i+1]}; ((i++)) ;;
		-*) ;;
		*) [ -z "$cmd" ] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	case $prev in
	-c|--config|--file|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--topic)
		COMPREPLY=($(compgen -W "$(_raqib_topics "$conf")" -- "$cur"))
		return ;;
	--url|--charset|--now|--items|--since|--source)
		return ;;
	esac
	case $cmd in
	"")
		COMPREPLY=($(compgen -W "init check export-opml history
		    import-opml match mute parse preview report search sources unmute
		    -c --config --once --dry-run -v --verbose -q --quiet
		    --version --help" -- "$cur")) ;;
	check)
		COMPREPLY=($(compgen -W "-c --config --database --help" \
		    -- "$cur")) ;;
	init|export-opml)
		COMPREPLY=($(compgen -W "-c --config --help" -- "$cur")) ;;
	history)
		COMPREPLY=($(compgen -W "-c --config --topic --since --json
		    --help" -- "$cur")) ;;
	sources)
		COMPREPLY=($(compgen -W "-c --config --json --help" -- "$cur")) ;;
	preview)
		COMPREPLY=($(compgen -W "-c --config --topic --since --list
		    --help" -- "$cur")) ;;
	report)
		COMPREPLY=($(compgen -W "-c --config --since -o --output
		    --help" -- "$cur")) ;;
	search)
		COMPREPLY=($(compgen -W "-c --config --since --source --json
		    --help" -- "$cur")) ;;
	import-opml)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-c --config --append --help" \
			    -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.@(opml|xml|OPML|XML)' \
			    -- "$cur") $(compgen -d -- "$cur"))
		fi ;;
	match)
		COMPREPLY=($(compgen -W "-c --config --topic --explain --file
		    --help -" -- "$cur")) ;;
	mute|unmute)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-c --config --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_raqib_topics "$conf")" \
			    -- "$cur"))
		fi ;;
	parse)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--url --charset --now --items --article
			    --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	esac
}
complete -F _raqib raqib
