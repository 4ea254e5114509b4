//! journeymap's own icon, for the window title bar, the taskbar and the
//! window switcher. `assets/journeymap.png` is rendered from
//! `assets/journeymap.svg`, the same picture the desktop entry installs.

/// The application icon: a 256×256 RGBA PNG bundled into the binary.
const ICON_PNG: &[u8] = include_bytes!("../../assets/journeymap.png");

/// The window icon, decoded from the bundled PNG; `None` if it cannot be
/// decoded (a test rules that out), so that an icon never stops the editor
/// from opening.
pub fn window_icon() -> Option<egui::IconData> {
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .ok()?
        .into_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_icon_is_the_bundled_256_pixel_picture() {
        let icon = window_icon();
        let (width, height, len) = icon
            .as_ref()
            .map_or((0, 0, 0), |i| (i.width, i.height, i.rgba.len()));
        assert_eq!((width, height, len), (256, 256, 256 * 256 * 4));
        // Transparent corners around the rounded tile, an opaque middle.
        let alpha = |x: usize, y: usize| icon.as_ref().map_or(0, |i| i.rgba[(y * 256 + x) * 4 + 3]);
        assert_eq!(alpha(0, 0), 0);
        assert_eq!(alpha(128, 128), 255);
    }
}
