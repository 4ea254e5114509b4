//! The `journeymap` binary: see [`journeymap::cli`].

fn main() -> std::process::ExitCode {
    journeymap::cli::run(std::env::args_os())
}
