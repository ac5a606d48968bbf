#!/usr/bin/env bash
# cut_short.sh: an input cut short while folio has it mapped (a program
# rewriting it in place mid-build; libcutshort.so, preloaded, does it). A
# picture or a font: the message names it and where the issue or layout
# asks for it, exit 2, the old PDF kept and no temporary left, named or not.
# folio watch reads pictures and fonts instead of mapping them, so it never
# sees one vanish and outlives the rewrite.
. "$(dirname "$0")/lib.sh"
: "${CUTSHORT:?}" "${OLDFS:?}"
"$FOLIO" build "$issue" -o "$work/plain.pdf" || fail "the plain build failed"
# a copy to cut, and a copy of the data folder (layouts/, fonts/) whose
# fonts may be cut
cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$work/issue"
mkdir "$work/data" "$work/out"
cp -r "$SOURCE_ROOT/layouts" "$SOURCE_ROOT/fonts" "$work/data/"
listing() { (cd "$work/out" && ls -A); }
fresh() {
	rm -rf "$work/issue/images" "$work/data/fonts" "$work/cuts"
	cp -r "$SOURCE_ROOT/samples/cadap7-n2/images" "$work/issue/"
	cp -r "$SOURCE_ROOT/fonts" "$work/data/"
	cp "$work/plain.pdf" "$work/out/a.pdf"
}
# AddressSanitizer wants its runtime first among the loaded libraries.
# FOLIO_EXEC=exec: folio replaces the (sub)shell, so that the pid of
# `(FOLIO_EXEC=exec folio_cut ...) &` is folio's own and `kill` stops it.
folio_cut() { # folio_cut NAME [PRELOAD...] -- ARGS: folio with NAME cut short
	local name=$1 pre=$CUTSHORT
	shift
	while [ "$1" != -- ]; do
		pre="$pre $1"
		shift
	done
	shift
	${FOLIO_EXEC:-} env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		FOLIO_DATA_DIR="$work/data" CUT_SHORT="$name" CUT_LOG="$work/cuts" \
		OLDFS_LOG="$work/refused" LD_PRELOAD="$pre" "$FOLIO" "$@"
}
line_of() { grep -n "$1" "$work/issue/issue.yaml" | head -1 | cut -d: -f1; }

# expect_cut WHAT NAME MESSAGE [PRELOAD]: a build with NAME cut short exits
# 2 with MESSAGE (an extended regular expression) among its messages, and
# leaves the old PDF and nothing else
expect_cut() {
	fresh
	folio_cut "$2" ${4:-} -- build "$work/issue/issue.yaml" -o "$work/out/a.pdf" 2>"$work/err"
	local status=$?
	grep -q "$2\$" "$work/cuts" 2>/dev/null || fail "$1: the file was never mapped and cut"
	[ $status = 2 ] || fail "$1: exit $status, want 2: $(cat "$work/err")"
	grep -Eq "$3" "$work/err" || fail "$1: the message does not name the file: $(cat "$work/err")"
	cmp -s "$work/out/a.pdf" "$work/plain.pdf" || fail "$1: the old PDF changed"
	[ "$(listing)" = a.pdf ] || fail "$1: files left behind: $(listing)"
}
picture_says="^$work/issue/issue.yaml:$(line_of 'images/map.png'):[0-9]+: error: images/map.png was cut short while folio was reading it"
# a picture, whose data the PDF writer reads from the mapping at the end
expect_cut picture images/map.png "$picture_says"
# the same where the temporary file has a name (no O_TMPFILE): removed too
expect_cut "picture, named temporary" images/map.png "$picture_says" "$OLDFS"
grep -q '^O_TMPFILE refused$' "$work/refused" 2>/dev/null || fail "no named temporary was made"
# a font, which FreeType reads from its mapping as glyphs are asked for
expect_cut font fonts/PTSans-Bold.ttf "PTSans-Bold.ttf: error: .*PTSans-Bold.ttf was cut short"

# folio watch reads pictures and fonts, never maps them, so nothing
# vanishes under it: it builds, and lives on
expect_watch() { # expect_watch NAME: watch with NAME cut short once mapped
	fresh
	rm "$work/out/a.pdf"
	(FOLIO_EXEC=exec folio_cut "$1" -- watch "$work/issue/issue.yaml" \
		-o "$work/out/a.pdf" >"$work/log" 2>&1) &
	local pid=$! alive=yes
	for _ in $(seq 160); do
		grep -q ' built \| FAILED ' "$work/log" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.05
	done
	kill -0 $pid 2>/dev/null || alive=no
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ $alive = yes ] || fail "watch ($1) died: $(cat "$work/log")"
	grep -q ' built ' "$work/log" || fail "watch ($1) did not build: $(cat "$work/log")"
	grep -q "$1\$" "$work/cuts" 2>/dev/null && fail "watch mapped $1"
	cmp -s "$work/out/a.pdf" "$work/plain.pdf" || fail "watch ($1) built other bytes"
}
expect_watch images/map.png
expect_watch fonts/PTSans-Bold.ttf
echo ok
