#!/usr/bin/env python3
"""Draw map.svg: a locator map of Europe and Central Asia for the CADAP 7 N2 sample.

Equirectangular projection, lon -10..80 E, lat 33..58 N, 2400 x 1000 px
(standard parallel 48.2 N, so that a degree of longitude is 2/3 of a degree of
latitude, as the printed width and height ask). Land and country shapes come
from Natural Earth (public domain) through the npm package world-atlas 2.0.2
(countries-50m.json); city positions are public coordinates; the routes are
great circles. Usage:

    python3 make-map.py path/to/world-atlas/countries-50m.json > map.svg
"""
import json
import math
import sys

W, H = 2400, 1000
LON0, LON1, LAT0, LAT1 = -10.0, 80.0, 33.0, 58.0

NAVY = "#1d2f5e"
ORANGE = "#e8702a"
SEA = "#d5e6f3"
LAND = "#f7f8fa"
EU = "#e2e8f2"
CA = "#fde2cd"
GRID = "#b9cde0"
BORDER = "#c7d3e3"

# ISO 3166-1 numeric codes (as world-atlas uses them)
CENTRAL_ASIA = {"398", "417", "762", "795", "860"}
EU_MEMBERS = {"040", "056", "100", "191", "196", "203", "208", "233", "246", "250",
              "276", "300", "348", "372", "380", "428", "440", "442", "470", "528",
              "616", "620", "642", "703", "705", "724", "752"}

# name, lon, lat, label anchor offset (dx, dy) and text-anchor
CITIES = [
    ("Brussels",   4.35, 50.85, (0, -34), "middle"),
    ("Madrid",    -3.70, 40.42, (0, 62), "middle"),
    ("Nur-Sultan", 71.45, 51.17, (0, -34), "middle"),
    ("Almaty",    76.89, 43.24, (0, -34), "middle"),
    ("Bishkek",   74.59, 42.87, (-4, 60), "middle"),
    ("Tashkent",  69.24, 41.30, (-30, 14), "end"),
    ("Dushanbe",  68.77, 38.56, (30, 34), "start"),
    ("Ashgabat",  58.38, 37.95, (0, 62), "middle"),
]
# the capitals whose delegations came to the Dialogue in Brussels
DELEGATIONS = ["Nur-Sultan", "Bishkek", "Ashgabat", "Tashkent"]


def px(lon, lat):
    return ((lon - LON0) * W / (LON1 - LON0), (LAT1 - lat) * H / (LAT1 - LAT0))


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    pts = []
    for i in ring:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def clip(poly, x0, y0, x1, y1):
    """Sutherland-Hodgman against a rectangle a little larger than the picture."""
    def cut(pts, inside, meet):
        out = []
        for k, cur in enumerate(pts):
            prev = pts[k - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(meet(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(meet(prev, cur))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, meet in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                         (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not poly:
            break
        poly = cut(poly, inside, meet)
    return poly


def path_of(geom, arcs):
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    d = []
    for poly in polys:
        for ring in poly:
            pts = clip([px(lon, lat) for lon, lat in ring_points(ring, arcs)],
                       -40, -40, W + 40, H + 40)
            kept = []
            for p in pts:
                if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= 1.5:
                    kept.append(p)
            if len(kept) < 3:
                continue
            d.append("M" + "L".join("%.1f,%.1f" % p for p in kept) + "Z")
    return "".join(d)


def great_circle(a, b, n=64):
    (lon1, lat1), (lon2, lat2) = a, b
    p1 = [math.radians(v) for v in (lat1, lon1)]
    p2 = [math.radians(v) for v in (lat2, lon2)]
    v1 = (math.cos(p1[0]) * math.cos(p1[1]), math.cos(p1[0]) * math.sin(p1[1]), math.sin(p1[0]))
    v2 = (math.cos(p2[0]) * math.cos(p2[1]), math.cos(p2[0]) * math.sin(p2[1]), math.sin(p2[0]))
    om = math.acos(sum(x * y for x, y in zip(v1, v2)))
    pts = []
    for k in range(n + 1):
        t = k / n
        s1, s2 = math.sin((1 - t) * om) / math.sin(om), math.sin(t * om) / math.sin(om)
        v = [s1 * x + s2 * y for x, y in zip(v1, v2)]
        lat = math.degrees(math.atan2(v[2], math.hypot(v[0], v[1])))
        lon = math.degrees(math.atan2(v[1], v[0]))
        pts.append(px(lon, lat))
    return pts


def main():
    topo = json.load(open(sys.argv[1]))
    arcs = decode_arcs(topo)
    out = []
    w = out.append
    w('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">' % (W, H, W, H))
    w('<rect width="%d" height="%d" fill="%s"/>' % (W, H, SEA))
    w('<path fill="%s" d="%s"/>' % (LAND, path_of(topo["objects"]["land"]["geometries"][0], arcs)))
    for g in topo["objects"]["countries"]["geometries"]:
        fill = CA if g.get("id") in CENTRAL_ASIA else EU if g.get("id") in EU_MEMBERS else None
        if fill and g.get("arcs"):
            w('<path fill="%s" stroke="#ffffff" stroke-width="2" d="%s"/>' % (fill, path_of(g, arcs)))
    # graticule: 10 degrees of longitude, 5 of latitude
    grid = []
    for lon in range(-10, 81, 10):
        x = px(lon, 0)[0]
        grid.append("M%.1f,0V%d" % (x, H))
    for lat in range(35, 58, 5):
        y = px(0, lat)[1]
        grid.append("M0,%.1fH%d" % (y, W))
    w('<path fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="6 6" d="%s"/>' % (GRID, "".join(grid)))
    font = 'font-family="PT Sans"'
    for lon in range(0, 71, 10):
        x = px(lon, 0)[0]
        w('<text x="%.1f" y="%d" %s font-size="24" fill="#7f98b5" text-anchor="middle">%d°E</text>' % (x, H - 14, font, lon))
    for lat in range(35, 58, 5):
        y = px(0, lat)[1]
        w('<text x="14" y="%.1f" %s font-size="24" fill="#7f98b5">%d°N</text>' % (y - 8, font, lat))
    # regions, set in spaced capitals
    w('<text x="%.1f" y="%.1f" %s font-size="32" font-weight="bold" letter-spacing="7" fill="#8fa6c7" text-anchor="middle">EUROPEAN UNION</text>' % (px(12.5, 47)[0], px(12.5, 47)[1], font))
    w('<text x="%.1f" y="%.1f" %s font-size="32" font-weight="bold" letter-spacing="7" fill="#e6a27a" text-anchor="middle">CENTRAL ASIA</text>' % (px(66.5, 49.5)[0], px(66.5, 49.5)[1], font))
    where = {name: (lon, lat) for name, lon, lat, _, _ in CITIES}
    for name in DELEGATIONS:
        pts = great_circle(where[name], where["Brussels"])
        w('<path fill="none" stroke="%s" stroke-width="5" stroke-linecap="round" d="M%s"/>' % (ORANGE, "L".join("%.1f,%.1f" % p for p in pts)))
    for name, lon, lat, (dx, dy), anchor in CITIES:
        x, y = px(lon, lat)
        hub = name == "Brussels"
        deleg = name in DELEGATIONS
        r = 17 if hub else 12
        fill = NAVY if hub or deleg else "#ffffff"
        w('<circle cx="%.1f" cy="%.1f" r="%d" fill="%s" stroke="%s" stroke-width="5"/>' % (x, y, r, fill, NAVY))
        w('<text x="%.1f" y="%.1f" %s font-size="%d" font-weight="bold" fill="%s" text-anchor="%s" '
          'stroke="#ffffff" stroke-width="8" stroke-linejoin="round" paint-order="stroke">%s</text>'
          % (x + dx, y + dy, font, 44 if hub else 40, NAVY, anchor, name))
    w("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
