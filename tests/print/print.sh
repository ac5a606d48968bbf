#!/usr/bin/env bash
# print.sh: the print edition (--target print, the default) of the sample is
# what a printer takes straight to plate: PDF/X-3:2002, A4 trim with 3 mm of
# bleed and crop marks outside it, fonts embedded, pictures at 300 ppi or
# more, no annotations; read back with poppler-utils and qpdf.
source "$(dirname "$0")/lib.sh"
build print
pdf=$WORK/print.pdf

pdfinfo "$pdf" >"$WORK/info.txt"
grep -q "^PDF subtype: *PDF/X-3:2002" "$WORK/info.txt" && ok "PDF/X-3:2002" ||
	no "pdfinfo names no PDF/X-3:2002 subtype"

# pdfinfo -box: "Page    1 TrimBox:    32.50    32.50   627.78   874.39"
pages=$(awk '/^Pages:/ {print $2}' "$WORK/info.txt")
pdfinfo -f 1 -l "$pages" -box "$pdf" >"$WORK/boxes.txt"
awk -v pages="$pages" '
	$1 == "Page" { box[$2, $3] = $4 " " $5 " " $6 " " $7 }
	END {
		bad = 0
		for (p = 1; p <= pages; p++) {
			split(box[p, "TrimBox:"], t, " "); split(box[p, "BleedBox:"], b, " ")
			split(box[p, "MediaBox:"], m, " ")
			w = t[3] - t[1]; h = t[4] - t[2]
			if (w < 595.23 || w > 595.33 || h < 841.84 || h > 841.94) {
				printf "FAIL: page %d TrimBox is %.2f x %.2f, not 595.28 x 841.89\n", p, w, h; bad = 1
			}
			for (i = 1; i <= 4; i++) {
				d = (i <= 2) ? t[i] - b[i] : b[i] - t[i]
				if (d < 8.45 || d > 8.55) {
					printf "FAIL: page %d BleedBox side %d is %.2f pt from the trim, not 8.50\n", p, i, d; bad = 1
				}
				e = (i <= 2) ? b[i] - m[i] : m[i] - b[i]
				if (e < 20) {
					printf "FAIL: page %d leaves %.2f pt outside the bleed for crop marks\n", p, e; bad = 1
				}
			}
		}
		if (!bad) printf "ok: %d pages, TrimBox 595.28 x 841.89, BleedBox 8.50 pt larger, room for marks\n", pages
		exit bad
	}' "$WORK/boxes.txt" || bad=1

fonts_embedded "$pdf"

# pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
pdfimages -list "$pdf" | tail -n +3 >"$WORK/images.txt"
n=$(awk '$3 == "image"' "$WORK/images.txt" | wc -l)
[ "$n" -ge 4 ] && ok "$n pictures" || no "$n pictures, 4 expected"
low=$(awk '$13 + 0 < 300 || $14 + 0 < 300' "$WORK/images.txt")
[ -z "$low" ] && ok "every picture at 300 ppi or more" || no "under 300 ppi: $low"
notcm=$(awk '$6 != "icc" && $6 != "gray" && $6 != "cmyk" && $6 != "index"' "$WORK/images.txt")
[ -z "$notcm" ] && ok "pictures are ICC-based, gray or CMYK" || no "device RGB pictures: $notcm"
awk '$3 == "smask"' "$WORK/images.txt" | grep -q . && no "soft masks in print" || ok "no soft masks"

qpdf_clean "$pdf"
text_clean "$pdf"

json "$pdf" '
cat = get(trailer["/Root"])
intents = [get(i) for i in get(cat.get("/OutputIntents", []))]
check(len(intents) == 1 and intents[0].get("/S") == "/GTS_PDFX", "one OutputIntent /S /GTS_PDFX")
oi = intents[0] if intents else {}
check(oi.get("/OutputConditionIdentifier") == "u:FOGRA39", "printing condition FOGRA39")
check(oi.get("/RegistryName") == "u:http://www.color.org", "registry http://www.color.org")
info = get(trailer["/Info"])
check(info.get("/GTS_PDFXVersion") == "u:PDF/X-3:2002", "Info GTS_PDFXVersion PDF/X-3:2002")
check(info.get("/Trapped") == "/False", "Info Trapped /False")
for k in ("/Title", "/CreationDate", "/ModDate"):
    check(k in info, "Info " + k)
ids = trailer.get("/ID", [])
check(len(ids) == 2 and all(len(i) == 34 for i in ids), "trailer /ID of two 16-byte strings")
pages = [v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Page"]
check(len(pages) == 4 and not any("/Annots" in p for p in pages), "no annotations on the pages")
check("/Outlines" not in cat, "no bookmarks")
seps = [v for v in objs.values() if isinstance(v, list) and v[:2] == ["/Separation", "/All"]]
check(len(seps) == 1, "registration colour: a /Separation /All colour space")
imgs = [s for s in streams.values() if s.get("/Subtype") == "/Image"]
passed = [s for s in imgs if get(s.get("/DecodeParms", {})).get("/Predictor") == 15]
check(len(imgs) >= 4 and len(passed) == len(imgs), "every picture is the PNG data passed through (Predictor 15)")
' || bad=1

[ "$bad" -eq 0 ] || fail "the print edition is not what the printer expects"
