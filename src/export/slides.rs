//! A set of slides planned for its frame: which stages each slide shows,
//! the one scale of the set, and the columns and rows that fill each slide.
//!
//! A slide is not the editor's layout scaled down. The scale is chosen for
//! the text (card text at least [`CARD_TEXT_PX`] and secondary text at least
//! [`SECONDARY_TEXT_PX`] on a 1080-pixel-high slide), the columns are as
//! wide as the slide leaves them, and the rows grow to fill its height.
//! When one slide would need smaller text, the stages are split over as
//! few slides as keep it readable. When the persona strip makes the first
//! slide too tall to be readable, or crowds the map onto more slides (a
//! persona of many goals), the persona and scenario get a title slide of
//! their own before the map's.

use std::num::NonZeroUsize;
use std::ops::Range;

use egui::Vec2;
use egui::epaint::FontsView;
use egui::epaint::text::{Fonts, TextOptions, ViewportKey};

use crate::model::{JourneyMap, LaneKind};
use crate::render::{Layout, Proportions};

/// The least card text height on a slide 1080 pixels high, in pixels.
pub const CARD_TEXT_PX: f32 = 16.0;
/// The least height of secondary text (descriptions, what an opportunity
/// answers, owner and metrics, goals) on a slide 1080 pixels high.
pub const SECONDARY_TEXT_PX: f32 = 12.0;

/// The largest scale of a 1080-pixel slide: card text about 27 pixels high.
/// A sparse map fills the rest of its slide with taller rows instead.
const MAX_SCALE: f32 = 2.0;
/// The narrowest column a slide gives a stage, at a text size of 1: a card
/// narrower than this wraps nearly every word.
const MIN_COLUMN: f32 = 150.0;
/// The smallest scale tried when a slide cannot be readable (a forced
/// split, or a single stage with hundreds of cards).
const LEAST_SCALE: f32 = 0.02;
/// Searching for the largest scale that fits stops within this ratio:
/// text 3 % smaller than it might be is not seen, and each try is a layout.
const PRECISION: f32 = 1.03;
/// Maps of more cards than this lay their tries out with fonts of their
/// own ([`Trials`]).
const OWN_FONTS_FROM_CARDS: usize = 1_000;
/// How many times the scale found from estimates is lowered when a slide
/// laid out at it comes out taller than its room (text rounds to whole
/// pixels, so heights are not quite proportional to the scale).
const MEASURED_TRIES: usize = 3;

/// How one slide is laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Pixels per map unit: the same on every slide of a set.
    pub scale: f32,
    /// The slide's columns, rows and persona strip.
    pub proportions: Proportions,
}

/// A planned set: the stages of each slide, and how each is laid out.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The stages each slide shows, as ranges of the map's stages.
    pub groups: Vec<Range<usize>>,
    /// How each slide is laid out.
    pub fits: Vec<Fit>,
    /// How the title slide is laid out, when the persona and scenario have
    /// a slide of their own before the map's (see [`title_part`]); then no
    /// slide of the map shows them.
    pub title: Option<Fit>,
}

/// What a title slide shows of `map`: its title, scenario and persona, and
/// no stage or lane.
pub fn title_part(map: &JourneyMap) -> JourneyMap {
    JourneyMap {
        stages: Vec::new(),
        lanes: Vec::new(),
        ..map.clone()
    }
}

/// Whether `part` is what a title slide shows: no stage and no lane.
pub fn is_title_part(part: &JourneyMap) -> bool {
    part.stages.is_empty() && part.lanes.is_empty()
}

/// How to split the map over slides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// As few slides as keep the text readable (an image of the whole map
    /// is not split).
    #[default]
    Automatic,
    /// The whole map on one slide, however small its text.
    One,
    /// This many stages a slide (or a whole-map image).
    Every(NonZeroUsize),
}

impl Split {
    /// `stages` stages a slide; 0 is read as one slide.
    pub fn every(stages: usize) -> Self {
        NonZeroUsize::new(stages).map_or(Self::One, Self::Every)
    }
}

/// The scale at which text meets the sizes above on a slide `unit` times
/// 1080 pixels high.
pub fn readable_scale(unit: f32) -> f32 {
    unit * (CARD_TEXT_PX / Layout::CARD_TEXT).max(SECONDARY_TEXT_PX / Layout::SECONDARY_TEXT)
}

/// Plans the slides of `map` for a map area of `room` pixels (the slide
/// without its margins and legend), on a slide `unit` times 1080 pixels
/// high.
pub fn plan(
    fonts: &mut FontsView<'_>,
    map: &JourneyMap,
    room: Vec2,
    unit: f32,
    split: Split,
) -> Plan {
    let stages = map.stages.len();
    // Scales here are the layout's; a slide's text is larger by its factor.
    let floor = readable_scale(unit) / Proportions::SLIDE_TEXT;
    let mut planner = Planner {
        fonts,
        // A small map's tries are laid out with the fonts its slides are
        // drawn with: its text is small, and their glyphs are then
        // rasterised once for the set.
        trials: (map.card_count() > OWN_FONTS_FROM_CARDS).then(Trials::new),
        map,
        room,
        most: MAX_SCALE * unit / Proportions::SLIDE_TEXT,
        // A larger slide's tries are laid out at a 1080p slide's floor:
        // its glyphs cost a quarter as much to rasterise at 4K.
        reference: floor.min(readable_scale(1.0) / Proportions::SLIDE_TEXT),
        persona_first: true,
    };
    let mut groups = match split {
        Split::One => std::iter::once(0..stages).collect(),
        Split::Every(n) => chunks(stages, n.get()),
        Split::Automatic => planner.fewest_readable(stages, floor),
    };
    let mut readable = planner.all_fit(&groups, floor);
    let mut title = None;
    // Only the first slide shows the persona: when another slide is too
    // tall for its room as well, a title slide cannot make the set
    // readable, and planning the set again without the persona (all of
    // the planning's time once more) is skipped.
    let title_may_help = split == Split::Automatic
        && !readable
        && !is_title_part(map)
        && (groups.iter().enumerate())
            .skip(1)
            .all(|(i, group)| planner.fits(i, group, floor));
    if title_may_help {
        // The persona strip may be what makes the first slide too tall:
        // then it gets a slide of its own. (Looking for that on every set
        // of several slides, in case it saved one, planned each twice:
        // moving-house's four slides took 158 ms rather than 90.)
        planner.persona_first = false;
        let alone = planner.fewest_readable(stages, floor);
        if planner.all_fit(&alone, floor) {
            groups = alone;
            readable = true;
            title = Some(planner.title_fit(floor));
        } else {
            planner.persona_first = true;
        }
    }
    let least = if readable { floor } else { LEAST_SCALE * unit };
    // One scale for the set: the largest at which every slide fits, found
    // by lowering it slide by slide.
    let mut scale = planner.most;
    for (i, group) in groups.iter().enumerate() {
        scale = planner.largest_scale(i, group, least, scale);
    }
    // The search worked from estimates; the slides laid out at the scale
    // found are measured, and the scale lowered where text rounded to
    // whole pixels made one taller than its room.
    for _ in 1..MEASURED_TRIES {
        let tallest = (groups.iter().enumerate())
            .map(|(i, group)| planner.measured(i, group, scale))
            .fold(0.0, f32::max);
        if tallest <= planner.room.y || scale <= least {
            break;
        }
        scale = (scale * planner.room.y / tallest * 0.998).max(least);
    }
    // Laid out with the fonts the slides are drawn with, so that drawing
    // them finds their text laid out.
    let fits = (groups.iter().enumerate())
        .map(|(i, group)| planner.fill(i, group, scale))
        .collect();
    Plan {
        groups,
        fits,
        title,
    }
}

/// The fonts the planner's tries are laid out with: their own, apart from
/// the ones the slides are drawn with. Text laid out for a try is dropped
/// after the next (egui keeps a frame's text until the frame ends, and the
/// tries of a large map are its text laid out a dozen times over: 1.2 GB
/// for 1,000 cards of long texts). Their glyphs are neither hinted nor
/// placed on sub-pixels, which changes how they look, never where text
/// wraps or how tall it is.
struct Trials {
    fonts: Fonts,
    options: TextOptions,
}

impl Trials {
    fn new() -> Self {
        let options = TextOptions {
            font_hinting: false,
            subpixel_binning: false,
            ..TextOptions::default()
        };
        Self {
            fonts: Fonts::new(options, crate::render::fonts::definitions()),
            options,
        }
    }

    /// The height of `part` laid out at `scale` with `proportions`.
    fn height(
        &mut self,
        part: &JourneyMap,
        whole: &JourneyMap,
        scale: f32,
        proportions: Proportions,
    ) -> f32 {
        // Drops the text of the try before the last.
        self.fonts.begin_pass(self.options, ViewportKey::default());
        let mut fonts = self.fonts.with_pixels_per_point(1.0);
        Layout::shaped(part, whole, &mut fonts, scale, proportions)
            .size
            .y
    }
}

/// `stages` stages in runs of `per_slide` (the last one shorter).
fn chunks(stages: usize, per_slide: usize) -> Vec<Range<usize>> {
    (0..stages.max(1))
        .step_by(per_slide.max(1))
        .map(|start| start..(start + per_slide).min(stages))
        .collect()
}

/// `stages` stages over `count` slides, as evenly as they go; the last
/// slides take one more, since the first also holds the persona.
fn balanced(stages: usize, count: usize) -> Vec<Range<usize>> {
    let count = count.clamp(1, stages.max(1));
    let (each, more) = (stages / count, stages % count);
    let mut start = 0;
    (0..count)
        .map(|i| {
            let len = each + usize::from(i >= count - more);
            let group = start..start + len;
            start += len;
            group
        })
        .collect()
}

struct Planner<'f, 'g, 'm> {
    /// The fonts the slides are drawn with.
    fonts: &'f mut FontsView<'g>,
    /// The fonts the tries are laid out with, when not the slides' own.
    trials: Option<Trials>,
    map: &'m JourneyMap,
    room: Vec2,
    /// The largest scale any slide gets.
    most: f32,
    /// The scale every trial layout is made at. A layout's height grows in
    /// proportion to its scale, for the same proportions (text wraps the
    /// same in columns as much wider as it is larger), so one scale
    /// stands for all: each new scale would shape and rasterise every
    /// glyph of the slide again, which was most of an export's time.
    reference: f32,
    /// Whether the first slide shows the persona and scenario (else a
    /// title slide before the map's does).
    persona_first: bool,
}

impl Planner<'_, '_, '_> {
    /// The map's stages in `group`, with everything else of the map.
    fn part(&self, group: &Range<usize>) -> JourneyMap {
        let mut part = self.map.clone();
        part.stages = self
            .map
            .stages
            .get(group.clone())
            .unwrap_or_default()
            .to_vec();
        part
    }

    /// The proportions of slide `index` showing the stages of `group` at
    /// `scale`, with columns that fill the room's width; `None` when they
    /// would be too narrow for the text, or for the faces of a stage of
    /// many emotion points.
    fn proportions(&self, index: usize, group: &Range<usize>, scale: f32) -> Option<Proportions> {
        let proportions = self.slide_proportions(index, group.len(), scale);
        let stages = self.map.stages.get(group.clone()).unwrap_or_default();
        (proportions.column_width >= MIN_COLUMN * Proportions::SLIDE_TEXT
            && proportions.has_room_for_faces(stages))
        .then_some(proportions)
    }

    /// The proportions slide `index` showing `stages` stages is laid out
    /// with at `scale`, however narrow its columns (at least a point).
    fn slide_proportions(&self, index: usize, stages: usize, scale: f32) -> Proportions {
        let mut proportions = Proportions {
            persona: self.persona_first && index == 0,
            ..Proportions::slide(self.room.x / scale, stages)
        };
        proportions.column_width = proportions.column_width.max(1.0);
        proportions
    }

    /// The height of slide `index` laid out at `scale`, if its columns
    /// are wide enough: measured at the reference scale, where its text is
    /// shaped once for every try, and scaled.
    fn height(&mut self, index: usize, group: &Range<usize>, scale: f32) -> Option<f32> {
        let proportions = self.proportions(index, group, scale)?;
        let part = self.part(group);
        let height = self.trial_height(&part, self.reference, proportions);
        Some(height * scale / self.reference)
    }

    /// The height of slide `index` laid out at `scale` itself.
    fn measured(&mut self, index: usize, group: &Range<usize>, scale: f32) -> f32 {
        let proportions = self.slide_proportions(index, group.len(), scale);
        let part = self.part(group);
        self.trial_height(&part, scale, proportions)
    }

    /// The height of `part` laid out at `scale` with `proportions`, with
    /// the fonts of the tries.
    fn trial_height(&mut self, part: &JourneyMap, scale: f32, proportions: Proportions) -> f32 {
        match &mut self.trials {
            Some(trials) => trials.height(part, self.map, scale, proportions),
            None => {
                Layout::shaped(part, self.map, self.fonts, scale, proportions)
                    .size
                    .y
            }
        }
    }

    /// Whether every slide of `groups` fits its room at `scale`.
    fn all_fit(&mut self, groups: &[Range<usize>], scale: f32) -> bool {
        groups
            .iter()
            .enumerate()
            .all(|(i, group)| self.fits(i, group, scale))
    }

    /// The fewest slides, the stages shared out evenly, on which the map
    /// fits at `floor`: at least as many as keep the columns wide enough,
    /// then searched by halving (more slides never fit worse); or, when a
    /// tall stage makes even shares take more, slides filled in turn; a
    /// slide a stage when nothing else fits.
    fn fewest_readable(&mut self, stages: usize, floor: f32) -> Vec<Range<usize>> {
        let most = stages.max(1);
        let widest = Proportions::slide(self.room.x / floor, 1).column_width;
        let column = MIN_COLUMN * Proportions::SLIDE_TEXT;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small count of stages"
        )]
        let per_slide = ((widest / column).floor() as usize).clamp(1, most);
        let (mut low, mut high) = (most.div_ceil(per_slide), most);
        // Most maps fit at the fewest slides the columns allow: one try.
        if self.all_fit(&balanced(stages, low), floor) {
            return balanced(stages, low);
        }
        low += 1;
        while low < high {
            let middle = usize::midpoint(low, high);
            if self.all_fit(&balanced(stages, middle), floor) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        // Even shares fail when one stage is much taller than the rest: the
        // group it is in never fits, however many slides share the others.
        // Filling each slide in turn then takes fewer.
        let packed = self.packed(stages, per_slide, floor);
        if packed.len() < high {
            packed
        } else {
            balanced(stages, high)
        }
    }

    /// Slides filled in turn: each takes as many of the next stages (up
    /// to `per_slide`) as fit at `floor`, and at least one.
    fn packed(&mut self, stages: usize, per_slide: usize, floor: f32) -> Vec<Range<usize>> {
        let mut groups = Vec::new();
        let mut start = 0;
        while start < stages {
            let index = groups.len();
            let mut end = start + 1;
            while end < stages
                && end - start < per_slide
                && self.fits(index, &(start..end + 1), floor)
            {
                end += 1;
            }
            groups.push(start..end);
            start = end;
        }
        if groups.is_empty() {
            groups.push(0..0);
        }
        groups
    }

    /// Whether slide `index` fits its room at `scale`.
    fn fits(&mut self, index: usize, group: &Range<usize>, scale: f32) -> bool {
        self.height(index, group, scale)
            .is_some_and(|height| height <= self.room.y)
    }

    /// The largest scale, from `least` up to `most`, at which slide
    /// `index` fits; `least` when none does.
    fn largest_scale(&mut self, index: usize, group: &Range<usize>, least: f32, most: f32) -> f32 {
        let Some(at_most) = self.height(index, group, most) else {
            return self.narrowest_scale(index, group, least, most);
        };
        if at_most <= self.room.y {
            return most;
        }
        let Some(at_least) = self
            .height(index, group, least)
            .filter(|height| *height <= self.room.y)
        else {
            // Not even at the least scale: that one, however tall the
            // slide comes out.
            return least;
        };
        // The height grows about in proportion to the scale: aim where
        // the line between the two ends meets the room, a little low,
        // and halve towards it where that misses.
        let (mut low, mut high) = ((least, at_least), (most, at_most));
        let mut aims = 0;
        while high.0 / low.0 > PRECISION {
            let aimed = if aims < 3 && high.1.is_finite() {
                aims += 1;
                let line = low.0 + (high.0 - low.0) * (self.room.y - low.1) / (high.1 - low.1);
                (line * 0.998).clamp(low.0 * PRECISION.sqrt(), high.0 / PRECISION.sqrt())
            } else {
                (low.0 * high.0).sqrt()
            };
            match self.height(index, group, aimed) {
                Some(height) if height <= self.room.y => low = (aimed, height),
                Some(height) => high = (aimed, height),
                None => high = (aimed, f32::INFINITY),
            }
        }
        low.0
    }

    /// The largest scale below `most` at which slide `index`'s columns are
    /// wide enough, if it fits there; else `least`.
    fn narrowest_scale(
        &mut self,
        index: usize,
        group: &Range<usize>,
        least: f32,
        most: f32,
    ) -> f32 {
        let (mut low, mut high) = (least, most);
        if !self.fits(index, group, low) {
            return low;
        }
        while high / low > PRECISION {
            let middle = (low * high).sqrt();
            if self.fits(index, group, middle) {
                low = middle;
            } else {
                high = middle;
            }
        }
        low
    }

    /// How slide `index` is laid out at `scale`: its columns fill the
    /// room's width and its rows share what is left of its height.
    fn fill(&mut self, index: usize, group: &Range<usize>, scale: f32) -> Fit {
        let mut proportions = self.slide_proportions(index, group.len(), scale);
        let part = self.part(group);
        let height = Layout::shaped(&part, self.map, self.fonts, scale, proportions)
            .size
            .y;
        let curves = part.lanes.iter().filter(|l| l.kind == LaneKind::Emotion);
        #[expect(clippy::cast_precision_loss, reason = "lane counts are small")]
        let (lanes, curves) = (part.lanes.len() as f32, curves.count() as f32);
        if lanes > 0.0 && height < self.room.y {
            // A little short of the room: text rounds to whole pixels.
            let mut spare = (self.room.y - height) * 0.995 / scale;
            // The emotion curves grow first: to the editor's height if the
            // spare height allows, and by half of it up to half as tall
            // again. Seven scores in a short lane are too close to tell
            // apart from the back of the room.
            if curves > 0.0 {
                let editor = Proportions::EDITOR.emotion_row;
                let to_editor = (editor - proportions.emotion_row).max(0.0);
                let half = (spare * 0.5 / curves).min(editor * 0.75);
                proportions.emotion_extra = (spare / curves).min(to_editor).max(half);
                spare -= proportions.emotion_extra * curves;
            }
            proportions.row_extra = spare / lanes;
        }
        Fit { scale, proportions }
    }
}

impl Planner<'_, '_, '_> {
    /// How the title slide is laid out: the persona strip across the
    /// room, at the largest scale from `least` up at which it fits.
    fn title_fit(&mut self, least: f32) -> Fit {
        let part = title_part(self.map);
        let proportions = |scale: f32| Proportions {
            persona: true,
            ..Proportions::slide(self.room.x / scale, 1)
        };
        let mut fits = |scale: f32| {
            let layout = Layout::shaped(&part, self.map, self.fonts, scale, proportions(scale));
            title_height(&layout) <= self.room.y
        };
        let (mut low, mut high) = (least, self.most.max(least));
        if fits(high) {
            low = high;
        }
        while high / low > PRECISION {
            let middle = (low * high).sqrt();
            if fits(middle) {
                low = middle;
            } else {
                high = middle;
            }
        }
        Fit {
            scale: low,
            proportions: proportions(low),
        }
    }
}

/// The height a title slide's layout takes: its strip, with the margin
/// above it below it too (the empty header row under the strip is not
/// drawn).
pub fn title_height(layout: &Layout) -> f32 {
    layout.persona.rect.max.y + layout.persona.rect.min.y
}

#[cfg(test)]
mod tests {
    use super::{balanced, chunks};

    #[test]
    fn balanced_groups_differ_by_at_most_one_stage() {
        assert_eq!(balanced(7, 2), [0..3, 3..7]);
        assert_eq!(balanced(7, 4), [0..1, 1..3, 3..5, 5..7]);
        assert_eq!(balanced(20, 6), [0..3, 3..6, 6..9, 9..12, 12..16, 16..20]);
        assert_eq!(balanced(3, 5), [0..1, 1..2, 2..3]);
        assert_eq!(balanced(0, 1), vec![(0..0)]);
    }

    #[test]
    fn chunks_keep_the_asked_number_of_stages_a_slide() {
        assert_eq!(chunks(7, 3), [0..3, 3..6, 6..7]);
        assert_eq!(chunks(2, 5), vec![(0..2)]);
        assert_eq!(chunks(0, 2), vec![(0..0)]);
    }
}
