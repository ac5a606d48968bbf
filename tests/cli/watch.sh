#!/usr/bin/env bash
# watch.sh: folio watch on a copy of the sample: the first build, a rebuild
# after an article is edited, an error line (and no exit) when issue.yaml is
# broken, a rebuild once it is fixed, a clean stop on SIGTERM. Bounded: each
# wait gives up after 2 s (the first build 8 s): under 20 s even when failing.
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-watch.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	echo "--- watch log:" >&2
	cat "$work/log" >&2
	exit 1
}
# wait_for SECONDS COMMAND...: true as soon as COMMAND succeeds
wait_for() {
	local t=0
	while [ $t -lt $(($1 * 20)) ]; do
		"${@:2}" && return 0
		sleep 0.05
		t=$((t + 1))
	done
	return 1
}
mtime() { stat -c %Y.%y "$work/out.pdf" 2>/dev/null; }
builds() { grep -c ' built ' "$work/log"; }

cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$work/issue"
"$FOLIO" watch "$work/issue/issue.yaml" -o "$work/out.pdf" >"$work/log" 2>&1 &
pid=$!

wait_for 8 test -s "$work/out.pdf" || fail "no first PDF within 8 s"
wait_for 2 grep -q ' built ' "$work/log" || fail "no 'built' line after the first build"
cp "$work/out.pdf" "$work/first.pdf"

# an edit the way editors make it: a new file renamed over the old one
article="$work/issue/articles/03-prevention.md"
sed 's/Bishkek/Qqx/' "$article" >"$work/issue/articles/.tmp-edit"
mv "$work/issue/articles/.tmp-edit" "$article"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -ge 2 ]" ||
	fail "no rebuild within 2 s of editing an article"
cmp -s "$work/first.pdf" "$work/out.pdf" && fail "the PDF did not change after the edit"
if command -v pdftotext >/dev/null; then
	pdftotext "$work/out.pdf" "$work/out.txt" && grep -q Qqx "$work/out.txt" ||
		fail "the rebuilt PDF lacks the edited word"
fi
cp "$work/out.pdf" "$work/second.pdf"

# a broken issue.yaml: an error line, the process keeps running, the PDF stays
cp "$work/issue/issue.yaml" "$work/issue.yaml.good"
printf 'articles: [unclosed\n' >>"$work/issue/issue.yaml"
wait_for 2 grep -q 'FAILED' "$work/log" || fail "no FAILED line after breaking issue.yaml"
grep -q 'error' "$work/log" || fail "no error message printed for the broken issue.yaml"
kill -0 "$pid" 2>/dev/null || fail "watch exited after an input error"
cmp -s "$work/second.pdf" "$work/out.pdf" || fail "a failed build replaced the PDF"

# fixed again: a new good build
n=$(builds)
cp "$work/issue.yaml.good" "$work/issue/issue.yaml"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of fixing issue.yaml"

kill -TERM "$pid"
wait_for 2 sh -c "! kill -0 $pid 2>/dev/null" || fail "watch did not stop on SIGTERM"
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || fail "watch exited with status $status on SIGTERM"
grep -q 'stopped' "$work/log" || fail "no 'stopped' line on SIGTERM"
echo "ok: $(builds) builds; $(grep -c FAILED "$work/log") failed as meant"
