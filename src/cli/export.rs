//! `journeymap export`: PNG images, a PDF deck or SVG files of a map for
//! slides, without a window; or a Mermaid journey diagram, or a CSV of its
//! cards.

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Outcome, report};
use crate::export::{self, ExportOptions, Preset, Split};
use crate::io;
use crate::model::StateView;

/// The names and help of [`export::Preset`] on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PresetName {
    /// 1920×1080: the map fitted into a full-HD slide.
    #[value(name = "slide-1080p")]
    Slide1080p,
    /// 3840×2160: the map fitted into a 4K slide.
    #[value(name = "slide-4k")]
    Slide4k,
    /// The whole map at --scale pixels per point, however large.
    Full,
}

/// Light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

/// What is behind the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackgroundName {
    /// The theme's page colour (white, or near-black with --theme dark).
    White,
    /// Nothing: a PNG with an alpha channel, for coloured slide templates.
    Transparent,
}

/// The options of `journeymap export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The map to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file to write; its extension says what it is. `.png`: an
    /// image (with --split, OUT-1.png, OUT-2.png, … instead). `.pdf`: one
    /// PDF, a page per slide, with text that can be selected and searched.
    /// `.svg`: an SVG per slide (OUT-1.svg, … when split), its text real
    /// `<text>` to edit. `.mmd`: a Mermaid journey diagram (each stage a
    /// section, each point of the emotion curve a task). `.csv`: the map's
    /// cards, a row each. Any other extension is refused (exit 2).
    #[arg(short, long, value_name = "OUT.png")]
    pub output: PathBuf,
    /// The image size.
    #[arg(long, value_enum, default_value = "slide-1080p")]
    pub preset: PresetName,
    /// With --preset full: pixels per point (1, 2 or 3 for screens, Retina, print).
    #[arg(long, default_value_t = 2.0, value_name = "N")]
    pub scale: f32,
    /// Colours.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeName,
    /// The page behind the map.
    #[arg(long, value_enum, default_value = "white")]
    pub background: BackgroundName,
    /// How the slides split the map: `auto` (the default) splits it over
    /// as few slides as keep card text 16 pixels high on a 1080p slide;
    /// `1` puts the whole map on one slide; N puts N stages on each. Each
    /// slide has the lane labels; the first the persona, the others a
    /// title saying which stages they show. With --preset full, N makes an
    /// image per N stages.
    #[arg(long, value_name = "auto|1|N", default_value = "auto", value_parser = parse_split)]
    pub split: Split,
    /// Leave out the key to faces, severities, channels and stars.
    #[arg(long)]
    pub no_legend: bool,
    /// Which state of the journey to show, for a map that records a future
    /// state: `current` (today's cards and curve), `future` (the improved
    /// journey: future cards, the curve at the future scores) or `both`
    /// (everything, future and current-only cards tagged, both curves).
    #[arg(long, value_enum, default_value = "both")]
    pub state: StateName,
    /// Add insights slides after the map's: the health of each stage
    /// (pain points, severity score, mean emotion, perception gap, KPIs
    /// against their targets) with the whole map's totals, the biggest
    /// perception gaps, the top pain points and the top opportunities;
    /// and, when opportunities are rated for impact and effort, the
    /// opportunity matrix. A PDF gets them as its last pages; PNG and SVG
    /// as more files numbered on after the map's, so that even a map on
    /// one slide becomes a numbered set (OUT-1.png for the map,
    /// OUT-2.png, … for the insights). A long table goes on over more
    /// than one slide rather than shrinking its text.
    #[arg(long)]
    pub insights: bool,
}

/// `--state`'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StateName {
    /// Today's journey.
    Current,
    /// The improved journey.
    Future,
    /// Both, tagged.
    Both,
}

impl ExportArgs {
    /// The export options these arguments ask for.
    pub fn options(&self) -> ExportOptions {
        let preset = match self.preset {
            PresetName::Slide1080p => Preset::Slide1080p,
            PresetName::Slide4k => Preset::Slide4k,
            PresetName::Full => Preset::Full,
        };
        ExportOptions {
            size: preset.size(self.scale),
            dark: self.theme == ThemeName::Dark,
            transparent: self.background == BackgroundName::Transparent,
            legend: !self.no_legend,
            split: self.split,
            state: match self.state {
                StateName::Current => StateView::Current,
                StateName::Future => StateView::Future,
                StateName::Both => StateView::Both,
            },
            insights: self.insights,
        }
    }
}

/// `--split`'s value: `auto`, `1` (one slide) or N stages a slide.
fn parse_split(value: &str) -> Result<Split, String> {
    if value.eq_ignore_ascii_case("auto") {
        return Ok(Split::Automatic);
    }
    match value.parse::<NonZeroUsize>() {
        Ok(n) if n.get() == 1 => Ok(Split::One),
        Ok(n) => Ok(Split::Every(n)),
        Err(_) => Err(format!(
            "`{value}` is not `auto` or a number of stages from 1 up"
        )),
    }
}

/// Runs `journeymap export`: prints each file written, or why nothing was.
pub fn run(args: &ExportArgs, out: &mut impl Write, err: &mut impl Write) -> Outcome {
    if export::FileFormat::of(&args.output).is_none()
        && crate::interchange::Format::of(&args.output).is_none()
    {
        let extension = args.output.extension().map_or_else(
            || "no extension".to_owned(),
            |e| format!(".{}", e.to_string_lossy()),
        );
        writeln!(
            err,
            "journeymap: {}: cannot export to {extension}; name the output .png, .pdf \
             or .svg for slides, .mmd for a Mermaid journey or .csv for its cards",
            args.output.display()
        )?;
        return Ok(ExitCode::from(2));
    }
    let map = match io::read_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            report(&args.file, &error, err)?;
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(format) = crate::interchange::Format::of(&args.output) {
        let text = format.write(&map);
        return match io::write_atomically(&args.output, text.as_bytes(), io::Overwrite::Allow) {
            Ok(()) => {
                writeln!(out, "{}", args.output.display())?;
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => {
                writeln!(err, "journeymap: {}: {error}", args.output.display())?;
                Ok(ExitCode::FAILURE)
            }
        };
    }
    match export::export(&map, &args.options(), &args.output) {
        Ok(paths) => {
            for path in paths {
                writeln!(out, "{}", path.display())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            writeln!(err, "journeymap: {}: {error}", args.file.display())?;
            Ok(ExitCode::FAILURE)
        }
    }
}
