#!/bin/sh
# make check-libxml2: raqib against the newest libxml2 Debian ships, offline.
# Finds its source tarball (LIBXML2_SRC: the tarball or its directory; when
# unset ../shared/libxml2-unstable beside the repository, else
# /work/shared/libxml2-unstable), builds it once into $DIR/prefix (a second
# run rebuilds nothing), builds raqib's objects and the unit tests that link
# libxml2 ($UNITS) against it with -Werror in $DIR/raqib, and runs them on it
# (LD_LIBRARY_PATH). Output as tests/run.sh's; no source: one SKIP line.
DIR=${DIR:-build-libxml2}
UNITS=${UNITS:-"libxml2 feed page config"}
top=$(pwd)
. tests/lib/run.sh

# The source tarball, or nothing: LIBXML2_SRC when set, else the usual places.
find_tarball() {
	for d in ${LIBXML2_SRC:-../shared/libxml2-unstable \
	    /work/shared/libxml2-unstable}; do
		[ -f "$d" ] && { echo "$d"; return; }
		for t in "$d"/libxml2_*.orig.tar.* "$d"/libxml2-*.tar.*; do
			[ -f "$t" ] && { echo "$t"; return; }
		done
	done
}

# What the prefix says it was built from: the tarball's name and size.
stamp_of() { # tarball
	echo "$(basename "$1") $(wc -c <"$1")"
}

# Whether the prefix already holds this tarball's build.
libxml2_built() { # tarball
	[ "$(cat "$DIR/prefix/built-from" 2>/dev/null)" = "$(stamp_of "$1")" ]
}

# Unpack, configure (the raqib build's CFLAGS are not libxml2's), build and
# install libxml2 into a fresh tree.
build_libxml2() { # tarball, version
	rm -rf "$DIR"
	mkdir -p "$DIR/src" || return 1
	tar -xf "$1" -C "$DIR/src" || return 1
	env -u CFLAGS cmake -S "$DIR/src/libxml2-$2" -B "$DIR/cmake" \
	    -DCMAKE_BUILD_TYPE=Release \
	    -DCMAKE_INSTALL_PREFIX="$top/$DIR/prefix" \
	    -DCMAKE_INSTALL_LIBDIR=lib \
	    -DLIBXML2_WITH_PYTHON=OFF -DLIBXML2_WITH_TESTS=OFF \
	    -DLIBXML2_WITH_PROGRAMS=OFF -DLIBXML2_WITH_ICU=OFF \
	    -DLIBXML2_WITH_LZMA=OFF &&
	    cmake --build "$DIR/cmake" -j2 &&
	    cmake --install "$DIR/cmake" &&
	    stamp_of "$1" >"$DIR/prefix/built-from"
}

# raqib's objects and the unit tests, compiled against the new prefix.
build_raqib() {
	PKG_CONFIG_PATH="$top/$DIR/prefix/lib/pkgconfig" make -j2 -k \
	    --no-print-directory B="$DIR/raqib" \
	    $(for u in $UNITS; do echo "$DIR/raqib/test_$u"; done)
}

tarball=$(find_tarball)
if [ -z "$tarball" ]; then
	skipped libxml2 "no libxml2 source tarball in \
${LIBXML2_SRC:-../shared/libxml2-unstable or /work/shared/libxml2-unstable} \
(LIBXML2_SRC names the tarball or its directory)"
	run_summary
	exit
fi
version=$(basename "$tarball" | sed 's/^libxml2[_-]//; s/[+.]dfsg.*//;
    s/\.orig\.tar\..*//; s/\.tar\..*//')
group="libxml2-$version"
if libxml2_built "$tarball"; then
	step "$group/build" "libxml2 $version in $DIR/prefix (built before)" \
	    true
else
	step "$group/build" "libxml2 $version built into $DIR/prefix" \
	    build_libxml2 "$tarball" "$version"
fi &&
    step "$group/compile" "raqib and its libxml2 unit tests compile with \
-Werror against libxml2 $version" build_raqib &&
    for u in $UNITS; do
		run "$group/unit/$u" env LD_LIBRARY_PATH="$top/$DIR/prefix/lib" \
		    RAQIB_LIBXML2_VERSION="$version" CMOCKA_MESSAGE_OUTPUT=TAP \
		    "$DIR/raqib/test_$u"
	done
run_summary
