#!/usr/bin/env bash
# update-references.sh [FOLIO]: rebuild tests/reference/NAME.pdf for every
# samples/NAME/issue.yaml. Only for a layout change that is intended: look at
# every new page first (pdftoppm -r 60 -png), and say in the commit why the
# reference changed. Also: ninja -C BUILD update-references.
set -euo pipefail
root=${SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
folio=${1:-${FOLIO:-$root/build/folio}}
[ -x "$folio" ] || { echo "error: no folio binary at $folio (build first, or pass its path)" >&2; exit 1; }
mkdir -p "$root/tests/reference"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-references.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
for issue in "$root"/samples/*/issue.yaml; do
	name=$(basename "$(dirname "$issue")")
	out="$root/tests/reference/$name.pdf"
	tmp="$work/$name.pdf"
	if "$folio" build "$issue" -o "$tmp"; then
		if [ -f "$out" ] && cmp -s "$out" "$tmp"; then
			rm -f "$tmp"
			echo "unchanged: tests/reference/$name.pdf"
		else
			mv -f "$tmp" "$out"
			echo "updated:   tests/reference/$name.pdf ($(stat -c %s "$out") bytes)"
		fi
	else
		rm -f "$tmp"
		echo "error: folio build $issue failed; its reference is left as it was" >&2
		status=1
	fi
done
[ "$status" -ne 0 ] || echo "Look at the new pages, then commit tests/reference/ saying why the layout changed."
exit "$status"
