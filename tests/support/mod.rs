//! What the command-line test binaries share: running `journeymap` as a
//! user runs it.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `journeymap` binary with `args` in the folder `cwd`.
pub fn journeymap(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journeymap"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run journeymap")
}

/// What the run wrote to stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
