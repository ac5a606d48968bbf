#!/usr/bin/env bash
# run.sh CASE_DIR: one case of the bad-input catalogue. Builds
# CASE_DIR/issue.yaml (with the extra arguments of CASE_DIR/args, and to the
# output path of CASE_DIR/out when there is one) and checks, against
# CASE_DIR/expect (line 1: exit status; other lines: substrings of stderr;
# CASE_DIR/grow: see below):
# the status, the messages, no sanitizer report, a quick answer; after a
# failure, that no output (nor a temporary file) exists and, in a second run,
# that an existing output file is left byte for byte as it was.
# run.sh --listed CASE_NAME...: every folder of cases/ is listed (and >= 40).
set -u
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--listed" ]; then
	shift
	listed=" $* "
	rc=0 n=0
	for d in "$here"/cases/*/; do
		c=$(basename "$d")
		n=$((n + 1))
		case "$listed" in *" $c "*) ;; *) echo "FAIL: cases/$c is not listed in tests/bad/meson.build"; rc=1 ;; esac
	done
	[ "$n" -ge 40 ] || { echo "FAIL: only $n cases (at least 40)"; rc=1; }
	[ "$rc" = 0 ] && echo "ok: $n cases, all listed"
	exit "$rc"
fi

case_dir=$1
name=$(basename "$case_dir")
: "${FOLIO:?FOLIO must name the folio binary}"
[ -f "$case_dir/expect" ] || { echo "FAIL $name: no expect file"; exit 1; }
want_status=$(head -n 1 "$case_dir/expect")
args=()
[ -f "$case_dir/args" ] && read -r -a args < "$case_dir/args"

work=$(mktemp -d "${TMPDIR:-/tmp}/folio-bad-XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
out=out.pdf
[ -f "$case_dir/out" ] && out=$(head -n 1 "$case_dir/out")
case "$out" in /*) out_path=$out ;; *) out_path=$work/$out ;; esac
out_dir=$(dirname "$out_path")
# A sentinel can stand at the output path only when its folder exists and
# the path is not a folder itself.
sentinel_ok=0
if [ -d "$out_dir" ] && [ ! -e "$out_path" ] && : 2>/dev/null >"$out_path.probe"; then
	rm -f "$out_path.probe"
	sentinel_ok=1
fi

fails=0
fail() { echo "FAIL $name: $*"; fails=$((fails + 1)); }

run() {
	local t0 t1
	t0=$(date +%s%N)
	(cd "$work" && timeout 60 "$FOLIO" build "$case_dir/issue.yaml" -o "$out" "${args[@]}") \
		>"$work/stdout" 2>"$work/stderr"
	status=$?
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
}

check_messages() {
	local line
	echo "--- stderr ($1, exit $status, ${ms} ms):"
	cat "$work/stderr"
	[ "$status" = "$want_status" ] || fail "$1: exit status $status, expected $want_status"
	# Refusals must be quick (bombs and deep nesting included): 10 s allows
	# for sanitizer and valgrind builds.
	[ "$ms" -lt 10000 ] || fail "$1: took $ms ms"
	tail -n +2 "$case_dir/expect" | while IFS= read -r line; do
		[ -z "$line" ] && continue
		grep -qF -- "$line" "$work/stderr" || echo "missing message: $line"
	done >"$work/missing"
	if [ -s "$work/missing" ]; then
		fail "$1: $(cat "$work/missing")"
	fi
	if grep -qE 'runtime error|AddressSanitizer|LeakSanitizer|Segmentation|Assertion' "$work/stderr"; then
		fail "$1: a sanitizer or crash report"
	fi
	if ls -A "$out_dir" 2>/dev/null | grep -q '^\.folio-'; then
		fail "$1: a temporary file was left in $out_dir"
	fi
}

case_dir=$(cd "$case_dir" && pwd)
# CASE_DIR/grow ("FILE SIZE" lines): files too big for git are made at test
# time, sparse, in a copy of the case.
if [ -f "$case_dir/grow" ]; then
	cp -r "$case_dir" "$work/case"
	case_dir=$work/case
	while read -r f size; do
		[ -n "$f" ] && truncate -s "$size" "$case_dir/$f"
	done <"$case_dir/grow"
fi
run
check_messages "first run"
if [ "$want_status" = 0 ]; then
	head -c 5 "$out_path" 2>/dev/null | grep -q '^%PDF-' || fail "no PDF at the output path after success"
elif [ -d "$out_dir" ] && [ ! -d "$out_path" ]; then
	[ -e "$out_path" ] && fail "an output file exists after a failure"
fi

if [ "$want_status" != 0 ] && [ "$sentinel_ok" = 1 ]; then
	printf 'sentinel: the PDF of the last good build of %s\n' "$name" >"$out_path"
	cp "$out_path" "$work/sentinel.copy"
	run
	check_messages "second run, over an existing output"
	cmp -s "$out_path" "$work/sentinel.copy" || fail "the existing output was changed by a failed build"
fi

[ "$fails" = 0 ] && echo "ok $name"
[ "$fails" = 0 ]
