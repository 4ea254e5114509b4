//! A font of the machine's for Chinese, Japanese and Korean: nothing
//! bundled covers them (a CJK font is 15–20 MB), so the first of the usual
//! system fonts that is present is drawn with, on screen and in every
//! export, after journeymap's own. `JOURNEYMAP_CJK_FONT` names another.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::epaint::text::FontData;

/// egui's name for the system CJK font.
pub const CJK: &str = "system-cjk";

/// The largest font file read: a CJK collection is about 20 MB.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Where CJK fonts usually are: Debian and Ubuntu (Noto CJK, `WenQuanYi`,
/// Droid), Fedora, macOS and Windows.
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\YuGothM.ttc",
    "C:\\Windows\\Fonts\\malgun.ttf",
];

/// The machine's CJK font, read once for the process; `None` when it has
/// none of the usual ones (or the one named is not a font).
pub fn cjk() -> Option<Arc<FontData>> {
    static FONT: OnceLock<Option<Arc<FontData>>> = OnceLock::new();
    FONT.get_or_init(|| {
        let named = std::env::var_os("JOURNEYMAP_CJK_FONT").map(PathBuf::from);
        let paths = named
            .into_iter()
            .chain(CANDIDATES.iter().map(PathBuf::from));
        first_font(paths).map(Arc::new)
    })
    .clone()
}

/// The first of `paths` that is a font file skrifa reads (its first face).
fn first_font(paths: impl IntoIterator<Item = PathBuf>) -> Option<FontData> {
    paths.into_iter().find_map(|path| read_font(&path))
}

fn read_font(path: &Path) -> Option<FontData> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_FONT_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    // A collection's first face, or the file's only one.
    skrifa::FontRef::from_index(&bytes, 0).ok()?;
    Some(FontData::from_owned(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_readable_font_is_taken_and_anything_else_skipped() {
        let folder = std::env::temp_dir().join(format!("jm-cjk-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("folder");
        let not_a_font = folder.join("notes.ttc");
        std::fs::write(&not_a_font, b"not a font").expect("written");
        let font =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/NotoSansMath-subset.ttf");
        let missing = folder.join("missing.ttf");
        let found = first_font([missing.clone(), not_a_font.clone(), font.clone()]);
        let expected = std::fs::read(&font).expect("the bundled font");
        assert_eq!(
            found.map(|data| (*data.font).as_ref().to_vec()),
            Some(expected)
        );
        assert!(first_font([missing, not_a_font]).is_none());
        std::fs::remove_dir_all(&folder).expect("cleaned up");
    }
}
