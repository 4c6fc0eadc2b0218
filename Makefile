# raqib — see README.md. `make check` and `make demo` install what they need.

VERSION	= 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share
MANDIR	?= $(DATADIR)/man
USERUNITDIR ?= $(PREFIX)/lib/systemd/user
DESTDIR	?=

B	?= build
CC	?= cc
CFLAGS	?= -O2 -g
PKGS	= libcurl libxml-2.0 libevent sqlite3 libnotify libutf8proc

# Recursively expanded on purpose: evaluated after `deps` has installed pkg-config files.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DRAQIB_VERSION='"$(VERSION)"' -Wall -Wextra -Werror \
	$(CFLAGS) $(PKG_CFLAGS)
LIBS	= $(PKG_LIBS) -lpthread

MODULES	= $(patsubst daemon/%.c,%,$(wildcard daemon/*.c))
OBJS	= $(patsubst %,$(B)/%.o,$(MODULES))
LIBOBJS	= $(filter-out $(B)/main.o,$(OBJS))

# Each unit test links only the modules it exercises.
UNIT_text   = text buf
UNIT_match  = match text buf
UNIT_feed   = feed item buf log
UNIT_page   = page feed item buf log
UNIT_store  = store item buf
UNIT_config = config match page feed text item buf log
UNIT_alert  = alert item buf log
UNIT_sched  = sched
UNIT_fetch  = fetch buf log
UNIT_TESTS  = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
TOOLS	= $(B)/fixture-server $(B)/alert-driver

.PHONY: all deps check check-run demo demo-run soak soak-run bench asan \
	install uninstall \
	clean check-includes format

all: $(B)/raqib

deps:
	@sh tests/deps.sh

# V=1 shows the full commands.
Q	= $(if $(V),,@)
$(B)/%.o: daemon/%.c $(wildcard daemon/*.h) | $(B)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/raqib: $(OBJS)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

$(B):
	mkdir -p $(B)

.SECONDEXPANSION:
$(B)/test_%: tests/unit/test_%.c $$(addprefix $(B)/,$$(addsuffix .o,$$(UNIT_$$*))) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags cmocka) -Idaemon -o $@ $^ \
		$(LIBS) $$(pkg-config --libs cmocka)

$(B)/fixture-server: tests/fixture-server.c | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

ALERT_DRIVER_OBJS = $(patsubst %,$(B)/%.o,alert item buf log)
$(B)/alert-driver: tests/alert-driver.c $(ALERT_DRIVER_OBJS) | $(B)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Idaemon -o $@ $< $(ALERT_DRIVER_OBJS) $(LIBS)

check: deps
	@$(MAKE) --no-print-directory check-run

check-run: $(B)/raqib $(TOOLS) $(patsubst %,$(B)/test_%,$(UNIT_TESTS)) check-includes
	@B=$(B) sh tests/run.sh

check-includes:
	@sh tests/check-includes.sh

asan: deps
	@$(MAKE) --no-print-directory B=build-asan CC=clang \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		check-run

# Retention under churn over 10,000 polls; prints the database size curve.
soak: deps
	@$(MAKE) --no-print-directory soak-run

soak-run: $(B)/raqib $(TOOLS)
	@B=$(B) SOAK_CYCLES=$${SOAK_CYCLES:-10000} sh tests/integration/soak.sh

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: $(B)/raqib $(B)/fixture-server
	@B=$(B) sh tests/demo.sh

install: $(B)/raqib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/raqib \
		$(DESTDIR)$(USERUNITDIR)
	install -m 755 $(B)/raqib $(DESTDIR)$(BINDIR)/raqib
	install -m 644 config/raqib.conf $(DESTDIR)$(DATADIR)/raqib/raqib.conf
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/raqib.service \
		> $(DESTDIR)$(USERUNITDIR)/raqib.service
	chmod 644 $(DESTDIR)$(USERUNITDIR)/raqib.service

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/raqib $(DESTDIR)$(USERUNITDIR)/raqib.service \
		$(DESTDIR)$(DATADIR)/raqib/raqib.conf
	-rmdir $(DESTDIR)$(DATADIR)/raqib

format:
	clang-format -i daemon/*.c daemon/*.h

clean:
	rm -rf build build-asan build-clang
