# shellcheck shell=bash disable=SC2034
# Shared by the golden tests (sourced, not run). meson passes FOLIO (the built
# binary), SOURCE_ROOT, BUILD_ROOT and the paths of the poppler tools it found;
# a tool meson did not find arrives empty and fails the test with its package.
set -euo pipefail

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
[ -x "$FOLIO" ] || fail "folio binary $FOLIO is missing or not executable"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# need VAR program package: the tool's path, from meson or from PATH
need() {
	local path=${!1:-}
	[ -n "$path" ] || path=$(command -v "$2" || true)
	[ -n "$path" ] || fail "$2 not found: install the Debian package $3 (bash .ci/setup does)"
	printf -v "$1" '%s' "$path"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-golden.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# build_sample NAME OUT.pdf [OPTION...]: folio build, failing the test with
# folio's messages
build_sample() {
	local issue="$SOURCE_ROOT/samples/$1/issue.yaml" rc=0
	[ -f "$issue" ] || fail "no sample $issue"
	"$FOLIO" build "$issue" -o "$2" "${@:3}" >"$WORK/build.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$2" ]; then
		cat "$WORK/build.log" >&2
		fail "folio build $issue exited $rc"
	fi
}

# build_fixture NAME OUT.pdf OUT.json: folio build of a golden fixture
# (tests/golden-fixtures/NAME, or GOLDEN_FIXTURES/NAME) with the options in
# its file "flags", writing the layout dump beside the PDF.
build_fixture() {
	local dir="${GOLDEN_FIXTURES:-$SOURCE_ROOT/tests/golden-fixtures}/$1" rc=0 flags=()
	[ -f "$dir/issue.yaml" ] || fail "no fixture $dir/issue.yaml"
	[ -f "$dir/flags" ] && read -r -a flags <"$dir/flags"
	"$FOLIO" build "$dir/issue.yaml" -o "$2" --dump-layout "$3" "${flags[@]}" >"$WORK/build.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$2" ]; then
		cat "$WORK/build.log" >&2
		fail "folio build $dir/issue.yaml ${flags[*]} exited $rc"
	fi
}

# compare_reference NAME REF.pdf NEW.pdf [REF.json NEW.json]: pass when the
# bytes are the same. Otherwise keep the new build in BUILD_ROOT/golden/,
# run folio diff with its images there, print where they are, and fail.
compare_reference() {
	local name=$1 ref=$2 new=$3 refj=${4:-} newj=${5:-} same=yes
	need CMP cmp diffutils
	"$CMP" -s "$ref" "$new" || same=no
	if [ -n "$refj" ] && ! "$CMP" -s "$refj" "$newj"; then same=no; fi
	if [ "$same" = yes ]; then
		echo "ok: $name matches $ref ($(stat -c %s "$ref") bytes)${refj:+ and its layout dump}"
		return 0
	fi
	local keep="${BUILD_ROOT:-$WORK}/golden" kept="$new" out rc=0
	if mkdir -p "$keep" 2>/dev/null && cp "$new" "$keep/$name.pdf"; then
		kept="$keep/$name.pdf"
		[ -n "$newj" ] && cp "$newj" "$keep/$name.json"
	fi
	out="$keep/$name-diff"
	rm -rf "$out"
	echo "reference: $ref ($(stat -c %s "$ref") bytes)" >&2
	echo "new build: $kept ($(stat -c %s "$new") bytes)" >&2
	echo "\$ folio diff $ref $kept --out $out" >&2
	"$FOLIO" diff "$ref" "$kept" --out "$out" >&2 || rc=$?
	if [ "$rc" -eq 0 ] && [ -n "$refj" ] && ! "$CMP" -s "$refj" "$newj"; then
		echo "the pages look the same but the layout dump differs:" >&2
		diff -u "$refj" "$newj" | head -n 20 >&2 || true
	fi
	if compgen -G "$out/page-*.png" >/dev/null; then
		echo "diff images (changes in red over the faded new page): $out/" >&2
	fi
	fail "$name differs from its reference; if the layout change is intended," \
		"run tests/golden/update-references.sh and say why in the commit"
}
