#!/usr/bin/env bash
# lang.sh: an article's own `language:` (tests/layout/fixtures/lang: an
# English issue with a Russian and a Kazakh article) sets it in that
# language: Russian quotes and hyphenation in the Russian one while the
# English one keeps its own; a warning at the Kazakh one's language, whose
# text folio cannot hyphenate; the screen edition's Art elements carry
# their Lang; a tag that is not BCP 47 is an error at its place.
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-lang.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
issue=$SOURCE_ROOT/tests/layout/fixtures/lang/issue.yaml
"$FOLIO" build "$issue" -o "$work/p.pdf" --dump-layout "$work/p.json" 2>"$work/err" ||
	{ cat "$work/err"; fail "build"; }
line=$(grep -n "language: kk" "$issue" | cut -d: -f1)
grep -q "issue.yaml:$line:15: warning: no hyphenation patterns for language 'kk'" "$work/err" ||
	{ cat "$work/err"; fail "no warning at the Kazakh article's language ($line:15)"; }
grep -q "language 'ru'" "$work/err" && fail "a warning about Russian: $(cat "$work/err")"
"$FOLIO" build "$issue" --target screen -o "$work/s.pdf" 2>/dev/null || fail "screen build"
qpdf --json "$work/s.pdf" >"$work/s.qpdf.json" || fail "qpdf --json"
python3 - "$work/p.json" "$work/s.qpdf.json" <<'PY' || exit 1
import json, re, sys
dump, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    bad |= not cond
text = {0: "", 1: ""}
ends = {0: [], 1: []}
for page in dump["pages"]:
    for it in page["items"]:
        if it["kind"] == "text" and it.get("article") in text and it.get("style") == "body":
            text[it["article"]] += it["text"] + " "
            ends[it["article"]].append(it["text"])
check("\u201c" in text[0] and "\u201d" in text[0], "the English article keeps its quotes")
check("\u00ab" in text[1] and "\u00bb" in text[1], "the Russian article has Russian quotes")
hyphenated = [e for e in ends[1] if e.endswith("-")]
check(hyphenated, "the Russian article is hyphenated as Russian: %d hyphens" % len(hyphenated))
langs = [v.get("value", {}).get("/Lang") for v in doc["qpdf"][1].values()
         if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/Art"]
check(langs == [None, "u:ru", "u:kk"], "the Art elements' Lang: %s" % langs)
sys.exit(bad)
PY
# the same article without its language is not hyphenated (the English
# patterns know no Cyrillic): the hyphens above are the article's own
sed '/^    language: ru$/d' "$issue" >"$work/noru.yaml"
"$FOLIO" build "$work/noru.yaml" -o "$work/noru.pdf" --dump-layout "$work/noru.json" 2>/dev/null ||
	fail "build without language: ru"
python3 - "$work/noru.json" <<'PY' || fail "the Russian text was hyphenated without its language"
import json, sys
d = json.load(open(sys.argv[1]))
n = sum(1 for p in d["pages"] for i in p["items"]
        if i["kind"] == "text" and i.get("article") == 1 and i["text"].endswith("-"))
print(("ok" if n == 0 else "FAIL") + ": without language: ru, %d hyphens" % n)
sys.exit(n != 0)
PY
sed 's/language: ru$/language: ru_RU/' "$issue" >"$work/bad.yaml"
rc=0
"$FOLIO" build "$work/bad.yaml" -o "$work/bad.pdf" 2>"$work/bad.err" || rc=$?
line=$(grep -n "language: ru_RU" "$work/bad.yaml" | cut -d: -f1)
[ "$rc" -eq 2 ] && grep -q "bad.yaml:$line:15: error: language 'ru_RU' is not a BCP 47 tag (did you mean 'ru-RU'?)" "$work/bad.err" ||
	{ cat "$work/bad.err"; fail "ru_RU: exit $rc, not an error at $line:15"; }
echo "ok: a tag that is not BCP 47 is an error at its place"
