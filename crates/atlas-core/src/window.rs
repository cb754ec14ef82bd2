//! List virtualisation: which cards of a long list are on screen.
//!
//! The card list is a grid of equal-height rows (`cols` cards a row). Given where the list
//! starts relative to the viewport, the viewport's height and the row height, [`window`]
//! returns the slice of cards to render and the empty space to leave above and below it, so
//! the page scrolls as if every card were there while the DOM holds only a few rows.

/// The part of a list to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First item to render.
    pub start: usize,
    /// One past the last item to render.
    pub end: usize,
    /// Pixels of empty space before the first rendered row.
    pub pad_before: u32,
    /// Pixels of empty space after the last rendered row.
    pub pad_after: u32,
}

/// The rows on screen plus `overscan` rows on each side.
///
/// - `list_top`: the list's top edge relative to the viewport's top (negative once scrolled
///   past), in CSS pixels;
/// - `viewport`: the viewport's height;
/// - `row`: the height of one row including the gap between rows (≥ 1);
/// - `cols`: cards per row (≥ 1); `len`: number of cards.
pub fn window(
    list_top: f64,
    viewport: f64,
    row: f64,
    cols: usize,
    len: usize,
    overscan: usize,
) -> Window {
    let (row, cols, rows) = grid(row, cols, len);
    if rows == 0 {
        return Window {
            start: 0,
            end: 0,
            pad_before: 0,
            pad_after: 0,
        };
    }
    let list_top = if list_top.is_finite() { list_top } else { 0.0 };
    let viewport = if viewport.is_finite() {
        viewport.max(0.0)
    } else {
        0.0
    };
    // Rows whose band [i*row, (i+1)*row) meets the viewport [-list_top, -list_top+viewport).
    let from = (-list_top / row).floor();
    let to = ((-list_top + viewport) / row).ceil();
    let clamp = |x: f64| x.max(0.0).min(rows as f64) as usize;
    let first = clamp(from).saturating_sub(overscan);
    let last = (clamp(to) + overscan).min(rows);
    // Always render at least one screenful when the list is off screen, so it never jumps.
    let (first, last) = if first >= last {
        let first = first.min(rows.saturating_sub(1));
        (first, (first + 1 + overscan).min(rows))
    } else {
        (first, last)
    };
    Window {
        start: first * cols,
        end: (last * cols).min(len),
        pad_before: (first as f64 * row) as u32,
        pad_after: ((rows - last) as f64 * row) as u32,
    }
}

/// The row height (at least 1 px), cards a row (at least one) and number of rows of a
/// list of `len` cards, whatever the layout measured.
fn grid(row: f64, cols: usize, len: usize) -> (f64, usize, usize) {
    let cols = cols.max(1);
    let row = if row.is_finite() && row >= 1.0 {
        row
    } else {
        1.0
    };
    (row, cols, len.div_ceil(cols))
}

/// `w` widened so that `around` rows on each side of item `at` are rendered too, when `at`
/// is in `w` (the card that has keyboard focus): Tab moves focus to the next card before a
/// scroll event has moved the window, and a card not yet in the DOM would be skipped. An
/// item outside `w` (scrolled away) leaves it as it is. `row`, `cols`: as for [`window`].
pub fn keep_around(
    w: Window,
    at: usize,
    row: f64,
    cols: usize,
    len: usize,
    around: usize,
) -> Window {
    if at < w.start || at >= w.end {
        return w;
    }
    let (row, cols, rows) = grid(row, cols, len);
    let here = at / cols;
    let first = (w.start / cols).min(here.saturating_sub(around));
    let last = w.end.div_ceil(cols).max(here + around + 1).min(rows);
    Window {
        start: first * cols,
        end: (last * cols).min(len),
        pad_before: (first as f64 * row) as u32,
        pad_after: ((rows - last) as f64 * row) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_of_the_list_renders_the_first_screen_and_overscan() {
        // 10 000 cards, 3 a row, 200 px rows, viewport 800 px, list starting 300 px down.
        let w = window(300.0, 800.0, 200.0, 3, 10_000, 2);
        // Rows 0..3 are on screen (300..800 of the viewport), plus 2 rows of overscan.
        assert_eq!((w.start, w.end), (0, 15));
        assert_eq!(w.pad_before, 0);
        assert_eq!(w.pad_after, (3334 - 5) * 200);
    }

    #[test]
    fn scrolled_into_the_middle() {
        let w = window(-100_000.0, 800.0, 200.0, 3, 10_000, 2);
        // Rows 500..504 visible; overscan makes 498..506.
        assert_eq!((w.start, w.end), (498 * 3, 506 * 3));
        assert_eq!(w.pad_before, 498 * 200);
        // The padding plus the rendered rows always add up to the whole list.
        let rows = 10_000usize.div_ceil(3) as u32;
        assert_eq!(w.pad_before + w.pad_after + 8 * 200, rows * 200);
    }

    #[test]
    fn the_end_of_the_list_and_a_short_last_row() {
        let w = window(-2_000_000.0, 800.0, 200.0, 3, 10_000, 2);
        assert_eq!(w.end, 10_000);
        assert!(w.start < w.end);
        assert_eq!(w.pad_after, 0);
    }

    #[test]
    fn degenerate_inputs_never_panic_or_overflow() {
        assert_eq!(
            window(0.0, 800.0, 200.0, 3, 0, 2),
            Window {
                start: 0,
                end: 0,
                pad_before: 0,
                pad_after: 0
            }
        );
        for (top, vh, row, cols) in [
            (f64::NAN, 800.0, 200.0, 3),
            (0.0, f64::INFINITY, 200.0, 3),
            (0.0, 800.0, 0.0, 0),
            (1e18, 800.0, 200.0, 3),
            (-1e18, -5.0, f64::NAN, 1),
        ] {
            let w = window(top, vh, row, cols, 500, 2);
            assert!(w.start <= w.end && w.end <= 500, "{w:?}");
            assert!(w.end > w.start, "always something to render: {w:?}");
        }
    }
    #[test]
    fn the_focused_card_keeps_rows_rendered_on_each_side() {
        // 73 cards, one a row (a phone), 300 px rows; the window ends at card 65.
        let w = window(-60.0 * 300.0, 900.0, 300.0, 1, 73, 2);
        assert_eq!((w.start, w.end), (58, 65));
        // Focus on the window's last card: two more rows after it, and the padding shrinks.
        let k = keep_around(w, 64, 300.0, 1, 73, 2);
        assert_eq!((k.start, k.end), (58, 67));
        assert_eq!(k.pad_before + k.pad_after + 9 * 300, 73 * 300);
        // Near the end, the window stops at the list's end.
        let end = window(-70.0 * 300.0, 900.0, 300.0, 1, 73, 0);
        let k = keep_around(end, 72, 300.0, 1, 73, 2);
        assert_eq!((k.end, k.pad_after), (73, 0));
        // At the first card of a grid of 3: the row before it is rendered as well.
        let w = window(-10.0 * 200.0, 400.0, 200.0, 3, 100, 0);
        assert_eq!(w.start, 30);
        let k = keep_around(w, 30, 200.0, 3, 100, 1);
        assert_eq!((k.start, k.pad_before), (27, 9 * 200));
        // A card outside the window (scrolled away) changes nothing.
        assert_eq!(keep_around(w, 3, 200.0, 3, 100, 2), w);
        assert_eq!(keep_around(w, 99, 200.0, 3, 100, 2), w);
    }
}
