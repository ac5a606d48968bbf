#!/usr/bin/env bash
# spot.sh: a spot ink (the golden fixture `spot`: black and one spot ink,
# "Folio Blue", with tints): the print edition paints it as a Separation of
# that name (escaped as PDF names are: Folio#20Blue) with its CMYK
# alternate, at 100% for the masthead and at the tints for the rest, and
# lists it in the report's colour spaces; the screen edition has no
# Separation and paints the alternate in RGB.
source "$(dirname "$0")/lib.sh"
issue=$SOURCE_ROOT/tests/golden-fixtures/spot/issue.yaml
rc=0
"$FOLIO" build "$issue" --report -o "$WORK/print.pdf" >"$WORK/report" 2>"$WORK/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$WORK/err"; fail "print build exited $rc"; }
qpdf_clean "$WORK/print.pdf"
grep -q "colour spaces: DeviceCMYK Separation(Folio Blue) Separation(All, crop marks)" "$WORK/report" &&
	ok "the report names the spot ink" || { no "the report does not name it:"; grep colour "$WORK/report"; }
json "$WORK/print.pdf" '
page = [v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Page"][0]
spaces = get(get(page["/Resources"])["/ColorSpace"])
sp = get(spaces.get("/Sp1"))
check(isinstance(sp, list) and sp[:3] == ["/Separation", "/Folio#20Blue", "/DeviceCMYK"],
      "page 1 has /Sp1, a Separation named Folio Blue over DeviceCMYK: %r" % (sp,))
fn = get(sp[3]) if isinstance(sp, list) else {}
check(fn.get("/C1") == [1, 0.6, 0, 0.2] and fn.get("/C0") == [0, 0, 0, 0],
      "its alternate runs from no ink to 100/60/0/20: %r" % (fn,))
'
qpdf --qdf --object-streams=disable "$WORK/print.pdf" "$WORK/q.pdf"
for tint in "1 scn" "0.7 scn" "0.12 scn"; do
	grep -aq "/Sp1 cs $tint" "$WORK/q.pdf" && ok "painted at '$tint'" || no "no '/Sp1 cs $tint' in the content"
done

rc=0
"$FOLIO" build "$issue" --target screen -o "$WORK/screen.pdf" 2>"$WORK/err" || rc=$?
[ "$rc" -eq 0 ] || fail "screen build exited $rc"
qpdf --qdf --object-streams=disable "$WORK/screen.pdf" "$WORK/qs.pdf"
! grep -aq "Separation" "$WORK/qs.pdf" && ok "the screen edition has no Separation" ||
	no "the screen edition has a Separation"
# 100/60/0/20 as the press prints it (Coated FOGRA39, src/core/cmyk.c)
grep -aq "^0 0.318 0.5743 rg" "$WORK/qs.pdf" && ok "the screen paints the alternate in RGB" ||
	no "no '0 0.318 0.5743 rg' in the screen edition"
[ "$bad" -eq 0 ] || fail "spot"
