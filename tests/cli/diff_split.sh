#!/usr/bin/env bash
# diff_split.sh: folio diff lives in its own program, folio-diff, so that folio
# starts without poppler and cairo. Checks that ldd shows none of them (nor
# gio, gobject) in folio and that folio-diff has them; that `folio diff` says
# and exits exactly what folio-diff does; that --help still lists diff; and
# that a folio without folio-diff beside it names the missing path and exits 2.
set -uo pipefail
: "${FOLIO:?}" "${FOLIO_DIFF:?}" "${SOURCE_ROOT:?}" "${LDD:?ldd not found (package libc-bin)}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-diff-split.XXXXXX")
trap 'rm -rf "$work"' EXIT
bad=0
check() { # check DESCRIPTION COMMAND...: count a failure, go on
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; bad=1; fi
}
# run NAME COMMAND...: stdout, stderr and status into $work/NAME.{out,err,rc}
run() {
	local name=$1 rc=0
	shift
	"$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
	echo "$rc" >"$work/$name.rc"
}
not_grep() { ! grep -q "$@"; }
same() { # same A B: both runs printed and exited the same
	cmp -s "$work/$1.out" "$work/$2.out" && cmp -s "$work/$1.err" "$work/$2.err" &&
		cmp -s "$work/$1.rc" "$work/$2.rc"
}

"$LDD" "$FOLIO" >"$work/ldd" || { echo "FAIL: ldd $FOLIO failed"; exit 1; }
for lib in poppler cairo gio gobject; do
	check "folio does not load lib$lib" not_grep "lib$lib" "$work/ldd"
done
"$LDD" "$FOLIO_DIFF" >"$work/ldd-diff" || { echo "FAIL: ldd $FOLIO_DIFF failed"; exit 1; }
check "folio-diff loads libpoppler-glib (the check above can see it)" \
	grep -q "libpoppler-glib" "$work/ldd-diff"

a="$SOURCE_ROOT/tests/reference/fixtures/pull-quote.pdf"
b="$SOURCE_ROOT/tests/reference/fixtures/list.pdf"
cases=(
	"same|$a|$a"
	"different|$a|$b|--dpi|20"
	"missing|$a|$work/nothing-here.pdf"
	"usage|$a"
	"bad-dpi|$a|$a|--dpi|0"
	"help|--help"
)
for c in "${cases[@]}"; do
	IFS='|' read -r -a args <<<"$c"
	name=${args[0]}
	run "$name-main" "$FOLIO" diff "${args[@]:1}"
	run "$name-direct" "$FOLIO_DIFF" "${args[@]:1}"
	check "folio diff ($name) prints and exits as folio-diff (status $(cat "$work/$name-main.rc"))" \
		same "$name-main" "$name-direct"
done
check "folio diff of a PDF against itself exits 0" grep -qx 0 "$work/same-main.rc"
check "folio diff of two issues exits 1" grep -qx 1 "$work/different-main.rc"
check "folio diff of a missing file exits 2" grep -qx 2 "$work/missing-main.rc"
check "folio diff with one file exits 2" grep -qx 2 "$work/usage-main.rc"

run help "$FOLIO" --help
check "folio --help still lists folio diff" grep -q "folio diff A.pdf B.pdf" "$work/help.out"

mkdir "$work/alone"
cp "$FOLIO" "$work/alone/folio"
run alone "$work/alone/folio" diff "$a" "$a"
cat "$work/alone.err"
check "folio without folio-diff beside it exits 2" grep -qx 2 "$work/alone.rc"
check "... and names the missing program" grep -qF "$work/alone/folio-diff" "$work/alone.err"
check "... in an error line" grep -q "^folio: error: " "$work/alone.err"
check "... and prints nothing on stdout" test ! -s "$work/alone.out"

exit "$bad"
