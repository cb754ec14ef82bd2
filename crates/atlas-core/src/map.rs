//! The base map for the map view: a Mercator projection and the land geometry as SVG path
//! data, compiled at build time (`atlas-bundle map`) into `public/data/map.json`.
//!
//! The map draws land and coastlines only, never country borders, so it takes no side on any
//! disputed boundary. Places are put on it with [`Projection::project`].

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// The area the base map shows, in degrees: `(lon_min, lat_min, lon_max, lat_max)`.
///
/// It holds every place of the Atlas with a margin: Glasgow (55.86N) in the north, Laayoune
/// (27.15N) in the south, the Canary Islands in the west and the Strait of Gibraltar and the
/// western Mediterranean in the east.
pub const REGION: (f64, f64, f64, f64) = (-20.0, 24.0, 8.0, 60.0);

/// The width of the base map in map units (the height follows from [`REGION`]).
pub const WIDTH: f64 = 1000.0;

/// The text the map view must show with the map.
pub const SOURCE: &str = "Natural Earth (public domain), 1:50m land, via the world-atlas package";

/// The Mercator ordinate of a latitude in degrees: `ln(tan(π/4 + φ/2))`.
fn merc(lat: f64) -> f64 {
    (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0)
        .tan()
        .ln()
}

/// A Mercator projection onto map units: x grows eastwards from `lon_min`, y grows southwards
/// from `lat_max` (north is up, as in SVG).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// Longitude (degrees) at x = 0.
    pub lon_min: f64,
    /// Latitude (degrees) at y = 0.
    pub lat_max: f64,
    /// Map units per radian of longitude.
    pub scale: f64,
}

impl Projection {
    /// The projection that puts `region` (`(lon_min, lat_min, lon_max, lat_max)`) on a map
    /// `width` units wide, and the height of that map.
    pub fn fit(region: (f64, f64, f64, f64), width: f64) -> (Projection, f64) {
        let (lon_min, lat_min, lon_max, lat_max) = region;
        let scale = width / (lon_max - lon_min).to_radians();
        let projection = Projection {
            lon_min,
            lat_max,
            scale,
        };
        let height = (merc(lat_max) - merc(lat_min)) * scale;
        (projection, height)
    }

    /// Map coordinates `(x, y)` of a point given in degrees.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let x = (lon - self.lon_min).to_radians() * self.scale;
        let y = (merc(self.lat_max) - merc(lat)) * self.scale;
        (x, y)
    }

    /// Longitude and latitude (degrees) of the map point `(x, y)`; the inverse of
    /// [`Projection::project`].
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        let lon = self.lon_min + (x / self.scale).to_degrees();
        let m = merc(self.lat_max) - y / self.scale;
        let lat = (2.0 * m.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
        (lon, lat)
    }
}

/// The compiled base map (`public/data/map.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BaseMap {
    /// Width of the map in map units (the SVG `viewBox` is `0 0 width height`).
    pub width: f64,
    /// Height of the map in map units.
    pub height: f64,
    /// How longitude and latitude become map units.
    pub projection: Projection,
    /// The land, as SVG path data in map units (straight segments only: `m`, `l`, `z`, with
    /// `M` where shorter): fill it with `fill-rule="evenodd"`, stroke it for the coastline.
    /// Land cut by the map's frame runs along the frame, so a stroke there is half outside
    /// the `viewBox`.
    pub land: String,
    /// Attribution for the geometry, to show with the map.
    pub source: String,
}

impl BaseMap {
    /// Map coordinates of a point given in degrees (see [`Projection::project`]).
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        self.projection.project(lon, lat)
    }

    /// Whether the map point `(x, y)` lies within the map's frame.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (0.0..=self.width).contains(&x) && (0.0..=self.height).contains(&y)
    }

    /// The rings of [`BaseMap::land`], in absolute map units.
    pub fn land_rings(&self) -> Result<Vec<Vec<(f64, f64)>>, String> {
        parse_path(&self.land)
    }

    /// Whether the map point `(x, y)` is on land (even-odd rule over all rings).
    pub fn is_land(&self, x: f64, y: f64) -> Result<bool, String> {
        Ok(even_odd_contains(&self.land_rings()?, x, y))
    }
}

/// Parses SVG path data made of straight segments (`M m L l H h V v Z z`) into closed rings
/// of absolute points (the closing point is not repeated). Curves are rejected.
pub fn parse_path(d: &str) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let bytes = d.as_bytes();
    let mut i = 0;
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut ring: Vec<(f64, f64)> = Vec::new();
    let mut current = (0.0, 0.0);
    let mut start = (0.0, 0.0);
    let mut command: Option<u8> = None;

    let skip_separators = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i].is_ascii_whitespace() || bytes[*i] == b',') {
            *i += 1;
        }
    };
    // One number by the SVG grammar: sign, digits, at most one '.', optional exponent.
    let number = |i: &mut usize| -> Result<f64, String> {
        let from = *i;
        if *i < bytes.len() && (bytes[*i] == b'-' || bytes[*i] == b'+') {
            *i += 1;
        }
        let mut dot = false;
        let mut digits = 0;
        while *i < bytes.len() {
            match bytes[*i] {
                b'0'..=b'9' => digits += 1,
                b'.' if !dot => dot = true,
                _ => break,
            }
            *i += 1;
        }
        if digits > 0 && *i < bytes.len() && (bytes[*i] == b'e' || bytes[*i] == b'E') {
            *i += 1;
            if *i < bytes.len() && (bytes[*i] == b'-' || bytes[*i] == b'+') {
                *i += 1;
            }
            while *i < bytes.len() && bytes[*i].is_ascii_digit() {
                *i += 1;
            }
        }
        crate::float::parse(&d[from..*i])
            .ok_or_else(|| format!("bad number at byte {from} of the path"))
    };

    loop {
        skip_separators(&mut i);
        if i >= bytes.len() {
            break;
        }
        let c = bytes[i];
        if c.is_ascii_alphabetic() {
            i += 1;
            match c {
                b'Z' | b'z' => {
                    if ring.len() > 1 && ring.first() == ring.last() {
                        ring.pop();
                    }
                    if !ring.is_empty() {
                        rings.push(std::mem::take(&mut ring));
                    }
                    current = start;
                    command = None;
                    continue;
                }
                b'M' | b'm' | b'L' | b'l' | b'H' | b'h' | b'V' | b'v' => command = Some(c),
                other => {
                    return Err(format!(
                        "unsupported path command `{}` at byte {}",
                        other as char,
                        i - 1
                    ))
                }
            }
            continue;
        }
        let cmd = command.ok_or_else(|| format!("a number without a command at byte {i}"))?;
        let a = number(&mut i)?;
        let (x, y) = match cmd {
            b'H' => (a, current.1),
            b'h' => (current.0 + a, current.1),
            b'V' => (current.0, a),
            b'v' => (current.0, current.1 + a),
            _ => {
                skip_separators(&mut i);
                let b = number(&mut i)?;
                if cmd.is_ascii_uppercase() {
                    (a, b)
                } else {
                    (current.0 + a, current.1 + b)
                }
            }
        };
        if cmd == b'M' || cmd == b'm' {
            if ring.len() > 1 && ring.first() == ring.last() {
                ring.pop();
            }
            if !ring.is_empty() {
                rings.push(std::mem::take(&mut ring));
            }
            start = (x, y);
            // Further pairs after a moveto are linetos of the same kind.
            command = Some(if cmd == b'M' { b'L' } else { b'l' });
        }
        ring.push((x, y));
        current = (x, y);
    }
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if !ring.is_empty() {
        rings.push(ring);
    }
    Ok(rings)
}

/// Whether `(x, y)` is inside `rings` by the even-odd rule (each ring implicitly closed).
pub fn even_odd_contains(rings: &[Vec<(f64, f64)>], x: f64, y: f64) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        for k in 0..n {
            let (x1, y1) = ring[k];
            let (x2, y2) = ring[(k + 1) % n];
            if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
                inside = !inside;
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Atlas's places: (name, lat, lon).
    const PLACES: [(&str, f64, f64); 6] = [
        ("Marrakech", 31.63, -8.01),
        ("Tangier", 35.76, -5.83),
        ("Rabat", 34.02, -6.84),
        ("Casablanca", 33.57, -7.59),
        ("Laayoune", 27.15, -13.20),
        ("Glasgow", 55.86, -4.25),
    ];

    fn frame() -> (Projection, f64) {
        Projection::fit(REGION, WIDTH)
    }

    #[test]
    fn the_region_corners_map_to_the_frame_corners() {
        let (p, height) = frame();
        let (lon_min, lat_min, lon_max, lat_max) = REGION;
        let cases = [
            ((lon_min, lat_max), (0.0, 0.0)),
            ((lon_max, lat_max), (WIDTH, 0.0)),
            ((lon_min, lat_min), (0.0, height)),
            ((lon_max, lat_min), (WIDTH, height)),
        ];
        for ((lon, lat), (x, y)) in cases {
            let (px, py) = p.project(lon, lat);
            assert!(
                (px - x).abs() < 1e-9 && (py - y).abs() < 1e-9,
                "({lon}, {lat}) → ({px}, {py}), expected ({x}, {y})"
            );
        }
        // Mercator stretches the north: 36° of latitude need more room than 28° of longitude.
        assert!(height > WIDTH, "height {height}");
    }

    #[test]
    fn projection_round_trips() {
        let (p, _) = frame();
        let other = Projection {
            lon_min: -180.0,
            lat_max: 85.0,
            scale: 100.0,
        };
        let points = [
            (0.0, 0.0),
            (-20.0, 60.0),
            (8.0, 24.0),
            (-8.01, 31.63),
            (-4.25, 55.86),
            (179.9, -84.9),
            (-179.9, 84.9),
            (12.5, -33.9),
        ];
        for proj in [p, other] {
            for (lon, lat) in points {
                let (x, y) = proj.project(lon, lat);
                let (lon2, lat2) = proj.unproject(x, y);
                assert!(
                    (lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9,
                    "{proj:?}: ({lon}, {lat}) → ({x}, {y}) → ({lon2}, {lat2})"
                );
            }
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let (p, _) = frame();
        // (lower point, higher point) pairs on the same meridian, and (west, east) pairs.
        let north = [
            ((-8.0, 31.0), (-8.0, 32.0)),
            ((-4.25, 55.0), (-4.25, 56.0)),
            ((-13.2, 24.0), (-13.2, 60.0)),
            ((5.0, -10.0), (5.0, 10.0)),
        ];
        for ((lon, lat_low), (_, lat_high)) in north {
            let (_, y_low) = p.project(lon, lat_low);
            let (_, y_high) = p.project(lon, lat_high);
            assert!(
                y_high < y_low,
                "{lat_high}N must be above {lat_low}N at {lon}"
            );
        }
        let east = [
            ((-20.0, 30.0), (-19.0, 30.0)),
            ((-5.83, 35.76), (8.0, 35.76)),
        ];
        for ((lon_w, lat), (lon_e, _)) in east {
            assert!(p.project(lon_w, lat).0 < p.project(lon_e, lat).0);
        }
    }

    #[test]
    fn mercator_is_conformal_at_every_latitude() {
        // A small step east and the same step north cover the same distance on the map.
        let (p, _) = frame();
        for lat in [24.5, 31.63, 45.0, 55.86, 59.5] {
            let d = 1e-4;
            let (x0, y0) = p.project(-5.0, lat);
            let (x1, _) = p.project(-5.0 + d, lat);
            let (_, y1) = p.project(-5.0, lat + d);
            let east = (x1 - x0) / lat.to_radians().cos();
            let north = y0 - y1;
            let east_per_north = east / north;
            assert!(
                (east_per_north - 1.0).abs() < 1e-3,
                "{lat}: {east_per_north}"
            );
        }
    }

    #[test]
    fn every_place_is_inside_the_map() {
        let (p, height) = frame();
        let map = BaseMap {
            width: WIDTH,
            height,
            projection: p,
            land: String::new(),
            source: SOURCE.into(),
        };
        for (name, lat, lon) in PLACES {
            let (x, y) = map.project(lon, lat);
            assert!(map.contains(x, y), "{name} at ({x}, {y}) is off the map");
            // …and not on its edge: at least 20 map units of margin.
            let margin = x.min(WIDTH - x).min(y).min(height - y);
            assert!(margin >= 20.0, "{name} is {margin} units from the edge");
        }
        // Points outside the region are off the map.
        for (lon, lat) in [(-25.0, 40.0), (10.0, 40.0), (-5.0, 62.0), (-5.0, 20.0)] {
            let (x, y) = map.project(lon, lat);
            assert!(!map.contains(x, y), "({lon}, {lat}) → ({x}, {y})");
        }
    }

    #[test]
    fn parses_compact_path_data() {
        type Rings = Vec<Vec<(f64, f64)>>;
        let cases: [(&str, Rings); 7] = [
            // relative moveto, implicit relative linetos, close
            (
                "m1 2 3 0 0 4z",
                vec![vec![(1.0, 2.0), (4.0, 2.0), (4.0, 6.0)]],
            ),
            // a relative moveto after z starts from the previous subpath's start
            (
                "m10 10 1 0 0 1zm5 5 1 0 0 1z",
                vec![
                    vec![(10.0, 10.0), (11.0, 10.0), (11.0, 11.0)],
                    vec![(15.0, 15.0), (16.0, 15.0), (16.0, 16.0)],
                ],
            ),
            // minus signs and a second decimal point separate numbers; leading zeros omitted
            (
                "m.5.5-.2.3.7-1z",
                vec![vec![(0.5, 0.5), (0.3, 0.8), (1.0, -0.2)]],
            ),
            // absolute commands, commas, explicit closing point dropped
            (
                "M0,0 L10,0 L10,10 L0,0 Z",
                vec![vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]],
            ),
            // h and v, absolute and relative
            (
                "M1 1h4v4H1z",
                vec![vec![(1.0, 1.0), (5.0, 1.0), (5.0, 5.0), (1.0, 5.0)]],
            ),
            // an unclosed last ring still counts
            (
                "M0 0 1 0 1 1",
                vec![vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]],
            ),
            ("", vec![]),
        ];
        for (d, expected) in cases {
            let rings = parse_path(d).unwrap_or_else(|e| panic!("{d}: {e}"));
            assert_eq!(rings.len(), expected.len(), "{d}: {rings:?}");
            for (ring, want) in rings.iter().zip(&expected) {
                assert_eq!(ring.len(), want.len(), "{d}: {ring:?}");
                for (p, q) in ring.iter().zip(want) {
                    assert!(
                        (p.0 - q.0).abs() < 1e-9 && (p.1 - q.1).abs() < 1e-9,
                        "{d}: {ring:?}"
                    );
                }
            }
        }
        for bad in ["M0 0 C1 1 2 2 3 3", "1 2", "m1 x"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn even_odd_treats_inner_rings_as_holes() {
        // A 10×10 square with a 4×4 hole, and a separate island.
        let rings = parse_path("M0 0h10v10H0zM3 3h4v4H3zM20 0h2v2h-2z").unwrap();
        let cases = [
            ((1.0, 1.0), true),
            ((5.0, 5.0), false),
            ((8.5, 5.0), true),
            ((21.0, 1.0), true),
            ((15.0, 5.0), false),
            ((-1.0, 5.0), false),
        ];
        for ((x, y), expected) in cases {
            assert_eq!(even_odd_contains(&rings, x, y), expected, "({x}, {y})");
        }
    }

    #[test]
    fn base_map_json_round_trips_and_rejects_unknown_fields() {
        let (p, height) = frame();
        let map = BaseMap {
            width: WIDTH,
            height,
            projection: p,
            land: "m1 2 3 4-5 6z".into(),
            source: SOURCE.into(),
        };
        let json = serde_json::to_string(&map).unwrap();
        let back: BaseMap = serde_json::from_str(&json).unwrap();
        // serde_json may read a float back one unit in the last place off.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
        assert!(close(back.height, map.height) && close(back.width, map.width));
        assert!(close(back.projection.scale, map.projection.scale));
        assert_eq!(back.projection.lon_min, map.projection.lon_min);
        assert_eq!(back.projection.lat_max, map.projection.lat_max);
        assert_eq!(
            (back.land, back.source),
            (map.land.clone(), map.source.clone())
        );
        let extra = json.replacen('{', "{\"borders\":\"\",", 1);
        assert!(serde_json::from_str::<BaseMap>(&extra).is_err());
    }
}
