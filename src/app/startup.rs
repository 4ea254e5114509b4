//! `JOURNEYMAP_EXIT_AFTER_FIRST_FRAME=1`: close the window as soon as the
//! first frame is on screen, so that a script can time a cold start of the
//! real binary (`benches/cold_start.sh`). Without it, nothing changes.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The environment variable that asks for an exit after the first frame.
pub const EXIT_AFTER_FIRST_FRAME: &str = "JOURNEYMAP_EXIT_AFTER_FIRST_FRAME";

static WANTED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some_and(|v| v == "1"));

static FRAMES: AtomicU32 = AtomicU32::new(0);

/// Call at the end of each frame's UI pass. eframe paints a frame after its
/// pass, so the second pass begins once the first frame has been presented:
/// the window is closed then.
pub(super) fn after_frame(ctx: &egui::Context) {
    if !*WANTED {
        return;
    }
    if FRAMES.fetch_add(1, Ordering::Relaxed) == 0 {
        ctx.request_repaint();
    } else {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
