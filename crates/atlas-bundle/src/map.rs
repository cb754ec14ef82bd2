//! Compiles Natural Earth land (TopoJSON, as shipped by the npm package `world-atlas`) into
//! the base map of the map view: [`atlas_core::map::BaseMap`].
//!
//! 1. decode the TopoJSON object `land` (quantised, delta-encoded arcs) with `topojson`;
//! 2. clip it to [`REGION`] in longitude/latitude (`geo`'s boolean intersection);
//! 3. project it with the Mercator [`Projection`] fitted to a [`WIDTH`]-unit-wide map;
//! 4. put every ring in a canonical order and start point, so the output never depends on the
//!    order the clipper returns its pieces in;
//! 5. simplify each ring (Ramer–Douglas–Peucker, [`TOLERANCE`] map units) and drop rings
//!    smaller than [`MIN_RING_AREA`];
//! 6. write compact SVG path data: coordinates in tenths of a map unit, relative `m` and
//!    implicit `l` segments, `z`.
//!
//! The `land` object holds coastlines only: there is no border in the input, so there is
//! none in the output. The same input always gives the same bytes.

use atlas_core::map::{BaseMap, Projection, REGION, SOURCE, WIDTH};
use geo::{
    BooleanOps, BoundingRect, Coord, Intersects, LineString, MapCoords, MultiPolygon, Orient,
    Polygon, Rect, Simplify,
};
use std::cmp::Ordering;

/// The object of the TopoJSON file that holds the land.
pub const LAND_OBJECT: &str = "land";

/// Ramer–Douglas–Peucker tolerance in map units (a map unit is ≈ 2.5 km east–west at 36°N).
pub const TOLERANCE: f64 = 0.5;

/// Rings (islands, lakes) smaller than this many square map units are left out.
pub const MIN_RING_AREA: f64 = 2.0;

/// Builds the base map from the text of a TopoJSON file with a `land` object.
pub fn build(topojson_text: &str) -> Result<BaseMap, String> {
    let land = decode_land(topojson_text)?;
    let (projection, height) = Projection::fit(REGION, WIDTH);
    // Rounded like the path coordinates, so land cut by the bottom edge ends exactly there.
    let height = (height * 10.0).round() / 10.0;

    let clipped = clip_to_region(land);
    let projected = clipped.map_coords(|c| {
        let (x, y) = projection.project(c.x, c.y);
        Coord { x, y }
    });
    let mut polygons: Vec<Polygon<f64>> = projected.0.into_iter().map(canonical).collect();
    polygons.sort_by(|a, b| ring_order(a.exterior(), b.exterior()));

    let mut rings: Vec<Vec<(i64, i64)>> = Vec::new();
    for polygon in &polygons {
        let simple = polygon.simplify(TOLERANCE);
        if ring_area(simple.exterior()) < MIN_RING_AREA {
            continue;
        }
        rings.extend(tenths(simple.exterior()));
        for hole in simple.interiors() {
            if ring_area(hole) >= MIN_RING_AREA {
                rings.extend(tenths(hole));
            }
        }
    }

    Ok(BaseMap {
        width: WIDTH,
        height,
        projection,
        land: path_data(&rings),
        source: SOURCE.to_string(),
    })
}

/// The base map as written to `map.json`: compact, with a trailing newline.
pub fn to_json(map: &BaseMap) -> String {
    let mut s = serde_json::to_string(map).expect("a base map always serialises");
    s.push('\n');
    s
}

/// The polygons of the TopoJSON object `land`, in degrees.
fn decode_land(text: &str) -> Result<MultiPolygon<f64>, String> {
    let topo = serde_json::from_str::<topojson::TopoJson>(text)
        .map_err(|e| format!("not TopoJSON: {e}"))?
        .try_unwrap_topology()
        .ok_or("the TopoJSON is a geometry, not a Topology")?;
    if !topo.objects.iter().any(|o| o.name == LAND_OBJECT) {
        let names: Vec<&str> = topo.objects.iter().map(|o| o.name.as_str()).collect();
        return Err(format!(
            "the topology has no object `{LAND_OBJECT}` (it has: {})",
            names.join(", ")
        ));
    }
    let features = topojson::to_geojson(&topo, LAND_OBJECT)
        .map_err(|e| format!("cannot decode `{LAND_OBJECT}`: {e}"))?;
    let mut polygons = Vec::new();
    for feature in features.features {
        let geometry: geo::Geometry<f64> = feature
            .try_into()
            .map_err(|e| format!("cannot read a `{LAND_OBJECT}` geometry: {e}"))?;
        collect_polygons(geometry, &mut polygons)?;
    }
    Ok(MultiPolygon::new(polygons))
}

fn collect_polygons(g: geo::Geometry<f64>, out: &mut Vec<Polygon<f64>>) -> Result<(), String> {
    match g {
        geo::Geometry::Polygon(p) => out.push(p),
        geo::Geometry::MultiPolygon(mp) => out.extend(mp.0),
        geo::Geometry::GeometryCollection(gc) => {
            for g in gc.0 {
                collect_polygons(g, out)?;
            }
        }
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => {
            return Err(format!(
                "`{LAND_OBJECT}` must hold areas only, found points"
            ))
        }
        _ => return Err(format!("`{LAND_OBJECT}` must hold areas only, found lines")),
    }
    Ok(())
}

/// The part of `land` inside [`REGION`] (degrees in, degrees out).
fn clip_to_region(land: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let (lon_min, lat_min, lon_max, lat_max) = REGION;
    let region = Rect::new(
        Coord {
            x: lon_min,
            y: lat_min,
        },
        Coord {
            x: lon_max,
            y: lat_max,
        },
    );
    // Only the polygons that can touch the region go to the clipper.
    let near: Vec<Polygon<f64>> = land
        .0
        .into_iter()
        .filter(|p| p.bounding_rect().is_some_and(|b| b.intersects(&region)))
        .collect();
    MultiPolygon::new(near).intersection(&region.to_polygon())
}

/// The area enclosed by a ring (shoelace formula; `Area` of a `LineString` is zero).
fn ring_area(ring: &LineString<f64>) -> f64 {
    let twice: f64 = ring
        .lines()
        .map(|l| l.start.x * l.end.y - l.end.x * l.start.y)
        .sum();
    (twice / 2.0).abs()
}

/// Orders by the ring's first point (x, then y), then by length.
fn ring_order(a: &LineString<f64>, b: &LineString<f64>) -> Ordering {
    let key = |l: &LineString<f64>| l.0.first().map(|c| (c.x, c.y)).unwrap_or_default();
    let (ka, kb) = (key(a), key(b));
    ka.0.total_cmp(&kb.0)
        .then(ka.1.total_cmp(&kb.1))
        .then(a.0.len().cmp(&b.0.len()))
}

/// The same polygon with a fixed orientation (exterior clockwise on screen, holes the other
/// way), each ring starting at its smallest point, and holes sorted.
fn canonical(polygon: Polygon<f64>) -> Polygon<f64> {
    let polygon = polygon.orient(geo::orient::Direction::Default);
    let (exterior, interiors) = polygon.into_inner();
    let mut interiors: Vec<LineString<f64>> = interiors.into_iter().map(rotate_to_min).collect();
    interiors.sort_by(ring_order);
    Polygon::new(rotate_to_min(exterior), interiors)
}

/// A closed ring rotated to start (and end) at its lexicographically smallest point.
fn rotate_to_min(ring: LineString<f64>) -> LineString<f64> {
    let mut coords = ring.0;
    if coords.len() > 1 && coords.first() == coords.last() {
        coords.pop();
    }
    let Some(min) = (0..coords.len()).min_by(|&i, &j| {
        let (a, b) = (coords[i], coords[j]);
        a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
    }) else {
        return LineString::new(coords);
    };
    coords.rotate_left(min);
    coords.push(coords[0]);
    LineString::new(coords)
}

/// A ring in integer tenths of a map unit, without repeated points or the closing point;
/// `None` when fewer than three distinct points remain.
fn tenths(ring: &LineString<f64>) -> Option<Vec<(i64, i64)>> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(ring.0.len());
    for c in &ring.0 {
        let p = ((c.x * 10.0).round() as i64, (c.y * 10.0).round() as i64);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    (out.len() >= 3).then_some(out)
}

/// SVG path data for closed rings given in tenths of a unit: `m` (or `M` when shorter) to
/// each ring's first point, implicit relative linetos, `z`.
pub fn path_data(rings: &[Vec<(i64, i64)>]) -> String {
    let mut w = PathWriter::default();
    // After `z` the current point is the start of the ring just closed.
    let mut start = (0, 0);
    for (k, ring) in rings.iter().enumerate() {
        let first = ring[0];
        let relative = (first.0 - start.0, first.1 - start.1);
        let shorter_absolute = k > 0 && {
            let mut a = PathWriter::default();
            a.command(b'M');
            a.pair(first);
            let mut r = PathWriter::default();
            r.command(b'm');
            r.pair(relative);
            // +1: the `l` that must follow an absolute moveto.
            a.out.len() + 1 < r.out.len()
        };
        if k == 0 || shorter_absolute {
            // The first `m` of a path is absolute anyway.
            w.command(if k == 0 { b'm' } else { b'M' });
            w.pair(first);
            if shorter_absolute {
                // Implicit segments after `M` would be absolute: switch back to relative.
                w.command(b'l');
            }
        } else {
            w.command(b'm');
            w.pair(relative);
        }
        let mut at = first;
        for &p in &ring[1..] {
            w.pair((p.0 - at.0, p.1 - at.1));
            at = p;
        }
        w.command(b'z');
        start = first;
    }
    w.out
}

/// Writes numbers with the fewest separators SVG allows: none before a minus sign or after
/// a command letter, none before `.5` when the previous number already has a decimal point.
#[derive(Default)]
struct PathWriter {
    out: String,
    /// The last thing written was a command letter (or nothing).
    after_command: bool,
    /// The last number written contains a decimal point.
    last_has_dot: bool,
}

impl PathWriter {
    fn command(&mut self, c: u8) {
        self.out.push(c as char);
        self.after_command = true;
        self.last_has_dot = false;
    }

    fn pair(&mut self, (x, y): (i64, i64)) {
        self.number(x);
        self.number(y);
    }

    /// A number given in tenths: 12.3 → "12.3", 0.5 → ".5", -0.5 → "-.5", 3.0 → "3".
    fn number(&mut self, tenths: i64) {
        let text = tenths_text(tenths);
        let self_delimiting = self.after_command
            || text.starts_with('-')
            || (text.starts_with('.') && self.last_has_dot);
        if !self_delimiting {
            self.out.push(' ');
        }
        self.last_has_dot = text.contains('.');
        self.after_command = false;
        self.out.push_str(&text);
    }
}

fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, frac) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    match (whole, frac) {
        (0, 0) => "0".to_string(),
        (w, 0) => format!("{sign}{w}"),
        (0, f) => format!("{sign}.{f}"),
        (w, f) => format!("{sign}{w}.{f}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_their_shortest_form() {
        let cases = [
            (0, "0"),
            (5, ".5"),
            (-5, "-.5"),
            (10, "1"),
            (-10, "-1"),
            (123, "12.3"),
            (-123, "-12.3"),
            (10000, "1000"),
        ];
        for (tenths, text) in cases {
            assert_eq!(tenths_text(tenths), text, "{tenths}");
        }
    }

    #[test]
    fn path_data_is_compact_and_parses_back() {
        let rings = vec![
            vec![(100, 100), (150, 100), (150, 155), (95, 150)],
            vec![(120, 120), (125, 120), (125, 125)],
            vec![(9000, 9000), (9010, 9000), (9010, 9010)],
            vec![(50, 50), (60, 50), (60, 60)],
        ];
        let d = path_data(&rings);
        assert_eq!(
            d, "m10 10 5 0 0 5.5-5.5-.5zm2 2 .5 0 0 .5zm888 888 1 0 0 1zM5 5l1 0 0 1z",
            "{d}"
        );
        let parsed = atlas_core::map::parse_path(&d).unwrap();
        assert_eq!(parsed.len(), rings.len());
        for (back, ring) in parsed.iter().zip(&rings) {
            let want: Vec<(f64, f64)> = ring
                .iter()
                .map(|&(x, y)| (x as f64 / 10.0, y as f64 / 10.0))
                .collect();
            assert_eq!(back.len(), want.len());
            for (p, q) in back.iter().zip(&want) {
                assert!((p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9, "{d}");
            }
        }
    }

    #[test]
    fn rings_get_a_canonical_start_and_orientation() {
        let square = |start: usize, reverse: bool| {
            let mut pts = vec![(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)];
            if reverse {
                pts.reverse();
            }
            pts.rotate_left(start);
            pts.push(pts[0]);
            Polygon::new(LineString::from(pts), vec![])
        };
        let reference = canonical(square(0, false));
        for start in 0..4 {
            for reverse in [false, true] {
                assert_eq!(canonical(square(start, reverse)), reference);
            }
        }
        assert_eq!(reference.exterior().0[0], Coord { x: 0.0, y: 0.0 });
    }

    #[test]
    fn tiny_and_degenerate_rings_are_dropped() {
        let ring = |pts: &[(f64, f64)]| LineString::from(pts.to_vec());
        // Collapses to two distinct points at tenths resolution.
        assert_eq!(
            tenths(&ring(&[(0.0, 0.0), (0.01, 0.0), (5.0, 0.0), (0.0, 0.0)])),
            None
        );
        assert_eq!(
            tenths(&ring(&[(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (0.0, 0.0)])),
            Some(vec![(0, 0), (50, 0), (50, 50)])
        );
    }

    #[test]
    fn a_tiny_topology_is_clipped_to_the_region() {
        // A quantised, delta-encoded square from 30°W to 0° and 20°N to 40°N, crossing the
        // region's western and southern edges.
        let topo = r#"{"type":"Topology",
            "transform":{"scale":[1,1],"translate":[-30,20]},
            "objects":{"land":{"type":"GeometryCollection","geometries":[
                {"type":"Polygon","arcs":[[0]]}]}},
            "arcs":[[[0,0],[30,0],[0,20],[-30,0],[0,-20]]]}"#;
        let map = build(topo).unwrap();
        let rings = map.land_rings().unwrap();
        assert_eq!(rings.len(), 1, "{}", map.land);
        let (x_east, y_north) = map.project(0.0, 40.0);
        let (xs, ys): (Vec<f64>, Vec<f64>) = rings[0].iter().copied().unzip();
        let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
        let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
        assert!(min(&xs).abs() < 0.06, "clipped at the western edge: {xs:?}");
        assert!((max(&xs) - x_east).abs() < 0.06, "{xs:?}");
        assert!((min(&ys) - y_north).abs() < 0.06, "{ys:?}");
        assert!(
            (max(&ys) - map.height).abs() < 0.06,
            "clipped at the southern edge"
        );
        assert!(map.is_land(300.0, map.height - 10.0).unwrap());
        assert!(!map.is_land(900.0, 100.0).unwrap());
    }

    #[test]
    fn bad_input_is_reported() {
        let cases = [
            ("[]", "not TopoJSON"),
            (r#"{"type":"Point","coordinates":[0,0]}"#, "not a Topology"),
            (
                r#"{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[]}},"arcs":[]}"#,
                "no object `land` (it has: countries)",
            ),
        ];
        for (input, words) in cases {
            let err = build(input).unwrap_err();
            assert!(err.contains(words), "{input}: {err}");
        }
    }
}
