#!/usr/bin/env bash
# exceptions.sh: a layout's hyphenation exceptions reach the build. A story
# that names Kazakhstan often, in six narrow columns, is broken as the
# patterns break it (Kaza-khstan) without exceptions, only where the layout
# says with Ka-zakh-stan, and not at all when the layout lists it whole.
set -euo pipefail
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
: "${FOLIO_DATA_DIR:?FOLIO_DATA_DIR is not set (run the tests through meson test)}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-exceptions.XXXXXX")
trap 'rm -rf "$work"' EXIT
{
	printf 'newsletter: Ex\nissue: N1\ndate: 2024-01-31\nlayout: layout.yaml\n'
	printf 'articles:\n  - title: Names\n    contents: false\n    text: |\n'
	for p in 1 2 3 4 5 6; do
		printf '      '
		for w in 1 2 3 4 5 6 7 8 9 10; do
			printf 'Kazakhstan and Kazakhstan, Kazakhstan or Kazakhstan '
		done
		printf 'again.\n\n'
	done
} >"$work/issue.yaml"
# ends: the hyphenated line ends of the build with `exceptions` in the layout
ends() {
	sed -e 's/^columns: .*/columns: {count: 6, gutter: 3mm}/' \
		-e "s/^  # exceptions: .*/  exceptions: [$1]/" \
		"$FOLIO_DATA_DIR/layouts/quarterly.yaml" >"$work/layout.yaml"
	grep -q "^  exceptions: \[$1\]" "$work/layout.yaml" ||
		{ echo "FAIL: quarterly.yaml has no '# exceptions:' line to fill in"; exit 1; }
	"$FOLIO" build "$work/issue.yaml" -o "$work/out.pdf" --dump-layout "$work/out.json" 2>/dev/null
	python3 - "$work/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for p in d["pages"]:
    for l in p["lines"]:
        if l["text"].endswith("-"):
            print(l["text"].split()[-1])
PY
}
bad=0
# without exceptions the patterns break the name their way
none=$(ends '' | sort -u)
echo "without exceptions: $(echo $none)"
grep -qx 'Kaza-' <<<"$none" || { echo "FAIL: the patterns never broke Kazakhstan: the test shows nothing"; bad=1; }
with=$(ends 'Ka-zakh-stan' | sort -u)
echo "with Ka-zakh-stan: $(echo $with)"
grep -qx 'Kaza-' <<<"$with" && { echo "FAIL: Kazakhstan broken as the patterns break it"; bad=1; }
grep -qxE 'Ka-|Kazakh-' <<<"$with" || { echo "FAIL: Kazakhstan never broken where the layout allows"; bad=1; }
whole=$(ends 'Kazakhstan' | sort -u)
echo "with Kazakhstan: $(echo $whole)"
grep -qE '^Ka' <<<"$whole" && { echo "FAIL: Kazakhstan broken though listed whole"; bad=1; }
exit $bad
