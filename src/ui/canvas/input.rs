//! What the pointer and the arrow keys do on the canvas: select, drag,
//! open text fields and the right-click menu.

use egui::{Key, Modifiers, PointerButton, Pos2, Rect};

use super::{Canvas, Frame};
use crate::edit::Edit;
use crate::model::LaneKind;
use crate::render::Hit;
use crate::ui::context_menu::{self, MenuChoice};
use crate::ui::gesture::{self, Gesture};
use crate::ui::navigate::{self, Direction};
use crate::ui::selection::Selection;

impl Canvas {
    /// Clicks, double-clicks and drags with the primary button.
    pub(super) fn pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        frame: &Frame<'_>,
        selection: &mut Selection,
        edits: &mut Vec<Edit>,
    ) {
        let Frame {
            layout,
            placement,
            map,
        } = *frame;
        if response.drag_started_by(PointerButton::Primary) {
            let (origin, shift) = ui.input(|i| (i.pointer.press_origin(), i.modifiers.shift));
            let origin = origin.unwrap_or_default();
            self.gesture = Gesture::start(
                placement.hit(origin, layout),
                layout,
                placement.to_map(origin),
                shift,
            );
            match &self.gesture {
                Gesture::Card { id, .. } if !selection.cards.contains(id) => {
                    *selection = Selection::only_card(id.clone());
                }
                Gesture::Stage { index } => {
                    gesture::select(Some(Hit::StageHeader(*index)), layout, false, selection);
                }
                Gesture::Lane { index } => {
                    gesture::select(Some(Hit::LaneLabel(*index)), layout, false, selection);
                }
                _ => {}
            }
        }
        let pointer = response.interact_pointer_pos();
        if response.dragged_by(PointerButton::Primary) {
            match &mut self.gesture {
                Gesture::Panning => self.pan += response.drag_delta(),
                Gesture::Point { lane, score, .. } => {
                    if let Some(new) =
                        pointer.and_then(|p| layout.score_at(*lane, placement.to_map(p).y))
                    {
                        *score = new;
                    }
                }
                _ => {}
            }
        }
        if response.drag_stopped() {
            let gesture = std::mem::take(&mut self.gesture);
            let at = pointer.map(|p| placement.to_map(p));
            if let (Gesture::Band { origin }, Some(at)) = (&gesture, at) {
                gesture::band_select(layout, Rect::from_two_pos(*origin, at), selection);
            }
            edits.extend(gesture.finish(layout, map, at));
        }
        let Some(at) = pointer else { return };
        if response.double_clicked() {
            // Double-clicking an empty spot adds there: a card in a card
            // lane, a point at that height in the emotion lane (whose label
            // is then typed, as a card's text is).
            let hit = placement.hit(at, layout);
            if let Some(Hit::Cell { stage, lane }) = hit
                && layout.lanes[lane].kind == LaneKind::Emotion
            {
                edits.extend(gesture::add_point(
                    layout,
                    map,
                    stage,
                    lane,
                    placement.to_map(at),
                ));
            } else {
                self.inline = gesture::inline_for(hit, layout, map);
            }
        } else if response.clicked() {
            let additive = ui.input(|i| i.modifiers.shift || i.modifiers.command);
            gesture::select(placement.hit(at, layout), layout, additive, selection);
        }
    }

    /// A right-click selects what is under the pointer (keeping a selection
    /// it is part of) and opens the menu of what can be done with it.
    pub(super) fn context_menu(
        &mut self,
        response: &egui::Response,
        frame: &Frame<'_>,
        selection: &mut Selection,
        edits: &mut Vec<Edit>,
    ) {
        let Frame {
            layout,
            placement,
            map,
        } = *frame;
        if response.secondary_clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            let hit = placement.hit(at, layout);
            let in_selection = match hit {
                Some(Hit::Card(i)) => selection.cards.contains(&layout.cards[i].id),
                Some(Hit::Point(i)) => selection.points.contains(&layout.points[i].id),
                _ => false,
            };
            if !in_selection {
                gesture::select(hit, layout, false, selection);
            }
            self.menu = Some((hit, placement.to_map(at)));
        }
        let Some((hit, at)) = self.menu else { return };
        let mut choice = MenuChoice::default();
        let shown = response.context_menu(|ui| {
            choice = context_menu::contents(ui, hit, at, layout, map);
        });
        if shown.is_none() {
            self.menu = None;
        }
        edits.extend(choice.edits);
        self.commands.extend(choice.commands);
        if choice.inline.is_some() {
            self.inline = choice.inline;
        }
    }

    /// Arrow keys move the selection, Shift+arrows extend it; the view
    /// follows. (Alt+arrows move the selected cards: commands, taken
    /// before the canvas sees the keys.)
    pub(super) fn arrow_keys(
        &mut self,
        ui: &egui::Ui,
        frame: &Frame<'_>,
        selection: &mut Selection,
    ) {
        // egui lets a plain key match with Shift held: Shift comes first.
        let pressed = |modifiers, key| ui.input_mut(|i| i.consume_key(modifiers, key));
        let mut keys = [Modifiers::SHIFT, Modifiers::NONE]
            .into_iter()
            .flat_map(|m| {
                [
                    (Key::ArrowUp, Direction::Up),
                    (Key::ArrowDown, Direction::Down),
                    (Key::ArrowLeft, Direction::Left),
                    (Key::ArrowRight, Direction::Right),
                ]
                .map(|(key, direction)| (m, key, direction))
            });
        let Some((modifiers, _, direction)) = keys.find(|&(m, key, _)| pressed(m, key)) else {
            return;
        };
        let next = if modifiers.shift {
            navigate::extend(frame.map, selection, direction)
        } else {
            navigate::step(frame.map, selection, direction)
        };
        if let Some(next) = next {
            *selection = next;
            self.reveal_pending = true;
        }
    }

    /// Where the pointer is, in map coordinates, while a drag goes on.
    pub(super) fn drag_pointer(response: &egui::Response, frame: &Frame<'_>) -> Option<Pos2> {
        response
            .interact_pointer_pos()
            .map(|p| frame.placement.to_map(p))
    }
}
