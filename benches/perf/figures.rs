//! The figures of a run: every timed iteration by benchmark name, and the
//! one-line-per-figure summary printed at the end.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::Bencher;

/// One figure: its name, unit and every value measured for it.
struct Figure {
    name: String,
    unit: &'static str,
    values: Vec<f64>,
}

static FIGURES: Mutex<Vec<Figure>> = Mutex::new(Vec::new());

/// Records one value of the figure `name`.
pub fn record(name: &str, unit: &'static str, value: f64) {
    let Ok(mut figures) = FIGURES.lock() else {
        return;
    };
    if let Some(figure) = figures.iter_mut().find(|f| f.name == name) {
        figure.values.push(value);
    } else {
        figures.push(Figure {
            name: name.to_owned(),
            unit,
            values: vec![value],
        });
    }
}

/// Runs `routine` as many times as criterion asks, recording each time it
/// returns (in milliseconds) under `name`. The routine times itself, so
/// that setup between iterations is left out.
pub fn bench(bencher: &mut Bencher<'_>, name: &str, mut routine: impl FnMut() -> Duration) {
    bencher.iter_custom(|iterations| {
        let mut total = Duration::ZERO;
        for _ in 0..iterations {
            let time = routine();
            record(name, "ms", time.as_secs_f64() * 1000.0);
            total += time;
        }
        total
    });
}

/// Times one call of `f`, keeping its result alive until the time is taken.
pub fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = f();
    std::hint::black_box(&result);
    drop(result);
    start.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    }
}

/// Prints `bench NAME median VALUE UNIT` for every figure, in the order
/// they were first recorded.
pub fn print() {
    let Ok(mut figures) = FIGURES.lock() else {
        return;
    };
    println!();
    for figure in figures.iter_mut().filter(|f| !f.values.is_empty()) {
        let value = median(&mut figure.values);
        let decimals = if value < 10.0 { 3 } else { 1 };
        println!(
            "bench {} median {value:.decimals$} {}",
            figure.name, figure.unit
        );
    }
}
