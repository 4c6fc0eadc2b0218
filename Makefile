# raqib — see README.md. `make check` and `make demo` install what they need.

VERSION	= 0.1.0
# The project's home page: the User-Agent names it so a site can reach us.
URL	= https://github.com/raqib-project/raqib
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share
MANDIR	?= $(DATADIR)/man
USERUNITDIR ?= $(PREFIX)/lib/systemd/user
DESTDIR	?=

B	?= build
CC	?= cc
CFLAGS	?= -O2 -g
PKGS	= libcurl libxml-2.0 libevent sqlite3 libnotify libutf8proc jansson \
	  uchardet zlib

# Recursively expanded on purpose: evaluated after `deps` has installed pkg-config files.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DRAQIB_VERSION='"$(VERSION)"' -DRAQIB_URL='"$(URL)"' \
	-DRAQIB_DATADIR='"$(DATADIR)"' \
	-Wall -Wextra -Werror \
	$(CFLAGS) $(PKG_CFLAGS)
LIBS	= $(PKG_LIBS) -lpthread

MODULES	= $(patsubst daemon/%.c,%,$(wildcard daemon/*.c))
OBJS	= $(patsubst %,$(B)/%.o,$(MODULES))
LIBOBJS	= $(filter-out $(B)/main.o,$(OBJS))

# Each unit test links only the modules it exercises; every one needs BASE.
BASE	= buf xmalloc log utf8
# Modules of several files.
ALERT	= alert alert_desktop alert_exec alert_format
MATCH	= match match_arabic match_eval match_explain match_filter match_parse \
	  match_run match_vowel match_words
FEED	= feed feed_xml feed_map feed_json feed_repair feed_date html doc text item
UNIT_text   = text $(BASE)
UNIT_textdiff = text $(BASE)
UNIT_html   = html $(BASE)
UNIT_match  = $(MATCH) text $(BASE)
UNIT_feed   = $(FEED) $(BASE)
UNIT_page   = page $(FEED) $(BASE)
UNIT_store  = store sim item text $(MATCH) $(BASE)
UNIT_sim    = sim $(BASE)
UNIT_config = config $(MATCH) page $(FEED) text $(BASE)
UNIT_watchlist = config $(MATCH) page $(FEED) text $(BASE)
UNIT_alert  = $(ALERT) item $(BASE)
UNIT_sched  = sched $(BASE)
UNIT_log    = $(BASE)
UNIT_service = service $(BASE)
UNIT_fetchlimits = fetch doc text $(BASE)
UNIT_fetch  = fetch doc text $(BASE)
UNIT_doc    = doc text $(BASE)
UNIT_report = report $(BASE)
# The library alone: is the libxml2 the tests run on the one asked for?
UNIT_libxml2 =
UNIT_TESTS  = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
TOOLS	= $(B)/fixture-server $(B)/alert-driver
# Benchmark programs (tests/bench/NAME.c); each links only what it measures.
BENCHES	= match-bench archive-bench
BENCH_match-bench = $(MATCH) text $(BASE)
BENCH_archive-bench = store sim item text $(MATCH) $(BASE)
BENCH_doc-bench = doc text $(BASE)

# libFuzzer harnesses (tests/fuzz), built with clang into their own tree.
FUZZ_DIR	= build-fuzz
FUZZ_CFLAGS	= -O1 -g -fno-omit-frame-pointer \
		  -fsanitize=fuzzer-no-link,address,undefined
FUZZ_TARGETS	= feed page config match text doc index
FUZZ_feed	= $(FEED) $(BASE)
FUZZ_page	= page $(FEED) $(BASE)
FUZZ_config	= config $(MATCH) page $(FEED) text $(BASE)
FUZZ_match	= $(MATCH) text $(BASE)
FUZZ_text	= text $(BASE)
FUZZ_doc	= doc text $(BASE)
FUZZ_index	= text $(MATCH) $(BASE)
FUZZ_SECONDS	?= 20
BENCH_TOOLS = $(B)/feed-server

.PHONY: all deps check check-run check-libxml2 fuzz fuzz-build demo demo-run \
	soak soak-run bench bench-run \
	bench-deps bench-parse asan install uninstall clean check-includes \
	update-golden

all: $(B)/raqib

deps:
	@sh tests/deps.sh

# V=1 shows the full commands.
Q	= $(if $(V),,@)
$(B)/%.o: daemon/%.c $(wildcard daemon/*.h) | $(B)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The files raqib carries inside it: the config `raqib init` writes.
EMBEDDED = cli_example_config config/raqib.conf \
	cli_example_sources contrib/sources-central-asia.conf
$(B)/embedded.c: daemon/embed.sh $(filter %.conf,$(EMBEDDED)) | $(B)
	@$(if $(V),,echo "  GEN     $@")
	$(Q)sh daemon/embed.sh $(EMBEDDED) >$@

$(B)/embedded.o: $(B)/embedded.c
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/raqib: $(OBJS) $(B)/embedded.o
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(B)/embedded.o $(LIBS)

$(B):
	mkdir -p $(B)

.SECONDEXPANSION:
$(B)/test_%: tests/unit/test_%.c $$(addprefix $(B)/,$$(addsuffix .o,$$(UNIT_$$*))) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags cmocka) -Idaemon -o $@ $< $(filter %.o,$^) \
		$(UNIT_LDFLAGS) $(LIBS) $$(pkg-config --libs cmocka)

# test_store counts the texts store.c has text_index() read.
$(B)/test_store: UNIT_LDFLAGS = -Wl,--wrap=text_index
# test_fetchlimits moves fetch.c's clock on past a 429's wait.
$(B)/test_fetchlimits: UNIT_LDFLAGS = -Wl,--wrap=clock_gettime

# The differential test includes its oracle, a frozen copy of the uncached algorithm.
$(B)/test_textdiff: tests/unit/text_ref.c

$(B)/fixture-server: tests/fixture-server.c | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

$(B)/feed-server: tests/bench/feed-server.c | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

ALERT_DRIVER_OBJS = $(patsubst %,$(B)/%.o,$(ALERT) item $(BASE))
$(B)/alert-driver: tests/alert-driver.c $(ALERT_DRIVER_OBJS) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Idaemon -o $@ $< $(ALERT_DRIVER_OBJS) $(LIBS)

$(B)/%-bench: tests/bench/%-bench.c $$(addprefix $(B)/,$$(addsuffix .o,$$(BENCH_$$*-bench))) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Idaemon -o $@ $^ $(LIBS)

check: deps
	@$(MAKE) --no-print-directory check-run

check-run: $(B)/raqib $(TOOLS) $(patsubst %,$(B)/test_%,$(UNIT_TESTS)) check-includes fuzz-build
	@B=$(B) FUZZ=$(FUZZ_DIR) SECONDS_EACH=$(FUZZ_SECONDS) sh tests/run.sh

# Every libxml2: raqib's libxml2 users and their unit tests built with
# -Werror against the newest libxml2 Debian ships (its source: LIBXML2_SRC,
# else ../shared/libxml2-unstable), in their own tree, and run on it.
LIBXML2_DIR	= build-libxml2
LIBXML2_USERS	= feed page doc
LIBXML2_UNITS	= libxml2 $(foreach t,$(UNIT_TESTS),\
		  $(if $(filter $(LIBXML2_USERS),$(UNIT_$(t))),$(t)))
check-libxml2: deps
	@DIR=$(LIBXML2_DIR) UNITS="$(sort $(LIBXML2_UNITS))" sh tests/libxml2.sh

fuzz-build:
	@$(MAKE) --no-print-directory B=$(FUZZ_DIR) CC=clang \
		CFLAGS="$(FUZZ_CFLAGS)" $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_TARGETS))

$(B)/fuzz_%: tests/fuzz/fuzz_%.c $$(addprefix $(B)/,$$(addsuffix .o,$$(FUZZ_$$*))) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Idaemon -o $@ $^ $(LIBS)

fuzz: deps fuzz-build
	@FUZZ=$(FUZZ_DIR) SECONDS_EACH=$${FUZZ_SECONDS:-300} sh tests/integration/fuzz.sh

check-includes:
	@sh tests/check-includes.sh

# Benchmarks (not part of check). bench-deps installs what they compare against.
bench: deps bench-parse
	@$(MAKE) --no-print-directory bench-run

bench-run: $(patsubst %,$(B)/%,$(BENCHES)) $(B)/raqib $(BENCH_TOOLS) \
	    $(B)/doc-bench $(B)/parse-bench
	@for b in $(patsubst %,$(B)/%,$(BENCHES)); do echo "== $$b"; $$b || exit 1; done
	@echo "== match --file"; B=$(B) sh tests/bench/match-file.sh
	@echo "== doc"; B=$(B) sh tests/bench/doc.sh
	@echo "== soup"; B=$(B) sh tests/bench/soup.sh
	@echo "== fetch"; B=$(B) sh tests/bench/fetch-bench.sh
	@echo "== instructions (valgrind)"; B=$(B) sh tests/bench/match-instructions.sh && \
		B=$(B) sh tests/bench/poll-instructions.sh && \
		B=$(B) sh tests/bench/warm-instructions.sh

bench-deps:
	@DEPS_PKGS="sfeed libxml2-utils" sh tests/deps.sh

BENCH_PARSE_OBJS = $(patsubst %,$(B)/%.o,$(FEED) $(BASE))
$(B)/parse-bench: tests/bench/parse-bench.c $(BENCH_PARSE_OBJS) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Idaemon -o $@ $< $(BENCH_PARSE_OBJS) $(LIBS)

bench-parse: deps bench-deps
	@$(MAKE) --no-print-directory $(B)/parse-bench
	@echo "== parse"; B=$(B) sh tests/bench/parse.sh

# Rewrite tests/feed/*.jsonl from what `raqib parse` gives now (review the diff).
update-golden: $(B)/raqib
	@B=$(B) UPDATE=1 sh tests/integration/parse.sh

asan: deps
	@$(MAKE) --no-print-directory B=build-asan CC=clang FUZZ_SECONDS=5 \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		check-run

# Retention under churn over 10,000 polls; prints the database size curve.
soak: deps
	@$(MAKE) --no-print-directory soak-run

soak-run: $(B)/raqib $(TOOLS)
	@B=$(B) SOAK_CYCLES=$${SOAK_CYCLES:-10000} sh tests/integration/soak.sh
	@B=$(B) DAEMON_SOAK_CYCLES=$${DAEMON_SOAK_CYCLES:-10000} \
		sh tests/integration/daemon-soak.sh

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: $(B)/raqib $(B)/fixture-server
	@B=$(B) sh tests/demo.sh

BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
APPDIR	?= $(DATADIR)/applications
# The icon's place is also compiled in (alert_desktop.c: RAQIB_DATADIR).
ICONDIR	= $(DATADIR)/icons/hicolor/scalable/apps
# Every file `make install` puts down; `make uninstall` removes exactly these.
INSTALLED = $(BINDIR)/raqib $(DATADIR)/raqib/raqib.conf \
	$(DATADIR)/raqib/sources-central-asia.conf \
	$(USERUNITDIR)/raqib.service $(MANDIR)/man1/raqib.1 \
	$(MANDIR)/man5/raqib.conf.5 $(BASHCOMPDIR)/raqib $(ZSHCOMPDIR)/_raqib \
	$(APPDIR)/raqib.desktop $(ICONDIR)/raqib.svg

install: $(B)/raqib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/raqib \
		$(DESTDIR)$(USERUNITDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/raqib $(DESTDIR)$(BINDIR)/raqib
	install -m 644 config/raqib.conf contrib/sources-central-asia.conf \
		$(DESTDIR)$(DATADIR)/raqib/
	install -d $(DESTDIR)$(DATADIR)/raqib/contrib/sinks
	install -m 755 contrib/sinks/*.sh $(DESTDIR)$(DATADIR)/raqib/contrib/sinks/
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/raqib.service.in \
		> $(DESTDIR)$(USERUNITDIR)/raqib.service
	chmod 644 $(DESTDIR)$(USERUNITDIR)/raqib.service
	install -m 644 daemon/raqib.1 $(DESTDIR)$(MANDIR)/man1/raqib.1
	install -m 644 daemon/raqib.conf.5 $(DESTDIR)$(MANDIR)/man5/raqib.conf.5
	install -m 644 contrib/completion/raqib.bash $(DESTDIR)$(BASHCOMPDIR)/raqib
	install -m 644 contrib/completion/_raqib $(DESTDIR)$(ZSHCOMPDIR)/_raqib
	install -d $(DESTDIR)$(APPDIR) $(DESTDIR)$(ICONDIR)
	install -m 644 contrib/raqib.desktop $(DESTDIR)$(APPDIR)/raqib.desktop
	install -m 644 contrib/raqib.svg $(DESTDIR)$(ICONDIR)/raqib.svg

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rm -rf $(DESTDIR)$(DATADIR)/raqib/contrib
	-rmdir $(DESTDIR)$(DATADIR)/raqib

clean:
	rm -rf build build-asan build-clang build-fuzz $(LIBXML2_DIR)
