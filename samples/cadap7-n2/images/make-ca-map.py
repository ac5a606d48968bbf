#!/usr/bin/env python3
"""Draw ca-map.svg: "Where CADAP 7 works", the five Central Asian countries and
their capitals, for the Mission panel of the CADAP 7 N2 sample.

Equirectangular projection, lon 45..89 E, lat 30..57 N, standard parallel
44.5 N; 1200 px wide, with a title above the map and a key of countries and
capitals below it. Shapes come from Natural Earth (public domain) through the
npm package world-atlas 2.0.2 (countries-50m.json); the projection and shape
helpers are those of make-map.py. Usage:

    python3 make-ca-map.py path/to/world-atlas/countries-50m.json > ca-map.svg
"""
import importlib.util
import math
import json
import os
import sys

sys.dont_write_bytecode = True   # importing make-map.py must not leave a __pycache__ here

spec = importlib.util.spec_from_file_location(
    "make_map", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-map.py"))
mm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mm)

LON0, LON1, LAT0, LAT1 = 45.0, 89.0, 30.0, 57.0
W = 1200
K = W / ((LON1 - LON0) * math.cos(math.radians(44.5)))   # px per degree of latitude
MH = round((LAT1 - LAT0) * K)                            # map height
TOP = 150                                                # title band
ROW = 92                                                 # key row
H = TOP + MH + 40 + 5 * ROW + 10

NAVY, ORANGE = mm.NAVY, mm.ORANGE
# name, capital, ISO numeric, capital lon/lat, label dx, dy, anchor
COUNTRIES = [
    ("Kazakhstan",   "Nur-Sultan", "398", 71.45, 51.17, (0, -30), "middle"),
    ("Kyrgyzstan",   "Bishkek",    "417", 74.59, 42.87, (0, -30), "middle"),
    ("Tajikistan",   "Dushanbe",   "762", 68.77, 38.56, (26, 42), "start"),
    ("Turkmenistan", "Ashgabat",   "795", 58.38, 37.95, (0, 50), "middle"),
    ("Uzbekistan",   "Tashkent",   "860", 69.24, 41.30, (-28, -4), "end"),
]


def px(lon, lat):
    return ((lon - LON0) * W / (LON1 - LON0), TOP + (LAT1 - lat) * K)


def path_of(geom, arcs):
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    d = []
    for poly in polys:
        for ring in poly:
            pts = mm.clip([px(lon, lat) for lon, lat in mm.ring_points(ring, arcs)],
                          -40, TOP - 40, W + 40, TOP + MH + 40)
            kept = []
            for p in pts:
                if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= 1.5:
                    kept.append(p)
            if len(kept) >= 3:
                d.append("M" + "L".join("%.1f,%.1f" % p for p in kept) + "Z")
    return "".join(d)


def main():
    topo = json.load(open(sys.argv[1]))
    arcs = mm.decode_arcs(topo)
    out = []
    w = out.append
    font = 'font-family="PT Sans"'
    w('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" %s>' % (W, H, W, H, font))
    w('<rect width="%d" height="%d" fill="#ffffff"/>' % (W, H))
    w('<text x="0" y="70" font-size="64" font-weight="bold" fill="%s">Where CADAP 7 works</text>' % NAVY)
    w('<rect x="0" y="100" width="140" height="10" fill="%s"/>' % ORANGE)
    w('<clipPath id="m"><rect x="0" y="%d" width="%d" height="%d" rx="18"/></clipPath>' % (TOP, W, MH))
    w('<g clip-path="url(#m)">')
    w('<rect x="0" y="%d" width="%d" height="%d" fill="%s"/>' % (TOP, W, MH, mm.SEA))
    w('<path fill="%s" d="%s"/>' % (mm.LAND, path_of(topo["objects"]["land"]["geometries"][0], arcs)))
    ca = {c[2] for c in COUNTRIES}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("arcs"):
            fill = mm.CA if g.get("id") in ca else mm.LAND
            w('<path fill="%s" stroke="%s" stroke-width="%d" d="%s"/>'
              % (fill, "#ffffff" if fill == mm.CA else mm.BORDER, 3 if fill == mm.CA else 2, path_of(g, arcs)))
    grid = []
    for lon in range(50, 89, 10):
        grid.append("M%.1f,%dV%d" % (px(lon, 0)[0], TOP, TOP + MH))
    for lat in range(35, 57, 5):
        grid.append("M0,%.1fH%d" % (px(0, lat)[1], W))
    w('<path fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="6 6" d="%s"/>' % (mm.GRID, "".join(grid)))
    for lon in range(50, 89, 10):
        w('<text x="%.1f" y="%d" font-size="24" fill="#7f98b5" text-anchor="middle">%d°E</text>' % (px(lon, 0)[0], TOP + MH - 14, lon))
    for lat in range(35, 57, 5):
        w('<text x="14" y="%.1f" font-size="24" fill="#7f98b5">%d°N</text>' % (px(0, lat)[1] - 8, lat))
    for name, cap, _, lon, lat, (dx, dy), anchor in COUNTRIES:
        x, y = px(lon, lat)
        w('<circle cx="%.1f" cy="%.1f" r="13" fill="%s" stroke="#ffffff" stroke-width="5"/>' % (x, y, NAVY))
        w('<text x="%.1f" y="%.1f" font-size="40" font-weight="bold" fill="%s" text-anchor="%s" '
          'stroke="#ffffff" stroke-width="8" stroke-linejoin="round" paint-order="stroke">%s</text>'
          % (x + dx, y + dy, NAVY, anchor, cap))
    w('</g>')
    # the key: country and capital, one a row
    y0 = TOP + MH + 40
    for k, (name, cap, *_r) in enumerate(COUNTRIES):
        y = y0 + k * ROW
        w('<rect x="0" y="%d" width="%d" height="%d" rx="12" fill="%s"/>' % (y, W, ROW - 10, "#e3eef8"))
        w('<circle cx="44" cy="%d" r="14" fill="%s"/>' % (y + 41, NAVY))
        w('<text x="84" y="%d" font-size="44" font-weight="bold" fill="%s">%s</text>' % (y + 56, NAVY, cap))
        w('<text x="%d" y="%d" font-size="34" font-weight="bold" letter-spacing="4" fill="%s" text-anchor="end">%s</text>'
          % (W - 36, y + 54, ORANGE, name.upper()))
    w("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
