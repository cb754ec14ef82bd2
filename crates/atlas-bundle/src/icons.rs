//! App icons rendered from the one source SVG (`public/icons/icon.svg`) at build time: the
//! PNG sizes the web app manifest needs, and a maskable variant whose artwork sits inside the
//! safe zone on a full-bleed background.

use resvg::{tiny_skia, usvg};
use std::path::Path;

/// (file name, size in pixels, maskable)
pub const ICONS: [(&str, u32, bool); 4] = [
    ("icon-192.png", 192, false),
    ("icon-512.png", 512, false),
    ("icon-maskable-512.png", 512, true),
    ("apple-touch-icon.png", 180, false),
];

/// Background of the maskable icon (the icon's own teal).
const MASKABLE_BG: (u8, u8, u8) = (0x0b, 0x6b, 0x5d);
/// Share of the maskable icon the artwork may use (the safe zone is a circle of 80%).
const SAFE: f32 = 0.72;

pub fn render(svg: &str, size: u32, maskable: bool) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| e.to_string())?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or("bad icon size")?;
    let (w, h) = (tree.size().width(), tree.size().height());
    let box_size = if maskable {
        size as f32 * SAFE
    } else {
        size as f32
    };
    let scale = box_size / w.max(h);
    let offset = (size as f32 - box_size) / 2.0;
    if maskable {
        let (r, g, b) = MASKABLE_BG;
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    }
    let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, offset, offset);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Renders every icon of [`ICONS`] into `out_dir`; returns the files written.
pub fn write_all(svg_path: &Path, out_dir: &Path) -> Result<Vec<String>, String> {
    let svg = std::fs::read_to_string(svg_path)
        .map_err(|e| format!("cannot read {}: {e}", svg_path.display()))?;
    let mut written = Vec::new();
    for (name, size, maskable) in ICONS {
        let png = render(&svg, size, maskable)?;
        let path = out_dir.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(png.as_slice()) {
            std::fs::write(&path, &png)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        written.push(name.to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = include_str!("../../../public/icons/icon.svg");

    fn decode(png: &[u8]) -> tiny_skia::Pixmap {
        tiny_skia::Pixmap::decode_png(png).unwrap()
    }

    #[test]
    fn renders_each_size_deterministically() {
        for (_, size, maskable) in ICONS {
            let a = render(SVG, size, maskable).unwrap();
            assert_eq!(a, render(SVG, size, maskable).unwrap());
            let p = decode(&a);
            assert_eq!((p.width(), p.height()), (size, size));
        }
    }

    #[test]
    fn maskable_icon_is_full_bleed_and_the_plain_one_has_rounded_corners() {
        let plain = decode(&render(SVG, 512, false).unwrap());
        let mask = decode(&render(SVG, 512, true).unwrap());
        // Corner pixel: transparent outside the rounded square, opaque teal when maskable.
        assert_eq!(plain.pixel(0, 0).unwrap().alpha(), 0);
        let c = mask.pixel(0, 0).unwrap();
        assert_eq!(
            (c.alpha(), c.red(), c.green(), c.blue()),
            (255, 0x0b, 0x6b, 0x5d)
        );
    }

    #[test]
    fn committed_icons_are_up_to_date() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/icons");
        for (name, size, maskable) in ICONS {
            let committed = std::fs::read(dir.join(name)).unwrap_or_else(|_| {
                panic!("public/icons/{name} is missing: run `cargo xtask bundle`")
            });
            assert!(
                committed == render(SVG, size, maskable).unwrap(),
                "public/icons/{name} is stale: run `cargo xtask bundle` and commit it"
            );
        }
    }
}
