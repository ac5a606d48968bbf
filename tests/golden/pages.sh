#!/usr/bin/env bash
# pages.sh SAMPLE [PAGES]: what the printer checks first. PAGES pages (4),
# each trimmed to A4 (595.28 x 841.89 pt; the TrimBox, so a bleed may surround
# it), every font embedded, at least two pictures and none under 300 ppi.
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] && [ $# -le 2 ] || fail "usage: pages.sh SAMPLE [PAGES]"
want=${2:-4}
need PDFINFO pdfinfo poppler-utils
need PDFFONTS pdffonts poppler-utils
need PDFIMAGES pdfimages poppler-utils
pdf="$WORK/$1.pdf"
build_sample "$1" "$pdf"
bad=0
no() {
	echo "FAIL: $*"
	bad=1
}

pages=$("$PDFINFO" "$pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = "$want" ] && echo "ok: $pages pages" || no "$pages pages, not $want"

# pdfinfo -box: "Page    1 TrimBox:     0.00     0.00   595.28   841.89"
"$PDFINFO" -f 1 -l "${pages:-1}" -box "$pdf" >"$WORK/boxes.txt"
trims=$(awk '$3 == "TrimBox:" {
	w = $6 - $4; h = $7 - $5
	ok = (w > 594.78 && w < 595.78 && h > 841.39 && h < 842.39)
	printf "page %d trim %.2f x %.2f %s\n", $2, w, h, ok ? "ok" : "NOT A4"
}' "$WORK/boxes.txt")
echo "$trims"
[ -n "$trims" ] || no "pdfinfo -box printed no TrimBox"
echo "$trims" | grep -q "NOT A4" && no "a page is not A4 (595.28 x 841.89 pt)"

# pdffonts: the last five fields are emb sub uni object-id generation
"$PDFFONTS" "$pdf" | tail -n +3 >"$WORK/fonts.txt"
nfonts=$(wc -l <"$WORK/fonts.txt")
notemb=$(awk '$(NF-4) != "yes"' "$WORK/fonts.txt")
if [ "$nfonts" -eq 0 ]; then
	no "pdffonts lists no font"
elif [ -n "$notemb" ]; then
	no "fonts not embedded:"
	echo "$notemb"
else
	echo "ok: $nfonts fonts, all embedded"
fi

# pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
"$PDFIMAGES" -list "$pdf" | tail -n +3 | awk '$3 == "image"' >"$WORK/images.txt"
nimages=$(wc -l <"$WORK/images.txt")
[ "$nimages" -ge 2 ] && echo "ok: $nimages pictures" || no "$nimages pictures, at least 2 expected"
low=$(awk '$13 + 0 < 300 || $14 + 0 < 300' "$WORK/images.txt")
if [ -n "$low" ]; then
	no "pictures under 300 ppi (page num type width height ... x-ppi y-ppi):"
	echo "$low"
elif [ "$nimages" -gt 0 ]; then
	awk '{printf "ok: page %s picture %sx%s px at %s x %s ppi\n", $1, $4, $5, $13, $14}' "$WORK/images.txt"
fi
[ "$bad" -eq 0 ] || fail "$1: the PDF is not what the printer expects"
