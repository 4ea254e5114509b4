//! The inspector side panel: every field of the selection (card, emotion
//! point, stage, lane) or, with nothing selected, the map's title, scenario
//! and persona. It reports changes as [`Edit`]s; a text field's change is
//! one edit when the field loses focus, not one per keystroke.

mod decide;
mod focus;
mod future;

pub use decide::WORKSHOP_VOTER;

use std::collections::HashMap;

use egui::{Color32, RichText, TextEdit};

use super::selection::Selection;
use crate::edit::Edit;
use crate::model::{
    BlueprintLine, Card, Channel, Colour, EmotionPoint, JourneyMap, Lane, LaneKind, MAX_SCORE,
    MIN_SCORE, PALETTE, Severity, Stage,
};

/// Text being typed into the inspector's fields, by field, until the field
/// loses focus.
#[derive(Clone, Debug, Default)]
pub struct Inspector {
    drafts: HashMap<&'static str, String>,
    /// What the drafts belong to; they are dropped when the selection changes.
    drafts_for: Selection,
    /// Where Tab on the map sends the keyboard, and whether it is here.
    focus: focus::Focus,
    /// A custom KPI's name being typed: the KPI's index and the text.
    kpi_name: Option<(usize, String)>,
}

impl Inspector {
    /// Shows the fields of `selection` in `map` and returns the edits made.
    /// Dot votes are changed as `voter`'s: the person at this editor in a
    /// shared session, else whoever enters the count.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        selection: &Selection,
        voter: &str,
    ) -> Vec<Edit> {
        if self.drafts_for != *selection {
            self.drafts.clear();
            self.kpi_name = None;
            self.drafts_for = selection.clone();
        }
        let mut edits = Vec::new();
        egui::ScrollArea::vertical().show(ui, |ui| {
            self.focus.begin(ui);
            if let [id] = selection.cards.as_slice()
                && let Some((stage, card)) = map.card(id)
            {
                self.card(ui, map, stage, card, voter, &mut edits);
            } else if selection.cards.len() > 1 {
                ui.heading(format!("{} cards", selection.cards.len()));
                ui.label(
                    "Drag them together or move them with Alt+arrow keys, press Delete to remove them or Ctrl+D to duplicate them.",
                );
            } else if let [id] = selection.points.as_slice()
                && let Some((stage, point)) = map.point(id)
            {
                self.point(ui, stage, point, &mut edits);
            } else if let Some(stage) = selection.stage.as_ref().and_then(|id| map.stage(id)) {
                self.stage(ui, map, stage, &mut edits);
            } else if let Some(lane) = selection.lane.as_ref().and_then(|id| map.lane(id)) {
                self.lane(ui, map, lane, &mut edits);
            } else {
                self.journey(ui, map, &mut edits);
            }
            self.focus.end(ui);
        });
        edits
    }

    /// A text field bound to `current`; returns the new text once the field
    /// loses focus with a different value.
    fn text(
        &mut self,
        ui: &mut egui::Ui,
        key: &'static str,
        label: &str,
        current: &str,
        lines: usize,
    ) -> Option<String> {
        let caption = ui.label(RichText::new(label).small().weak());
        let mut text = self
            .drafts
            .get(key)
            .cloned()
            .unwrap_or_else(|| current.to_owned());
        let field = if lines > 1 {
            TextEdit::multiline(&mut text).desired_rows(lines)
        } else {
            TextEdit::singleline(&mut text)
        };
        let response = ui
            .add(field.hint_text(label).desired_width(f32::INFINITY))
            .labelled_by(caption.id);
        self.focus.field(&response);
        let undrawn = crate::render::fonts::undrawn(&text);
        if !undrawn.is_empty() {
            // Named, since a box tells nobody which character it stands for.
            let names: Vec<String> = undrawn
                .iter()
                .take(5)
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            ui.label(
                RichText::new(format!(
                    "⚠ No font draws {}: it shows as a box",
                    names.join(", ")
                ))
                .small()
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(4.0);
        if response.lost_focus() {
            self.drafts.remove(key);
            return (text != current).then_some(text);
        }
        if response.has_focus() {
            self.drafts.insert(key, text);
        }
        None
    }

    fn card(
        &mut self,
        ui: &mut egui::Ui,
        map: &JourneyMap,
        stage: &Stage,
        card: &Card,
        voter: &str,
        edits: &mut Vec<Edit>,
    ) {
        let lane = map.lane(&card.lane);
        let kind = lane.map_or(LaneKind::Text, |l| l.kind);
        ui.heading("Card");
        ui.label(
            RichText::new(format!(
                "{} · {}",
                stage.name,
                lane.map_or("?", |l| l.name.as_str())
            ))
            .weak(),
        );
        ui.add_space(6.0);
        if let Some(text) = self.text(ui, "card.text", "Text", &card.text, 3) {
            edits.push(Edit::SetCardText(card.id.clone(), text));
        }
        if kind == LaneKind::Touchpoints {
            let mut channel = card.channel;
            picker(
                ui,
                "Channel",
                channel.map_or("none", Channel::label),
                ListHeight::All,
                |ui| {
                    ui.selectable_value(&mut channel, None, "none");
                    for option in Channel::ALL {
                        ui.selectable_value(&mut channel, Some(option), option.label());
                    }
                },
            );
            if channel != card.channel {
                edits.push(Edit::SetChannel(card.id.clone(), channel));
            }
        }
        if kind == LaneKind::PainPoints {
            let mut severity = card.severity;
            picker(
                ui,
                "Severity",
                severity.map_or("none", Severity::label),
                ListHeight::All,
                |ui| {
                    ui.selectable_value(&mut severity, None, "none");
                    for option in Severity::ALL {
                        ui.selectable_value(&mut severity, Some(option), option.label());
                    }
                },
            );
            if severity != card.severity {
                edits.push(Edit::SetSeverity(card.id.clone(), severity));
            }
        }
        if kind == LaneKind::Opportunities {
            answers_picker(ui, map, card, edits);
            future::leads_to(ui, map, card, edits);
            decide::ratings(ui, card, edits);
        }
        future::card_state(ui, card, edits);
        if kind.takes_votes() {
            decide::votes(ui, card, voter, edits);
        }
        let mut moment = card.moment_of_truth;
        if ui.checkbox(&mut moment, "Moment of truth").changed() {
            edits.push(Edit::SetMomentOfTruth(card.id.clone(), moment));
        }
        ui.add_space(6.0);
        if let Some(notes) = self.text(ui, "card.notes", "Notes", &card.notes, 4) {
            edits.push(Edit::SetCardNotes(card.id.clone(), notes));
        }
        ui.add_space(8.0);
        if ui.button("Delete card").clicked() {
            edits.push(Edit::Remove {
                cards: vec![card.id.clone()],
                points: vec![],
            });
        }
    }

    fn point(
        &mut self,
        ui: &mut egui::Ui,
        stage: &Stage,
        point: &EmotionPoint,
        edits: &mut Vec<Edit>,
    ) {
        ui.heading("Emotion");
        ui.label(RichText::new(&stage.name).weak());
        ui.add_space(6.0);
        let mut score = point.score;
        let slider = ui.add(egui::Slider::new(&mut score, MIN_SCORE..=MAX_SCORE).text("Score"));
        self.focus.field(&slider);
        if score != point.score {
            edits.push(Edit::SetScore(point.id.clone(), score));
        }
        if let Some(label) = self.text(ui, "point.label", "Label", &point.label, 1) {
            edits.push(Edit::SetPointLabel(point.id.clone(), label));
        }
        decide::company_score(ui, point, edits);
        future::future_score(ui, point, edits);
        if ui.button("Delete point").clicked() {
            edits.push(Edit::Remove {
                cards: vec![],
                points: vec![point.id.clone()],
            });
        }
    }

    fn stage(&mut self, ui: &mut egui::Ui, map: &JourneyMap, stage: &Stage, edits: &mut Vec<Edit>) {
        ui.heading("Stage");
        ui.add_space(6.0);
        if let Some(name) = self.text(ui, "stage.name", "Name", &stage.name, 1) {
            edits.push(Edit::RenameStage(stage.id.clone(), name));
        }
        let description = self.text(
            ui,
            "stage.description",
            "Description",
            &stage.description,
            3,
        );
        let owner = self.text(ui, "stage.owner", "Owner", &stage.owner, 1);
        let metrics = self.text(ui, "stage.metrics", "Metrics, in words", &stage.metrics, 2);
        if description.is_some() || owner.is_some() || metrics.is_some() {
            edits.push(Edit::SetStageNotes {
                stage: stage.id.clone(),
                description: description.unwrap_or_else(|| stage.description.clone()),
                owner: owner.unwrap_or_else(|| stage.owner.clone()),
                metrics: metrics.unwrap_or_else(|| stage.metrics.clone()),
            });
        }
        decide::kpis(ui, stage, &mut self.kpi_name, edits);
        if let Some(pick) = colour_picker(ui, stage.colour) {
            edits.push(Edit::SetStageColour(stage.id.clone(), pick.colour()));
        }
        let index = map.stage_index(&stage.id).unwrap_or(0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new("◀ Move left"))
                .clicked()
            {
                edits.push(Edit::MoveStage(stage.id.clone(), index - 1));
            }
            if ui
                .add_enabled(
                    index + 1 < map.stages.len(),
                    egui::Button::new("Move right ▶"),
                )
                .clicked()
            {
                edits.push(Edit::MoveStage(stage.id.clone(), index + 1));
            }
        });
        ui.add_space(8.0);
        if ui.button("Delete stage and its cards").clicked() {
            edits.push(Edit::RemoveStage(stage.id.clone()));
        }
    }

    fn lane(&mut self, ui: &mut egui::Ui, map: &JourneyMap, lane: &Lane, edits: &mut Vec<Edit>) {
        ui.heading("Lane");
        ui.label(RichText::new(super::lane_kind_name(lane.kind)).weak());
        ui.add_space(6.0);
        if let Some(name) = self.text(ui, "lane.name", "Name", &lane.name, 1) {
            edits.push(Edit::RenameLane(lane.id.clone(), name));
        }
        if let Some(pick) = colour_picker(ui, lane.colour) {
            edits.push(Edit::SetLaneColour(lane.id.clone(), pick.colour()));
        }
        line_below(ui, map, lane, edits);
        let index = map.lane_index(&lane.id).unwrap_or(0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new("⏶ Move up"))
                .clicked()
            {
                edits.push(Edit::MoveLane(lane.id.clone(), index - 1));
            }
            if ui
                .add_enabled(
                    index + 1 < map.lanes.len(),
                    egui::Button::new("Move down ⏷"),
                )
                .clicked()
            {
                edits.push(Edit::MoveLane(lane.id.clone(), index + 1));
            }
        });
        ui.add_space(8.0);
        if ui.button("Delete lane and its cards").clicked() {
            edits.push(Edit::RemoveLane(lane.id.clone()));
        }
    }

    /// With nothing selected: the journey's title, scenario and persona.
    fn journey(&mut self, ui: &mut egui::Ui, map: &JourneyMap, edits: &mut Vec<Edit>) {
        ui.heading("Journey");
        ui.add_space(6.0);
        let title = self.text(ui, "map.title", "Title", &map.title, 1);
        let scenario = self.text(ui, "map.scenario", "Scenario", &map.scenario, 3);
        if title.is_some() || scenario.is_some() {
            edits.push(Edit::SetTitleAndScenario(
                title.unwrap_or_else(|| map.title.clone()),
                scenario.unwrap_or_else(|| map.scenario.clone()),
            ));
        }
        ui.separator();
        ui.heading("Persona");
        let persona = &map.persona;
        let mut changed = persona.clone();
        if let Some(name) = self.text(ui, "persona.name", "Name", &persona.name, 1) {
            changed.name = name;
        }
        if let Some(role) = self.text(ui, "persona.role", "Role", &persona.role, 1) {
            changed.role = role;
        }
        if let Some(quote) = self.text(
            ui,
            "persona.quote",
            "Quote, in their words",
            &persona.quote,
            2,
        ) {
            changed.quote = quote;
        }
        if let Some(goals) = self.text(
            ui,
            "persona.goals",
            "Goals, one per line",
            &persona.goals.join("\n"),
            4,
        ) {
            changed.goals = lines(&goals);
        }
        let expectations = persona.expectations.join("\n");
        if let Some(text) = self.text(
            ui,
            "persona.expectations",
            "Expectations, one per line",
            &expectations,
            4,
        ) {
            changed.expectations = lines(&text);
        }
        if changed != *persona {
            edits.push(Edit::SetPersona(changed));
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Select a card, a face, a stage or a lane to edit it here.").weak());
    }
}

/// Non-empty lines, trimmed.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Which pain point an opportunity answers.
fn answers_picker(ui: &mut egui::Ui, map: &JourneyMap, card: &Card, edits: &mut Vec<Edit>) {
    let pains: Vec<(String, crate::model::CardId)> = map
        .stages
        .iter()
        .flat_map(|stage| {
            stage.cards.iter().filter_map(move |c| {
                let is_pain = map
                    .lane(&c.lane)
                    .is_some_and(|l| l.kind == LaneKind::PainPoints);
                is_pain.then(|| {
                    (
                        format!("{}: {}", stage.name, shorten(&c.text, 48)),
                        c.id.clone(),
                    )
                })
            })
        })
        .collect();
    let current = card
        .answers
        .as_ref()
        .and_then(|id| pains.iter().find(|(_, p)| p == id))
        .map(|(t, _)| t.clone());
    let mut answers = card.answers.clone();
    // A map may have dozens of pain points: the list scrolls.
    picker(
        ui,
        "Answers pain point",
        current.as_deref().unwrap_or("none"),
        ListHeight::Scroll,
        |ui| {
            ui.selectable_value(&mut answers, None, "none");
            for (text, id) in &pains {
                ui.selectable_value(&mut answers, Some(id.clone()), text);
            }
        },
    );
    if answers != card.answers {
        edits.push(Edit::SetAnswers(card.id.clone(), answers));
    }
}

/// The service blueprint's line drawn under a lane, if any. A line another
/// lane has says so: picking it here moves it.
fn line_below(ui: &mut egui::Ui, map: &JourneyMap, lane: &Lane, edits: &mut Vec<Edit>) {
    let mut picked = lane.line_below;
    picker(
        ui,
        "Line below",
        picked.map_or("none", BlueprintLine::label),
        ListHeight::All,
        |ui| {
            ui.selectable_value(&mut picked, None, "none");
            for option in BlueprintLine::ALL {
                let elsewhere = (map.lanes.iter())
                    .find(|other| other.line_below == Some(option) && other.id != lane.id);
                let text = match elsewhere {
                    Some(other) => format!("{} (now under “{}”)", option.label(), other.name),
                    None => option.label().to_owned(),
                };
                ui.selectable_value(&mut picked, Some(option), text);
            }
        },
    );
    if picked != lane.line_below {
        edits.push(Edit::SetLineBelow(lane.id.clone(), picked));
    }
}

/// How tall a picker's open list may grow.
#[derive(Clone, Copy)]
enum ListHeight {
    /// Tall enough for every option, as far as the window allows: a short,
    /// fixed list should never hide an option behind a scroll bar.
    All,
    /// egui's default height, then it scrolls: for lists that grow with the map.
    Scroll,
}

/// A drop-down list under its caption, like the text fields: as wide as the
/// panel, with the current choice cut to one line. A long choice can then
/// neither squeeze the caption into a column of letters nor widen the panel.
fn picker(
    ui: &mut egui::Ui,
    caption: &str,
    selected: &str,
    height: ListHeight,
    options: impl FnOnce(&mut egui::Ui),
) {
    let label = ui.label(RichText::new(caption).small().weak());
    let mut combo = egui::ComboBox::from_id_salt(caption)
        .selected_text(selected)
        .width(ui.available_width())
        .truncate();
    if matches!(height, ListHeight::All) {
        combo = combo.height(ui.ctx().content_rect().height());
    }
    combo.show_ui(ui, options).response.labelled_by(label.id);
    ui.add_space(4.0);
}

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.chars().count() <= max && first_line.len() == text.len() {
        return first_line.to_owned();
    }
    let cut: String = first_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// What was picked in the colour row.
enum ColourPick {
    /// A palette colour.
    Colour(Colour),
    /// "none": the theme's default.
    Clear,
}

impl ColourPick {
    fn colour(self) -> Option<Colour> {
        match self {
            Self::Colour(colour) => Some(colour),
            Self::Clear => None,
        }
    }
}

/// A row of colour swatches and "none"; returns what was picked this frame.
fn colour_picker(ui: &mut egui::Ui, current: Option<Colour>) -> Option<ColourPick> {
    let mut chosen = None;
    ui.label(RichText::new("Colour").small().weak());
    ui.horizontal_wrapped(|ui| {
        for colour in PALETTE {
            let fill = Color32::from_rgb(colour.r, colour.g, colour.b);
            let selected = current == Some(colour);
            let size = egui::vec2(22.0, 22.0);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, colour.to_hex())
            });
            ui.painter().rect_filled(rect.shrink(2.0), 4.0, fill);
            if selected {
                ui.painter().rect_stroke(
                    rect,
                    4.0,
                    egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Inside,
                );
            }
            if response.clicked() && !selected {
                chosen = Some(ColourPick::Colour(colour));
            }
        }
        if ui.selectable_label(current.is_none(), "none").clicked() && current.is_some() {
            chosen = Some(ColourPick::Clear);
        }
    });
    ui.add_space(4.0);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_pain_points_are_shortened_for_the_picker() {
        assert_eq!(shorten("Short", 10), "Short");
        assert_eq!(shorten("A rather long pain point", 10), "A rather…");
        assert_eq!(shorten("Two\nlines", 10), "Two…");
    }

    #[test]
    fn goals_are_one_per_line() {
        assert_eq!(lines("  one \n\n two\n"), ["one", "two"]);
    }
}
