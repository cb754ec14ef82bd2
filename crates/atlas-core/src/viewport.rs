//! Map view geometry without a browser: the visible window (fit, zoom about a point, pan,
//! clamp), which places go in the inset, where each marker's label goes so that none
//! overlap at the current zoom, and the unlabelled dots of a crowded map: drawn as one SVG
//! path and found again under a pointer.

use crate::float::fixed;

/// A square window onto the map, in map units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

/// Zoom limits, as a share of the map's width.
const MIN_SIZE_SHARE: f64 = 0.02;

impl Viewport {
    /// The smallest square around `points` with `pad` (a share of the size) on each side,
    /// at least `min_size` wide, centred on the points.
    pub fn fit(points: &[(f64, f64)], pad: f64, min_size: f64) -> Viewport {
        if points.is_empty() {
            return Viewport {
                x: 0.0,
                y: 0.0,
                size: min_size,
            };
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let side = (x1 - x0).max(y1 - y0);
        let size = (side * (1.0 + 2.0 * pad)).max(min_size);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        Viewport {
            x: cx - size / 2.0,
            y: cy - size / 2.0,
            size,
        }
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the map point `(px, py)` where it is.
    pub fn zoom_about(self, factor: f64, px: f64, py: f64, map_w: f64, map_h: f64) -> Viewport {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let max = map_w.max(map_h);
        let size = (self.size / factor).clamp(map_w * MIN_SIZE_SHARE, max);
        let k = size / self.size;
        Viewport {
            x: px - (px - self.x) * k,
            y: py - (py - self.y) * k,
            size,
        }
        .clamp(map_w, map_h)
    }

    /// Zooms about the centre.
    pub fn zoom(self, factor: f64, map_w: f64, map_h: f64) -> Viewport {
        let (cx, cy) = self.center();
        self.zoom_about(factor, cx, cy, map_w, map_h)
    }

    /// Moves by a share of the window (`dx`, `dy` in window sizes; 0.1 = a tenth).
    pub fn pan(self, dx: f64, dy: f64, map_w: f64, map_h: f64) -> Viewport {
        Viewport {
            x: self.x + dx * self.size,
            y: self.y + dy * self.size,
            size: self.size,
        }
        .clamp(map_w, map_h)
    }

    /// Keeps the centre of the window on the map.
    pub fn clamp(self, map_w: f64, map_h: f64) -> Viewport {
        let half = self.size / 2.0;
        let (cx, cy) = self.center();
        Viewport {
            x: cx.clamp(0.0, map_w) - half,
            y: cy.clamp(0.0, map_h) - half,
            size: self.size,
        }
    }

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.size / 2.0, self.y + self.size / 2.0)
    }

    /// A map point as percentages of the window (for positioning HTML over the SVG).
    pub fn percent(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.x) / self.size * 100.0,
            (y - self.y) / self.size * 100.0,
        )
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.x..=self.x + self.size).contains(&x) && (self.y..=self.y + self.size).contains(&y)
    }

    /// The SVG `viewBox` value.
    pub fn view_box(&self) -> String {
        let [x, y, size] = [self.x, self.y, self.size].map(|v| fixed(v, 2));
        format!("{x} {y} {size} {size}")
    }
}

/// Splits places into the main view and an inset: the main view keeps the places of the
/// most common country; the others, when they are far (more than `far` map units from every
/// main place), go to the inset so both groups stay readable at the default zoom.
pub fn split_inset<'a>(
    places: &[(&'a str, &'a str, f64, f64)],
    far: f64,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, country, _, _) in places {
        match counts.iter_mut().find(|(c, _)| c == country) {
            Some(e) => e.1 += 1,
            None => counts.push((country, 1)),
        }
    }
    let main_country = counts.iter().max_by_key(|(_, n)| *n).map(|(c, _)| *c);
    let main: Vec<&(&str, &str, f64, f64)> = places
        .iter()
        .filter(|p| Some(p.1) == main_country)
        .collect();
    let mut main_ids: Vec<&str> = main.iter().map(|p| p.0).collect();
    let mut inset = Vec::new();
    for p in places.iter().filter(|p| Some(p.1) != main_country) {
        let near = main
            .iter()
            .any(|m| ((m.2 - p.2).powi(2) + (m.3 - p.3).powi(2)).sqrt() <= far);
        if near {
            main_ids.push(p.0);
        } else {
            inset.push(p.0);
        }
    }
    (main_ids, inset)
}

/// Which side of its marker a label is drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Right,
    Left,
    Above,
    Below,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Right => "right",
            Side::Left => "left",
            Side::Above => "above",
            Side::Below => "below",
        }
    }
}

/// A box: left, top, right, bottom.
pub type Rect = (f64, f64, f64, f64);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn label_rect(x: f64, y: f64, w: f64, h: f64, gap: f64, side: Side) -> Rect {
    match side {
        Side::Right => (x + gap, y - h / 2.0, x + gap + w, y + h / 2.0),
        Side::Left => (x - gap - w, y - h / 2.0, x - gap, y + h / 2.0),
        Side::Above => (x - w / 2.0, y - gap - h, x + w / 2.0, y - gap),
        Side::Below => (x - w / 2.0, y + gap, x + w / 2.0, y + gap + h),
    }
}

/// Chooses a side for each label (points and sizes in screen pixels): greedily, most crowded
/// first, the first side whose box overlaps no placed label, no marker, none of the boxes in
/// `avoid` (an inset drawn over the map) and stays inside `bounds` (width, height); if none
/// is free, the side with the least overlap.
pub fn place_labels(
    points: &[(f64, f64, f64)],
    height: f64,
    gap: f64,
    bounds: (f64, f64),
    avoid: &[Rect],
) -> Vec<Side> {
    let n = points.len();
    let mut order: Vec<usize> = (0..n).collect();
    let crowd = |i: usize| {
        points
            .iter()
            .filter(|p| ((p.0 - points[i].0).powi(2) + (p.1 - points[i].1).powi(2)).sqrt() < 120.0)
            .count()
    };
    // Each point's crowd once (O(n²)), not once per comparison.
    let crowds: Vec<usize> = (0..n).map(crowd).collect();
    crate::order::sort_by_key(&mut order, |&i| (std::cmp::Reverse(crowds[i]), i));
    let markers: Vec<Rect> = points
        .iter()
        .map(|p| (p.0 - gap, p.1 - gap, p.0 + gap, p.1 + gap))
        .collect();
    let mut placed: Vec<Rect> = avoid.to_vec();
    let mut sides = vec![Side::Right; n];
    for i in order {
        let (x, y, w) = points[i];
        let score = |side: Side| {
            let r = label_rect(x, y, w, height, gap, side);
            let mut s = placed.iter().filter(|p| overlaps(r, **p)).count() * 10;
            s += markers
                .iter()
                .enumerate()
                .filter(|(j, m)| *j != i && overlaps(r, **m))
                .count()
                * 10;
            if r.0 < 0.0 || r.1 < 0.0 || r.2 > bounds.0 || r.3 > bounds.1 {
                s += 5;
            }
            s
        };
        let best = [Side::Right, Side::Left, Side::Above, Side::Below]
            .into_iter()
            .min_by_key(|s| score(*s))
            .unwrap_or(Side::Right);
        placed.push(label_rect(x, y, w, height, gap, best));
        sides[i] = best;
    }
    sides
}

/// Chooses which markers carry a label, and on which side, when there are more than fit:
/// `points` (screen pixels: x, y, label width) come in priority order; each in turn gets the
/// first side (right, left, above, below) whose box overlaps no label placed before and
/// stays inside `bounds`, or no label at all, until `max` labels are placed. A point with
/// `keep` set (a chosen place) always gets one, on its least crowded side. Labels may cover
/// other markers' dots (they are drawn on a light box); they never cover each other, nor the
/// boxes in `avoid` (an inset drawn over the map), so a crowded map shows fewer labels rather
/// than unreadable ones. O(points × max).
pub fn choose_labels(
    points: &[(f64, f64, f64)],
    keep: &[bool],
    max: usize,
    height: f64,
    gap: f64,
    bounds: (f64, f64),
    avoid: &[(f64, f64, f64, f64)],
) -> Vec<Option<Side>> {
    let mut placed: Vec<Rect> = avoid.to_vec();
    let mut labels = 0;
    let mut sides = vec![None; points.len()];
    let sides_all = [Side::Right, Side::Left, Side::Above, Side::Below];
    for (i, &(x, y, w)) in points.iter().enumerate() {
        let kept = keep.get(i).copied().unwrap_or(false);
        if labels >= max && !kept {
            continue;
        }
        let inside = |r: Rect| r.0 >= 0.0 && r.1 >= 0.0 && r.2 <= bounds.0 && r.3 <= bounds.1;
        let hits = |r: Rect| placed.iter().filter(|p| overlaps(r, **p)).count();
        let free = sides_all.into_iter().find(|&side| {
            let r = label_rect(x, y, w, height, gap, side);
            inside(r) && hits(r) == 0
        });
        let side = free.or_else(|| {
            kept.then(|| {
                sides_all
                    .into_iter()
                    .min_by_key(|&side| {
                        let r = label_rect(x, y, w, height, gap, side);
                        hits(r) * 2 + usize::from(!inside(r))
                    })
                    .unwrap_or(Side::Right)
            })
        });
        if let Some(side) = side {
            placed.push(label_rect(x, y, w, height, gap, side));
            sides[i] = Some(side);
            labels += 1;
        }
    }
    sides
}

/// A round dot in a layer's own units (percent of the layer's square box): centre and radius.
pub type Dot = (f64, f64, f64);

/// One SVG path drawing every dot as a circle (two half-circle arcs each), two decimals
/// (a hundredth of a percent is below a pixel on any screen). A thousand dots are one DOM
/// node instead of a thousand: the crowded map's cost was building and laying out buttons.
pub fn circles_path(dots: impl IntoIterator<Item = Dot>) -> String {
    use std::fmt::Write;
    let mut d = String::new();
    for (x, y, r) in dots {
        let [x, y, across, back, r] = [x - r, y, 2.0 * r, -2.0 * r, r].map(|v| fixed(v, 2));
        let _ = write!(
            d,
            "M{x} {y}a{r} {r} 0 1 0 {across} 0a{r} {r} 0 1 0 {back} 0"
        );
    }
    d
}

/// The dot under a pointer at `(x, y)`: among the dots whose centre is within their radius,
/// or within `reach` for a small one (a finger is wider than a 4 px dot), the nearest; on a
/// tie, the one listed last (drawn last, so on top). `None` when the pointer is on none.
pub fn dot_at(dots: &[Dot], x: f64, y: f64, reach: f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, &(cx, cy, r)) in dots.iter().enumerate() {
        let d2 = (cx - x).powi(2) + (cy - y).powi(2);
        let within = r.max(reach);
        if d2 <= within * within && best.is_none_or(|(_, b)| d2 <= b) {
            best = Some((i, d2));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_path_draws_each_dot_as_two_arcs() {
        assert_eq!(circles_path([]), "");
        let d = circles_path([(10.0, 20.0, 1.5), (50.0, 50.0, 0.25)]);
        assert_eq!(
            d,
            "M8.50 20.00a1.50 1.50 0 1 0 3.00 0a1.50 1.50 0 1 0 -3.00 0\
             M49.75 50.00a0.25 0.25 0 1 0 0.50 0a0.25 0.25 0 1 0 -0.50 0"
        );
    }

    #[test]
    fn dot_at_finds_the_nearest_dot_within_reach() {
        let dots = [(10.0, 10.0, 2.0), (13.0, 10.0, 2.0), (50.0, 50.0, 0.5)];
        // Inside both of the first two: the nearer centre wins.
        assert_eq!(dot_at(&dots, 11.0, 10.0, 0.0), Some(0));
        assert_eq!(dot_at(&dots, 12.0, 10.0, 0.0), Some(1));
        // Equally near: the one drawn last.
        assert_eq!(dot_at(&dots, 11.5, 10.0, 0.0), Some(1));
        // Outside every radius.
        assert_eq!(dot_at(&dots, 30.0, 30.0, 0.0), None);
        // A small dot is found within reach, not beyond it.
        assert_eq!(dot_at(&dots, 51.5, 50.0, 0.0), None);
        assert_eq!(dot_at(&dots, 51.5, 50.0, 2.0), Some(2));
        assert_eq!(dot_at(&dots, 53.0, 50.0, 2.0), None);
        assert_eq!(dot_at(&[], 0.0, 0.0, 5.0), None);
    }

    #[test]
    fn fit_contains_every_point_with_padding() {
        let pts = [(100.0, 200.0), (300.0, 260.0), (180.0, 400.0)];
        let v = Viewport::fit(&pts, 0.1, 10.0);
        for (x, y) in pts {
            assert!(v.contains(x, y));
        }
        assert!((v.size - 200.0 * 1.2).abs() < 1e-9);
        assert_eq!(Viewport::fit(&[(5.0, 5.0)], 0.1, 50.0).size, 50.0);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let v = Viewport {
            x: 100.0,
            y: 100.0,
            size: 400.0,
        };
        let (px, py) = (200.0, 300.0);
        let z = v.zoom_about(2.0, px, py, 1000.0, 2000.0);
        assert!((z.size - 200.0).abs() < 1e-9);
        let before = v.percent(px, py);
        let after = z.percent(px, py);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    }

    #[test]
    fn zoom_and_pan_stay_within_limits() {
        let v = Viewport {
            x: 0.0,
            y: 0.0,
            size: 500.0,
        };
        let tiny = (0..50).fold(v, |v, _| v.zoom(2.0, 1000.0, 2000.0));
        assert!(tiny.size >= 1000.0 * MIN_SIZE_SHARE - 1e-9);
        let huge = (0..50).fold(v, |v, _| v.zoom(0.5, 1000.0, 2000.0));
        assert!(huge.size <= 2000.0 + 1e-9);
        let far = (0..100).fold(v, |v, _| v.pan(1.0, 1.0, 1000.0, 2000.0));
        let (cx, cy) = far.center();
        assert!(cx <= 1000.0 && cy <= 2000.0);
        let bad = v.zoom(f64::NAN, 1000.0, 2000.0);
        assert_eq!(bad.size, v.size);
    }

    #[test]
    fn far_places_of_another_country_go_to_the_inset() {
        let places = [
            ("marrakech", "MA", 400.0, 1300.0),
            ("tangier", "MA", 430.0, 1150.0),
            ("rabat", "MA", 420.0, 1200.0),
            ("glasgow", "GB", 560.0, 300.0),
            ("ceuta-like", "ES", 440.0, 1140.0),
        ];
        let (main, inset) = split_inset(&places, 150.0);
        assert_eq!(inset, vec!["glasgow"]);
        assert!(main.contains(&"ceuta-like"));
        assert_eq!(main.len(), 4);
    }

    #[test]
    fn close_labels_do_not_overlap() {
        // Rabat and Casablanca-like neighbours, with long labels.
        let pts = [
            (500.0, 300.0, 90.0),
            (470.0, 330.0, 110.0),
            (520.0, 260.0, 80.0),
            (380.0, 500.0, 80.0),
        ];
        let h = 22.0;
        let sides = place_labels(&pts, h, 8.0, (1000.0, 1000.0), &[]);
        let rects: Vec<Rect> = pts
            .iter()
            .zip(&sides)
            .map(|(p, s)| label_rect(p.0, p.1, p.2, h, 8.0, *s))
            .collect();
        for i in 0..rects.len() {
            for j in i + 1..rects.len() {
                assert!(
                    !overlaps(rects[i], rects[j]),
                    "labels {i} and {j} overlap: {sides:?}"
                );
            }
        }
    }

    #[test]
    fn a_few_labels_keep_off_the_inset() {
        // A point near the inset's corner (0..120 square) whose label would go right, under
        // it at its first choice: it goes left or below instead, outside the box.
        let inset = (0.0, 0.0, 120.0, 120.0);
        let pts = [(100.0, 110.0, 60.0)];
        assert_eq!(
            place_labels(&pts, 24.0, 12.0, (400.0, 400.0), &[]),
            [Side::Right]
        );
        let side = place_labels(&pts, 24.0, 12.0, (400.0, 400.0), &[inset])[0];
        let r = label_rect(100.0, 110.0, 60.0, 24.0, 12.0, side);
        assert!(!overlaps(r, inset), "{side:?}: {r:?}");
    }

    #[test]
    fn chosen_labels_never_cover_each_other_and_follow_priority() {
        // A dense grid of 400 markers, 40 px apart, labels 60 px wide.
        let pts: Vec<(f64, f64, f64)> = (0..400)
            .map(|i| {
                (
                    20.0 + (i % 20) as f64 * 40.0,
                    20.0 + (i / 20) as f64 * 40.0,
                    60.0,
                )
            })
            .collect();
        let mut keep = vec![false; pts.len()];
        keep[399] = true;
        let (h, gap, bounds) = (20.0, 8.0, (800.0, 800.0));
        let inset = (0.0, 600.0, 200.0, 800.0);
        let sides = choose_labels(&pts, &keep, 40, h, gap, bounds, &[inset]);
        let rects: Vec<(usize, Rect)> = sides
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.map(|s| (i, label_rect(pts[i].0, pts[i].1, pts[i].2, h, gap, s)))
            })
            .collect();
        assert!(
            rects.len() > 10 && rects.len() <= 41,
            "{} labels",
            rects.len()
        );
        assert!(sides[399].is_some(), "a chosen place always has its label");
        assert!(sides[0].is_some(), "the first in priority gets a label");
        for (a, ra) in &rects {
            for (b, rb) in &rects {
                if a < b && *b != 399 {
                    assert!(!overlaps(*ra, *rb), "labels {a} and {b} overlap");
                }
            }
            if *a != 399 {
                assert!(!overlaps(*ra, inset), "label {a} under the inset");
                assert!(ra.0 >= 0.0 && ra.1 >= 0.0 && ra.2 <= bounds.0 && ra.3 <= bounds.1);
            }
        }
        // Few points that fit: every one is labelled.
        let few = [
            (100.0, 100.0, 60.0),
            (400.0, 400.0, 60.0),
            (700.0, 100.0, 60.0),
        ];
        assert!(choose_labels(&few, &[], 40, h, gap, bounds, &[])
            .iter()
            .all(Option::is_some));
    }
}
