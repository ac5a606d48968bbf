#!/usr/bin/env bash
# jpeg.sh: JPEG pictures, made here by make_jpeg (1024 x 512 as stored, the
# top-left quarter dark), placed in a one-article issue and looked at on the
# rendered page. The JPEG's own bytes go in (DCTDecode) for print; each of
# the eight Exif orientations puts the dark quarter where a photo viewer
# shows it, and the quarter turns (5 to 8) stand the picture upright; gray
# and CMYK (Adobe's inverted kind) print as they should; the screen edition
# makes a large one smaller and a CMYK one RGB, each a JPEG again; cut to a frame, the part
# kept is the part as seen (on screen, the only part in the PDF); what a PDF reader might not
# show, or a file cut short, is an error naming the picture; an ICC profile
# PDF/X-3 can carry goes in, another is said; in print, one finer than 450
# ppi is made 300 ppi (print: resample_above, resample_to).
set -uo pipefail
: "${FOLIO:?}" "${MAKE_JPEG:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-jpeg.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
mkdir "$work/images"
cat >"$work/issue.yaml" <<'YAML'
newsletter: Folio Test
issue: JPEG
date: 2026-01-15
language: en
layout: quarterly
articles:
  - title: A picture from a camera
    text: |
      A short article with one photograph, set as the camera took it.

      ![The photograph](images/p.jpg "Folio test")
YAML

# look PDF DUMP [halves]: the dark quarter of page 1's picture (tl, tr, bl,
# br) and whether the picture stands tall or lies wide, from a 72 dpi
# rendering; with `halves`, which half of its frame is dark (top, bottom,
# left, right, none) and whether the frame is square
look() {
	python3 - "$1" "$2" "${3:-quarter}" <<'PY'
import json, subprocess, sys
pdf, dump, mode = sys.argv[1], sys.argv[2], sys.argv[3]
boxes = {}
for l in subprocess.run(["pdfinfo", "-box", pdf], capture_output=True, text=True).stdout.splitlines():
    k, _, v = l.partition(":")
    if k in ("MediaBox", "TrimBox"):
        boxes[k] = [float(t) for t in v.split()]
ppm = subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", pdf], capture_output=True).stdout
magic, size, depth, data = ppm.split(b"\n", 3)
w, h = map(int, size.split())
img = [i for i in json.load(open(dump))["pages"][0]["items"] if i["kind"] == "image"][0]
ox = boxes["TrimBox"][0] - boxes["MediaBox"][0]
oy = boxes["MediaBox"][3] - boxes["TrimBox"][3]
def lum(px, py):
    o = (int(py + oy) * w + int(px + ox)) * 3
    return sum(data[o:o + 3]) / 3
x, y, bw, bh = img["x"], img["y"], img["w"], img["h"]
q = {"tl": lum(x + bw / 4, y + bh / 4), "tr": lum(x + 3 * bw / 4, y + bh / 4),
     "bl": lum(x + bw / 4, y + 3 * bh / 4), "br": lum(x + 3 * bw / 4, y + 3 * bh / 4)}
dark = [k for k, v in q.items() if v < 90]
if mode == "halves":
    names = {("tl", "tr"): "top", ("bl", "br"): "bottom", ("tl", "bl"): "left",
             ("tr", "br"): "right", (): "none"}
    print(names.get(tuple(dark), "unclear " + repr(q)),
          "square" if abs(bw - bh) < 0.5 else "%.0fx%.0f" % (bw, bh))
else:
    light = [k for k, v in q.items() if v > 170]
    print(dark[0] if len(dark) == 1 and len(light) == 3 else "unclear " + repr(q),
          "tall" if bh > bw else "wide")
PY
}
# build KIND ORIENTATION [folio options]: the picture made, the issue built
build() {
	"$MAKE_JPEG" "$work/images/p.jpg" "$1" "$2" || fail "make_jpeg $1 $2"
	shift 2
	"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" --dump-layout "$work/p.json" "$@" \
		2>"$work/err" || fail "the build failed: $(cat "$work/err")"
}
image_list() { pdfimages -list "$work/p.pdf" | awk 'NR == 3 { print $4, $5, $6, $9 }'; }

# the eight orientations: where the dark quarter is seen
want=(- "tl wide" "tr wide" "br wide" "bl wide" "tl tall" "tr tall" "br tall" "bl tall")
for o in 1 2 3 4 5 6 7 8; do
	build rgb "$o"
	got=$(look "$work/p.pdf" "$work/p.json")
	[ "$got" = "${want[$o]}" ] || fail "orientation $o: the dark quarter $got, want ${want[$o]}"
	# the file's bytes, as stored (1024 x 512), colour as sRGB
	[ "$(image_list)" = "1024 512 icc jpeg" ] || fail "orientation $o: image $(image_list)"
done
# cut to a frame (#crop): the part kept is the part of the picture as seen,
# turned by its orientation; which half of the frame is dark says so
halves() { look "$1" "$2" halves; }
sed -i 's|images/p.jpg "Folio test"|images/p.jpg#crop=1:1,top "Folio test"|' "$work/issue.yaml"
# 6: seen tall, dark at its top right: the top square is dark on the right
build rgb 6
[ "$(halves "$work/p.pdf" "$work/p.json")" = "right square" ] ||
	fail "orientation 6 cut to 1:1, top: $(halves "$work/p.pdf" "$work/p.json")"
# 8: seen tall, dark at its bottom left: nothing dark in the top square
build rgb 8
[ "$(halves "$work/p.pdf" "$work/p.json")" = "none square" ] ||
	fail "orientation 8 cut to 1:1, top: $(halves "$work/p.pdf" "$work/p.json")"
# the screen edition keeps only the part shown, cut from the picture as
# stored the right way round: square samples, seen as in print
square_samples() {
	read -r sw sh _ <<<"$(image_list)"
	[ $((sw - sh)) -le 1 ] && [ $((sh - sw)) -le 1 ] && [ "$sw" -lt 512 ]
}
build rgb 6 --target screen
[ "$(halves "$work/p.pdf" "$work/p.json")" = "right square" ] ||
	fail "screen, orientation 6 cut to 1:1, top: $(halves "$work/p.pdf" "$work/p.json")"
square_samples || fail "screen, orientation 6 cut to 1:1: image $(image_list), want the square only"
build rgb 8 --target screen
[ "$(halves "$work/p.pdf" "$work/p.json")" = "none square" ] ||
	fail "screen, orientation 8 cut to 1:1, top: $(halves "$work/p.pdf" "$work/p.json")"
square_samples || fail "screen, orientation 8 cut to 1:1: image $(image_list), want the square only"
sed -i 's|#crop=1:1,top|#crop=1:1,left|' "$work/issue.yaml"
# 1: seen wide, dark at its top left: the left square is dark at the top
build rgb 1
[ "$(halves "$work/p.pdf" "$work/p.json")" = "top square" ] ||
	fail "orientation 1 cut to 1:1, left: $(halves "$work/p.pdf" "$work/p.json")"
# the screen edition resamples it and cuts it the same way
build rgb 1 --target screen
[ "$(halves "$work/p.pdf" "$work/p.json")" = "top square" ] ||
	fail "screen, cut to 1:1, left: $(halves "$work/p.pdf" "$work/p.json")"
square_samples || fail "screen, cut to 1:1, left: image $(image_list), want the square only"
# a frame wider than the picture keeps a strip of its height: 4:1 at the
# top shows the top half, dark on its left, in print and on screen alike
sed -i 's|#crop=1:1,left|#crop=4:1,top|' "$work/issue.yaml"
build rgb 1
want=$(halves "$work/p.pdf" "$work/p.json")
[ "${want%% *}" = left ] || fail "orientation 1 cut to 4:1, top: $want"
build rgb 1 --target screen
[ "$(halves "$work/p.pdf" "$work/p.json")" = "$want" ] ||
	fail "screen, cut to 4:1, top: $(halves "$work/p.pdf" "$work/p.json"), print: $want"
read -r sw sh _ <<<"$(image_list)"
[ $((sw - 4 * sh)) -le 4 ] && [ $((4 * sh - sw)) -le 4 ] ||
	fail "screen, cut to 4:1, top: image $(image_list), want the strip only"
sed -i 's|#crop=4:1,top|#crop=1:1,left|' "$work/issue.yaml"
sed -i 's|#crop=1:1,left||' "$work/issue.yaml"

# an orientation that is no orientation is none
build rgb 9
[ "$(look "$work/p.pdf" "$work/p.json")" = "tl wide" ] || fail "orientation 9 was not ignored"

build gray 1
[ "$(image_list)" = "1024 512 gray jpeg" ] || fail "gray: image $(image_list)"
[ "$(look "$work/p.pdf" "$work/p.json")" = "tl wide" ] || fail "gray: $(look "$work/p.pdf" "$work/p.json")"
build progressive 6
[ "$(image_list)" = "1024 512 icc jpeg" ] || fail "progressive: image $(image_list)"
[ "$(look "$work/p.pdf" "$work/p.json")" = "tr tall" ] || fail "progressive: $(look "$work/p.pdf" "$work/p.json")"
# CMYK: the printer's own inks, 100 K where it is dark (inverted data and
# a /Decode that says so; the wrong one shows a negative)
build cmyk 1
[ "$(image_list)" = "1024 512 cmyk jpeg" ] || fail "cmyk: image $(image_list)"
[ "$(look "$work/p.pdf" "$work/p.json")" = "tl wide" ] || fail "cmyk: $(look "$work/p.pdf" "$work/p.json")"
cp "$work/p.pdf" "$work/first.pdf"
build cmyk 1
cmp -s "$work/p.pdf" "$work/first.pdf" || fail "the same JPEG built twice gave other bytes"

# an ICC profile: version 2 goes into the print edition as the picture's
# colour space (the profile's description found in the uncompressed file);
# version 4, which PDF/X-3 cannot carry, is said, and the picture is sRGB
profile_in() {
	qpdf --qdf --object-streams=disable "$work/p.pdf" "$work/p.qdf" &&
		grep -aq "folio test profile" "$work/p.qdf"
}
build rgb-icc2 1
[ "$(image_list)" = "1024 512 icc jpeg" ] || fail "rgb, ICC v2: image $(image_list)"
profile_in || fail "the RGB picture's own profile is not in the PDF"
# (the one-page test issue leaves pages 2 to 4 empty, and is told so)
! grep -v 'empty: the articles end on page' "$work/err" ||
	fail "a version 2 profile drew a message: $(cat "$work/err")"
build gray-icc2 1
[ "$(image_list)" = "1024 512 icc jpeg" ] || fail "gray, ICC v2: image $(image_list)"
profile_in || fail "the gray picture's own profile is not in the PDF"
build rgb-icc4 1
profile_in && fail "a version 4 profile went into the PDF"
grep -q "images/p.jpg: warning: the picture's colour profile is ICC version 4, which PDF/X-3 (PDF 1.3) cannot carry: its colours are taken as sRGB" "$work/err" ||
	fail "no warning for a version 4 profile: $(cat "$work/err")"
[ "$(image_list)" = "1024 512 icc jpeg" ] || fail "rgb, ICC v4: image $(image_list)"
build rgb-icc2 1 --target screen
[ "$(image_list | cut -d' ' -f3)" = rgb ] || fail "screen, ICC: image $(image_list)"

# screen: 303 ppi is more than the screen needs, so the picture is decoded
# and made smaller (turned pixels too), and CMYK becomes RGB; a photograph
# made smaller goes in as a JPEG again (DCTDecode), not as Flate
build rgb 6 --target screen
[ "$(look "$work/p.pdf" "$work/p.json")" = "tr tall" ] || fail "screen, turned: $(look "$work/p.pdf" "$work/p.json")"
read -r sw sh _ enc <<<"$(image_list)"
[ "$enc" = jpeg ] && [ "$sw" -lt 1024 ] && [ "$sw" = $((2 * sh)) ] ||
	fail "screen, turned: image $(image_list), want a smaller JPEG, stored as the file stores it"
build cmyk 1 --target screen
[ "$(image_list | cut -d' ' -f3,4)" = "rgb jpeg" ] || fail "screen, cmyk: image $(image_list)"
[ "$(look "$work/p.pdf" "$work/p.json")" = "tl wide" ] || fail "screen, cmyk: $(look "$work/p.pdf" "$work/p.json")"

# print: a picture finer than 450 ppi where it is drawn is made 300 ppi,
# as the PDF/X presets do (a 4096-pixel photograph across a 242 pt column
# is 608 ppi), a JPEG again, still turned and in its colour space; the
# report says so. A layout with print: resample_above: 0 takes it as it
# is, and a CMYK one is never made coarser (it stays the file's own).
"$MAKE_JPEG" "$work/images/p.jpg" rgb 6 4096 2048 || fail "make_jpeg 4096 x 2048"
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" --dump-layout "$work/p.json" --report \
	>"$work/report" 2>"$work/err" || fail "the 608 ppi build failed: $(cat "$work/err")"
read -r sw sh space enc <<<"$(image_list)"
[ "$enc" = jpeg ] && [ "$space" = icc ] && [ "$sw" -lt 2100 ] && [ "$sw" -gt 2000 ] &&
	[ $((sw - 2 * sh)) -le 2 ] && [ $((2 * sh - sw)) -le 2 ] ||
	fail "print, 608 ppi: image $(image_list), want about 2020 x 1010 (300 ppi), JPEG, ICC"
[ "$(look "$work/p.pdf" "$work/p.json")" = "tr tall" ] ||
	fail "print, 608 ppi: $(look "$work/p.pdf" "$work/p.json")"
grep -q 'images/p.jpg: 2048 x 4096 px at 242 x 485 pt, 608 ppi, ICCBased sRGB, resampled to 300 ppi (print: resample_above 450)' "$work/report" ||
	fail "the report does not say the picture was made 300 ppi: $(grep p.jpg "$work/report")"
sed 's|^  resample_above: [0-9]*|  resample_above: 0|' "$SOURCE_ROOT/layouts/quarterly.yaml" >"$work/never.yaml"
grep -q '^  resample_above: 0' "$work/never.yaml" || fail "quarterly.yaml has no resample_above to set"
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" --layout "$work/never.yaml" 2>"$work/err" ||
	fail "the build with resample_above: 0 failed: $(cat "$work/err")"
[ "$(image_list)" = "4096 2048 icc jpeg" ] || fail "resample_above: 0: image $(image_list)"
# made coarser, a picture keeps its own profile
"$MAKE_JPEG" "$work/images/p.jpg" rgb-icc2 1 4096 2048 || fail "make_jpeg rgb-icc2 4096 x 2048"
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" 2>"$work/err" ||
	fail "the 608 ppi build with a profile failed: $(cat "$work/err")"
read -r sw _ space enc <<<"$(image_list)"
[ "$enc" = jpeg ] && [ "$space" = icc ] && [ "$sw" -lt 2100 ] ||
	fail "print, 608 ppi with a profile: image $(image_list)"
profile_in || fail "the picture made 300 ppi lost its own profile"
"$MAKE_JPEG" "$work/images/p.jpg" cmyk 1 4096 2048 || fail "make_jpeg cmyk 4096 x 2048"
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" 2>"$work/err" ||
	fail "the CMYK 608 ppi build failed: $(cat "$work/err")"
[ "$(image_list)" = "4096 2048 cmyk jpeg" ] || fail "print, CMYK at 608 ppi: image $(image_list)"

# refused: an error naming the picture, exit 2, no PDF
rm -f "$work/p.pdf"
"$MAKE_JPEG" "$work/images/p.jpg" arith 1
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" 2>"$work/err"
[ $? = 2 ] || fail "an arithmetic-coded JPEG did not exit 2"
grep -q "images/p.jpg: error: JPEG is arithmetic-coded" "$work/err" || fail "arith: $(cat "$work/err")"
"$MAKE_JPEG" "$work/full.jpg" rgb 1
head -c 3000 "$work/full.jpg" >"$work/images/p.jpg"
"$FOLIO" build "$work/issue.yaml" -o "$work/p.pdf" 2>"$work/err"
[ $? = 2 ] || fail "a JPEG cut short did not exit 2"
grep -q "images/p.jpg: error: JPEG is cut short" "$work/err" || fail "cut short: $(cat "$work/err")"
[ ! -e "$work/p.pdf" ] || fail "a PDF was written after an error"
echo ok
