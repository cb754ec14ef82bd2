//! The base map built from Natural Earth land (npm package `world-atlas`, installed by the
//! xtask before the tests run): deterministic, small, land where the places are, sea where
//! there is sea, no borders, and the committed `public/data/map.json` is current.

use atlas_bundle::map::{build, to_json};
use atlas_core::map::{even_odd_contains, BaseMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The input as `cargo xtask bundle` reads it, or None (with a note) when npm packages are
/// not installed here.
fn land_topojson() -> Option<&'static str> {
    static TEXT: OnceLock<Option<String>> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = repo().join("node_modules/world-atlas/land-50m.json");
        let text = std::fs::read_to_string(&path).ok();
        if text.is_none() {
            eprintln!(
                "note: {} is missing (run `cargo xtask setup`); skipping the base map test",
                path.display()
            );
        }
        text
    })
    .as_deref()
}

fn built() -> Option<&'static (BaseMap, String)> {
    static MAP: OnceLock<Option<(BaseMap, String)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let map = build(land_topojson()?).expect("land-50m.json builds");
        let json = to_json(&map);
        Some((map, json))
    })
    .as_ref()
}

/// Named points (name, lat, lon).
type Points = [(&'static str, f64, f64)];

/// On land: the Atlas's places at the coordinates the map view draws them at (a dot for a
/// coastal city must not fall in the sea) — except Rabat, whose point is within half a map
/// unit of the simplified coast, so it is checked 5 km inland — and a few more points that
/// check the outline.
const LAND: &Points = &[
    ("Marrakech", 31.63, -8.01),
    ("Tangier", 35.76, -5.83),
    ("Rabat (inland edge)", 33.98, -6.80),
    ("Casablanca", 33.57, -7.59),
    ("Laayoune", 27.15, -13.20),
    ("Glasgow", 55.86, -4.25),
    ("Madrid", 40.42, -3.70),
    ("Paris", 48.86, 2.35),
    ("Dublin (inland edge)", 53.35, -6.35),
    ("Tenerife", 28.27, -16.60),
    ("Mallorca", 39.62, 2.98),
    ("Tindouf", 27.67, -8.15),
    ("Algiers (inland edge)", 36.70, 3.10),
];

/// At sea.
const SEA: &Points = &[
    ("Atlantic west of Portugal", 40.0, -15.0),
    ("Mediterranean north of Algeria", 38.5, 5.0),
    ("Bay of Biscay", 45.5, -4.0),
    ("Irish Sea", 53.8, -5.0),
    ("North Sea", 56.0, 2.0),
    ("Strait of Gibraltar", 35.95, -5.6),
    ("Atlantic off Laayoune", 27.5, -14.5),
    ("Alboran Sea", 36.0, -3.5),
];

#[test]
fn the_map_is_deterministic_and_compact_json() {
    let Some((map, json)) = built() else { return };
    let again = to_json(&build(land_topojson().unwrap()).unwrap());
    assert!(*json == again, "two builds from the same input differ");
    assert!(json.ends_with("}\n") && !json[..json.len() - 1].contains('\n'));
    assert!(json.starts_with("{\"width\":1000.0,"), "{}", &json[..40]);
    let back: BaseMap = serde_json::from_str(json).unwrap();
    assert_eq!(back.land, map.land);
    assert!(map.source.contains("Natural Earth"), "{}", map.source);
}

#[test]
fn the_map_stays_small() {
    let Some((map, json)) = built() else { return };
    assert!(json.len() < 60_000, "map.json is {} bytes", json.len());
    let rings = map.land_rings().unwrap();
    // Coastlines of the British Isles, Iberia, France, the Maghreb, islands…
    assert!(
        (20..400).contains(&rings.len()),
        "{} rings: too few means lost islands, too many means specks",
        rings.len()
    );
    let points: usize = rings.iter().map(Vec::len).sum();
    assert!(
        (1_000..10_000).contains(&points),
        "{points} points: too few looks hand-drawn, too many is not simplified"
    );
}

#[test]
fn every_ring_stays_in_the_frame() {
    let Some((map, _)) = built() else { return };
    for ring in map.land_rings().unwrap() {
        for &(x, y) in &ring {
            assert!(
                (-0.05..=map.width + 0.05).contains(&x) && (-0.05..=map.height + 0.05).contains(&y),
                "({x}, {y}) is outside {} × {}",
                map.width,
                map.height
            );
        }
    }
}

#[test]
fn places_are_on_land_and_the_sea_is_not() {
    let Some((map, _)) = built() else { return };
    let rings = map.land_rings().unwrap();
    let mut wrong = Vec::new();
    for (points, land) in [(LAND, true), (SEA, false)] {
        for &(name, lat, lon) in points {
            let (x, y) = map.project(lon, lat);
            assert!(map.contains(x, y), "{name} is off the map");
            if even_odd_contains(&rings, x, y) != land {
                wrong.push(format!(
                    "{name} ({lat}, {lon}) → ({x:.1}, {y:.1}) should be {}",
                    if land { "land" } else { "sea" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn there_are_no_borders_only_coastlines() {
    // Land only: one ring holds Morocco, Western Sahara and Algeria together, another
    // Spain, Portugal and France; no ring ever separates neighbouring countries.
    let Some((map, _)) = built() else { return };
    let rings = map.land_rings().unwrap();
    let groups: [&Points; 3] = [
        &[
            ("Marrakech", 31.63, -8.01),
            ("Laayoune", 27.15, -13.20),
            ("Tindouf", 27.67, -8.15),
            ("Oujda", 34.68, -1.91),
            ("Tlemcen", 34.88, -1.32),
            ("Ghardaia", 32.49, 3.67),
        ],
        &[
            ("Madrid", 40.42, -3.70),
            ("Évora", 38.57, -7.91),
            ("Toulouse", 43.60, 1.44),
            ("Strasbourg", 48.58, 7.75),
        ],
        &[("Glasgow", 55.86, -4.25), ("London", 51.51, -0.13)],
    ];
    for group in groups {
        let containing = |lat: f64, lon: f64| -> Vec<usize> {
            let (x, y) = map.project(lon, lat);
            (0..rings.len())
                .filter(|&k| even_odd_contains(&rings[k..=k], x, y))
                .collect()
        };
        let (first, lat, lon) = group[0];
        let expected = containing(lat, lon);
        assert_eq!(expected.len(), 1, "{first} is in rings {expected:?}");
        for &(name, lat, lon) in &group[1..] {
            assert_eq!(
                containing(lat, lon),
                expected,
                "{name} and {first} should share one land ring (no border between them)"
            );
        }
    }
}

#[test]
fn the_committed_map_is_up_to_date() {
    let Some((_, json)) = built() else { return };
    let path = repo().join("public/data/map.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        *json == committed,
        "public/data/map.json is stale: run `cargo xtask bundle` and commit it"
    );
}
