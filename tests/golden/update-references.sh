#!/usr/bin/env bash
# update-references.sh [--samples|--fixtures] [FOLIO]: rebuild the golden
# references (both kinds, or only the one named):
#   tests/reference/NAME.pdf, .json          for every samples/NAME/issue.yaml
#   tests/reference/NAME.screen.pdf          its screen edition (--target screen)
#   tests/reference/fixtures/NAME.pdf, .json for every tests/golden-fixtures/NAME/
#     (built with the options in its file "flags"; .json is --dump-layout)
# Only for a layout change that is intended: look at every new page first
# (folio diff OLD NEW --out DIR, or pdftoppm -r 60 -png), and say in the
# commit why the reference changed. Also: ninja -C BUILD update-references.
set -euo pipefail
only=
case "${1:-}" in --samples | --fixtures) only=${1#--}; shift ;; esac
root=${SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
folio=${1:-${FOLIO:-$root/build/folio}}
[ -x "$folio" ] || { echo "error: no folio binary at $folio (build first, or pass its path)" >&2; exit 1; }
mkdir -p "$root/tests/reference/fixtures"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-references.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0

# install TMP REL: move TMP to tests/reference/REL unless it is the same
install_ref() {
	local out="$root/tests/reference/$2"
	if [ -f "$out" ] && cmp -s "$out" "$1"; then
		rm -f "$1"
		echo "unchanged: tests/reference/$2"
	else
		mv -f "$1" "$out"
		echo "updated:   tests/reference/$2 ($(stat -c %s "$out") bytes)"
	fi
}

for issue in "$root"/samples/*/issue.yaml; do
	[ "$only" != fixtures ] || break
	name=$(basename "$(dirname "$issue")")
	if "$folio" build "$issue" -o "$work/$name.pdf" --dump-layout "$work/$name.json" &&
		"$folio" build "$issue" -o "$work/$name.screen.pdf" --target screen; then
		install_ref "$work/$name.pdf" "$name.pdf"
		install_ref "$work/$name.json" "$name.json"
		install_ref "$work/$name.screen.pdf" "$name.screen.pdf"
	else
		echo "error: folio build $issue failed; its reference is left as it was" >&2
		status=1
	fi
done

for issue in "$root"/tests/golden-fixtures/*/issue.yaml; do
	[ -e "$issue" ] && [ "$only" != samples ] || continue
	dir=$(dirname "$issue")
	name=$(basename "$dir")
	flags=()
	[ -f "$dir/flags" ] && read -r -a flags <"$dir/flags"
	if "$folio" build "$issue" -o "$work/$name.pdf" --dump-layout "$work/$name.json" "${flags[@]}"; then
		install_ref "$work/$name.pdf" "fixtures/$name.pdf"
		install_ref "$work/$name.json" "fixtures/$name.json"
	else
		echo "error: folio build $issue ${flags[*]} failed; its references are left as they were" >&2
		status=1
	fi
done
[ "$status" -ne 0 ] || echo "Look at the new pages, then commit tests/reference/ saying why the layout changed."
exit "$status"
