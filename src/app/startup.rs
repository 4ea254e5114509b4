//! `JOURNEYMAP_EXIT_AFTER_FIRST_FRAME=1`: report how long the first frame
//! took to reach the screen and close the window, so that a script can time
//! a cold start of the real binary (`benches/cold_start.sh`). Without the
//! variable, nothing changes.
//!
//! Unlike the test scaffolding behind the `test-support` feature, this stays
//! in the product on purpose: a cold start is a property of the binary that
//! is shipped (its size, what it links, what it does before the first
//! frame), so it is measured on exactly that binary, and anyone can time the
//! editor they installed the same way. It costs one environment lookup at
//! start and one flag check per frame.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::time::Instant;

/// The environment variable that asks for an exit after the first frame.
pub const EXIT_AFTER_FIRST_FRAME: &str = "JOURNEYMAP_EXIT_AFTER_FIRST_FRAME";

static WANTED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some_and(|v| v == "1"));

static STARTED: OnceLock<Instant> = OnceLock::new();

static FRAMES: AtomicU32 = AtomicU32::new(0);

/// Call when the editor starts, before the window is opened.
pub(super) fn started() {
    STARTED.get_or_init(Instant::now);
}

/// Call at the end of each frame's UI pass. eframe paints a frame after its
/// pass, so the second pass begins once the first frame has been presented:
/// the time is reported and the window closed then.
#[expect(
    clippy::print_stderr,
    reason = "the timing is for the script that asked for it"
)]
pub(super) fn after_frame(ctx: &egui::Context) {
    if !*WANTED {
        return;
    }
    match FRAMES.fetch_add(1, Ordering::Relaxed) {
        0 => ctx.request_repaint(),
        1 => {
            if let Some(started) = STARTED.get() {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                eprintln!("journeymap: first frame on screen after {ms:.0} ms");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        _ => {}
    }
}
