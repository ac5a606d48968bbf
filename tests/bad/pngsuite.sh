#!/usr/bin/env bash
# pngsuite.sh PNGSUITE_DIR WORK_DIR: every valid picture of PngSuite
# ([bcfgopstz]*.png: 1 to 16 bits; grey, palette, RGB; alpha, tRNS;
# interlaced; odd sizes) is set as a figure in generated issues (copied into
# the issue folder, a few per issue so the four pages hold them), each build
# must succeed and pdfimages must list one image per figure; every corrupt
# picture (x*.png) must be refused with exit 2 and its file named.
set -u
suite=$1
work=$2
: "${FOLIO:?FOLIO must name the folio binary}"
[ -d "$suite" ] || { echo "no PngSuite at $suite"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
head_yaml() {
	printf 'newsletter: PngSuite\nissue: %s\ndate: 2024-01-31\nlanguage: en\nlayout: quarterly\narticles:\n' "$1"
}

valid=("$suite"/[bcfgopstz]*.png)
[ "${#valid[@]}" -ge 150 ] || fail "only ${#valid[@]} valid PngSuite pictures in $suite"
per=8 total=0 n=0
for ((i = 0; i < ${#valid[@]}; i += per)); do
	n=$((n + 1))
	d=$work/issue-$n
	mkdir -p "$d/images"
	{
		head_yaml "Part $n"
		printf '  - title: Pictures %d\n    body: a.md\n' "$n"
	} >"$d/issue.yaml"
	: >"$d/a.md"
	count=0
	for p in "${valid[@]:i:per}"; do
		b=$(basename "$p")
		cp "$p" "$d/images/$b"
		printf 'Before %s.\n\n![%s](images/%s)\n\n' "$b" "$b" "$b" >>"$d/a.md"
		count=$((count + 1))
	done
	# The pictures are 32 pixels wide: too few for print's resolution check,
	# so the screen edition, and the print one as a draft.
	for target in "--target screen" "--draft"; do
		# shellcheck disable=SC2086
		if ! "$FOLIO" build "$d/issue.yaml" -o "$d/out.pdf" $target 2>"$d/stderr"; then
			fail "issue-$n ($target): build failed: $(cat "$d/stderr")"
			continue
		fi
		# pdfimages -list: two header lines, then one line per image (an
		# SMask, for alpha, is a line of its own, type "smask").
		got=$(pdfimages -list "$d/out.pdf" | awk 'NR > 2 && $3 == "image"' | wc -l)
		[ "$got" -ge "$count" ] || fail "issue-$n ($target): pdfimages lists $got images, expected $count"
		mv "$d/out.pdf" "$d/out${target// /}.pdf"
	done
	total=$((total + count))
done

for p in "$suite"/x*.png; do
	b=$(basename "$p")
	d=$work/bad-${b%.png}
	mkdir -p "$d"
	cp "$p" "$d/$b"
	{
		head_yaml "$b"
		printf '  - title: A corrupt picture\n    text: Words.\n    image:\n      file: %s\n      caption: c\n' "$b"
	} >"$d/issue.yaml"
	"$FOLIO" build "$d/issue.yaml" -o "$d/out.pdf" 2>"$d/stderr"
	st=$?
	[ "$st" = 2 ] || fail "$b: exit status $st, expected 2: $(cat "$d/stderr")"
	grep -q "$b: error: " "$d/stderr" || fail "$b: the message does not name the file: $(cat "$d/stderr")"
	[ -e "$d/out.pdf" ] && fail "$b: an output file exists after a failure"
	echo "$b: $(head -n 1 "$d/stderr")"
done
echo "$total valid pictures set in $n issues"
[ "$fails" = 0 ]
