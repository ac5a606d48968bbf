#!/usr/bin/env python3
"""bench/watch.py FOLIO SAMPLE_DIR WORK_DIR N [OPTION...]: how soon folio watch
gives a new PDF after an article is saved, the figure a designer feels (the
OPTIONs go to folio watch: --target screen).

A copy of the sample is watched; N times, a pause of PAUSE seconds (a
designer between two saves: caches go cold as they would), then one word of
an article changes, saved the way editors save (a new file renamed over the
old one), and the clock runs until the PDF at the output path is a new
file. Prints the median, min and max of those latencies, and folio's own
build times from its "built ... in N ms" lines. The latency includes the
8 ms of quiet folio waits for, so that a save's few events make one build."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

PAUSE = 0.7


def main():
    folio, sample, work, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    options = sys.argv[5:]
    issue = os.path.join(work, "issue")
    shutil.copytree(sample, issue)
    out = os.path.join(work, "watch.pdf")
    log = open(os.path.join(work, "watch.log"), "w+")
    proc = subprocess.Popen([folio, "watch", os.path.join(issue, "issue.yaml"), "-o", out]
                            + options,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(out):
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.exit("bench: folio watch made no first PDF")
            time.sleep(0.005)
        article = os.path.join(issue, "articles", "03-prevention.md")
        text = open(article, encoding="utf-8").read()
        words = ("Bishkek", "Bishkek City")
        if words[0] not in text:
            sys.exit("bench: the article lacks the word the edits change")
        lat = []
        for i in range(n):
            time.sleep(PAUSE)
            before = os.stat(out).st_ino
            tmp = article + ".save"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text.replace(words[0], words[1], 1) if i % 2 == 0 else text)
            t0 = time.perf_counter()
            os.rename(tmp, article)
            deadline = t0 + 5
            while os.stat(out).st_ino == before:
                if time.perf_counter() > deadline:
                    sys.exit("bench: no new PDF within 5 s of a save")
                time.sleep(0.0002)
            lat.append((time.perf_counter() - t0) * 1000)
    finally:
        proc.terminate()
        proc.wait()
    log.seek(0)
    built = [float(m) for m in re.findall(r" built .* in (\d+) ms", log.read())][1:]
    print("save to new PDF: %d saves, median %.1f ms (min %.1f, max %.1f), of which 8 ms "
          "is the wait for quiet" % (n, statistics.median(lat), min(lat), max(lat)))
    if built:
        print("folio's build time in watch (its own lines): median %.0f ms (min %.0f, max %.0f)"
              % (statistics.median(built), min(built), max(built)))


main()
