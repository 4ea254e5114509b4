//! The benchmark name filter given on the command line
//! (`cargo bench --bench perf -- export/render`), read here too so that
//! benchmarks filtered out are not set up either: setting up an export or
//! a 20,000-card editor takes longer than some benchmarks.

use std::sync::LazyLock;

/// Criterion's options that take a value as the next argument.
const TAKES_VALUE: [&str; 19] = [
    "-c",
    "--color",
    "-s",
    "--save-baseline",
    "-b",
    "--baseline",
    "--baseline-lenient",
    "--format",
    "--profile-time",
    "--load-baseline",
    "--sample-size",
    "--warm-up-time",
    "--measurement-time",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--plotting-backend",
    "--output-format",
];

static FILTER: LazyLock<Option<String>> = LazyLock::new(|| {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if TAKES_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            return Some(arg);
        }
    }
    None
});

/// Whether the benchmark `id` may run: criterion matches its filter as a
/// regular expression anywhere in the id; a filter with special characters
/// is taken to match everything (criterion still applies it exactly).
pub fn wanted(id: &str) -> bool {
    match FILTER.as_deref() {
        None => true,
        Some(filter) if filter.contains(|c: char| "\\^$.*+?()[]{}|".contains(c)) => true,
        Some(filter) => id.contains(filter),
    }
}

/// Whether any of `ids` may run.
pub fn any_wanted(ids: &[String]) -> bool {
    ids.iter().any(|id| wanted(id))
}
