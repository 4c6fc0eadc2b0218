#!/bin/sh
# The documentation keeps up with the commands: every subcommand that
# `raqib --help` lists, and every option that it and each `raqib COMMAND
# --help` name, are in raqib(1)'s synopsis (in that command's part) and in
# the bash and zsh completions (in that command's branch), and in
# `raqib --help`'s own line for it. Read from --help, so a new command or
# option that is not documented fails here.
B=${B:-build}
RAQIB="$B/raqib"
. tests/lib/tap.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/raqib-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"

"$RAQIB" --help >"$tmp/help" 2>&1
check "raqib --help exits 0" test $? -eq 0
# COMMAND<TAB>OPTIONS for the daemon ("-") and each subcommand.
sed -n 's/^ *raqib \([a-z][a-z-]*\) .*/\1/p' "$tmp/help" | sort -u \
    >"$tmp/commands"
check "raqib --help lists ten subcommands or more" \
    test "$(wc -l <"$tmp/commands")" -ge 10
while read -r cmd; do
	"$RAQIB" "$cmd" --help >"$tmp/help.$cmd" 2>&1 ||
	    echo "# raqib $cmd --help failed" >&2
done <"$tmp/commands"

# Everything --help names must be in the man page and both completions.
documented() {
	/usr/bin/python3 - "$tmp" daemon/raqib.1 contrib/completion/raqib.bash \
	    contrib/completion/_raqib <<'PY'
import re, sys

tmp, man, bash, zsh = sys.argv[1:5]
OPT = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])")


def read(path):
    return open(path, encoding="utf-8").read()


def daemon_options(text):
    """The daemon's options: its usage line and the option lines below."""
    lines = text.splitlines()
    keep = [lines[0]] + [l for l in lines if re.match(r"^\s+-", l)]
    return set(OPT.findall("\n".join(keep)))


def synopsis(text):
    """raqib(1)'s synopsis flags per command; the daemon's under "-"."""
    syn = text.split(".Sh SYNOPSIS")[1].split(".Sh ")[0]
    parts = {}
    for part in syn.split("\n.Nm\n"):
        m = re.search(r"^\.Cm (\S+)", part, re.M)
        flags = {"-" + f for f in re.findall(r"Fl (-?[a-z][a-z-]*)", part)}
        parts.setdefault(m.group(1) if m else "-", set()).update(flags)
    return parts


def branch(text, cmd):
    """A completion's case branch for cmd (its labels may list several)."""
    m = re.search(r"^\s*(?:[\w-]+\|)*%s(?:\|[\w-]+)*\)(.*?);;"
                  % re.escape(cmd), text, re.M | re.S)
    return m.group(1) if m else ""


def top(text, path):
    """Where a completion offers commands and the daemon's options."""
    if path.endswith(".bash"):
        return branch(text, '""')
    return text.split("commands=(")[1].split("case $state")[0]


def has(text, word):
    return re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(word), text)


missing = []
mantext = read(man)
parts = synopsis(mantext)
comps = {path: read(path) for path in (bash, zsh)}
commands = read(tmp + "/commands").split()
for o in sorted(daemon_options(read(tmp + "/help"))):
    if not re.search(r"Fl %s\b" % re.escape(o[1:]), mantext):
        missing.append("raqib.1: the option %s" % o)
    for path, text in comps.items():
        if not has(top(text, path), o):
            missing.append("%s: the option %s" % (path, o))
for cmd in commands:
    if not re.search(r"^\.It Cm %s\b" % re.escape(cmd), mantext, re.M):
        missing.append("raqib.1: no description of %s" % cmd)
    want = set(OPT.findall(read("%s/help.%s" % (tmp, cmd))))
    for o in sorted(want):
        if o not in parts.get(cmd, set()):
            missing.append("raqib.1 synopsis: %s %s" % (cmd, o))
    for path, text in comps.items():
        if not has(top(text, path), cmd):
            missing.append("%s: the command %s" % (path, cmd))
        for o in sorted(want | {"--help"}):
            if not has(branch(text, cmd), o):
                missing.append("%s: %s %s" % (path, cmd, o))
for m in missing:
    print("# missing from %s" % m)
sys.exit(1 if missing else 0)
PY
}
check "every command and option of --help is in raqib(1) and both completions" \
    documented

# raqib --help's line for each command names every option and operand that
# command's own usage line does: a newcomer reads the first, not the second.
overview_complete() {
	/usr/bin/python3 - "$tmp" <<'PY'
import re, sys

tmp = sys.argv[1]
WORD = re.compile(r"--?[a-z][a-z-]*|[A-Z][A-Z-]*|(?<=\|)-(?=[\s|]|$)")
overview = open(tmp + "/help", encoding="utf-8").read().splitlines()
missing = []
for cmd in open(tmp + "/commands").read().split():
    own = open("%s/help.%s" % (tmp, cmd), encoding="utf-8").readline()
    block, inside = [], False
    for line in overview:
        if re.match(r"^(usage:)?\s+raqib %s\b" % re.escape(cmd), line):
            inside = True
        elif not re.match(r"^\s+\[", line):
            inside = False
        if inside:
            block.append(line)
    have = set(WORD.findall(" ".join(block)))
    for w in sorted(set(WORD.findall(own.split(cmd, 1)[1])) - have):
        missing.append("%s %s" % (cmd, w))
for m in missing:
    print("# raqib --help lacks: %s" % m)
sys.exit(1 if missing else 0)
PY
}
check "raqib --help names every option each command's --help names" \
    overview_complete
tap_status
