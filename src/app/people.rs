//! The people in a shared map, on the editor's side: what this editor shows
//! the others (name, colour, selection, typing, view), their selections on
//! the canvas, the strip of who is here, following someone's view, and
//! asking for my name the first time.

use std::collections::HashSet;

use super::{JourneyApp, Modal};
use crate::net::{Person, PersonId, Presence, Selected, Typing, Viewpoint};
use crate::ui::inline_edit::Target;
use crate::ui::presence::{NameAction, NameDialog, Other, StripAction, StripView};

/// Who is here and what I do about them, while the map is shared.
#[derive(Debug, Default)]
pub(super) struct Crowd {
    /// The others, as the session last said.
    pub(super) people: Vec<Person>,
    /// Whom I follow.
    following: Option<PersonId>,
    /// Whether I ask everyone to follow me.
    leading: bool,
    /// The people whose request to follow them I already acted on (or
    /// declined), so that stopping is not undone at once.
    leads_seen: HashSet<PersonId>,
    /// What I last showed the others.
    shown: Option<Presence>,
}

impl JourneyApp {
    /// The other people in the shared map, in the order they came; empty
    /// if the map is not shared.
    pub fn people(&self) -> &[Person] {
        self.sharing
            .as_ref()
            .map_or(&[], |sharing| sharing.crowd.people.as_slice())
    }

    /// Whom I follow, if anyone.
    pub fn following(&self) -> Option<&Person> {
        let crowd = &self.sharing.as_ref()?.crowd;
        let id = crowd.following?;
        crowd.people.iter().find(|p| p.id == id)
    }

    /// Follows `person`'s view (zoom and scroll) until I move mine.
    pub fn follow(&mut self, person: PersonId) {
        if let Some(sharing) = &mut self.sharing {
            sharing.crowd.following = Some(person);
            sharing.crowd.leading = false;
        }
    }

    /// Stops following; returns whether I was following someone.
    pub fn stop_following(&mut self) -> bool {
        self.sharing
            .as_mut()
            .and_then(|sharing| sharing.crowd.following.take())
            .is_some()
    }

    /// Asks everyone to follow my view (`true`), or stops asking.
    pub fn ask_everyone_to_follow(&mut self, on: bool) {
        if let Some(sharing) = &mut self.sharing {
            sharing.crowd.leading = on;
            if on {
                sharing.crowd.following = None;
            }
        }
    }

    /// Whether I ask everyone to follow my view.
    pub fn is_leading(&self) -> bool {
        self.sharing
            .as_ref()
            .is_some_and(|sharing| sharing.crowd.leading)
    }

    /// Takes in who is here now: somebody newly asking everyone to follow
    /// is followed; somebody followed who left is not any more.
    pub(super) fn take_people(&mut self, people: Vec<Person>) {
        let Some(sharing) = &mut self.sharing else {
            return;
        };
        let crowd = &mut sharing.crowd;
        crowd
            .leads_seen
            .retain(|id| people.iter().any(|p| p.id == *id && p.presence.leading));
        for person in people.iter().filter(|p| p.presence.leading) {
            if crowd.leads_seen.insert(person.id) && !crowd.leading {
                crowd.following = Some(person.id);
            }
        }
        let gone = crowd
            .following
            .filter(|id| !people.iter().any(|p| p.id == *id))
            .and_then(|id| crowd.people.iter().find(|p| p.id == id))
            .map(|p| p.name().to_owned());
        crowd.people = people;
        if let Some(name) = gone {
            crowd.following = None;
            self.notify(format!("{name} left; you no longer follow anyone."));
        }
    }

    /// Before the canvas is drawn: look where the person I follow looks,
    /// and outline the others' selections.
    pub(super) fn look_with_others(&mut self) {
        let Some(sharing) = &self.sharing else {
            self.canvas.set_others(Vec::new());
            return;
        };
        let others = sharing.crowd.people.iter().map(Other::of).collect();
        let view = self.following().and_then(|person| person.presence.view);
        self.canvas.set_others(others);
        if let Some(view) = view {
            let [x, y] = view.centre();
            self.canvas.look_at(view.zoom(), egui::pos2(x, y));
        }
    }

    /// After the canvas is drawn: moving the view myself stops following.
    pub(super) fn after_canvas(&mut self) {
        if self.canvas.take_moved_by_user() {
            self.stop_following();
        }
    }

    /// What this editor shows the others now.
    fn presence(&self, leading: bool) -> Presence {
        let selection = &self.selection;
        let typing = self
            .canvas
            .inline
            .as_ref()
            .map(|inline| match &inline.target {
                Target::Card(id) => Typing::Card(id.clone()),
                Target::NewCard { stage, lane, .. } => Typing::NewCard {
                    stage: stage.clone(),
                    lane: lane.clone(),
                },
                Target::PointLabel(id) => Typing::Point(id.clone()),
                Target::StageName(id) => Typing::Stage(id.clone()),
                Target::LaneName(id) => Typing::Lane(id.clone()),
            });
        let view = self
            .canvas
            .viewpoint()
            .and_then(|(zoom, centre)| Viewpoint::new(zoom, [centre.x, centre.y]));
        Presence {
            name: self.prefs.name.clone(),
            colour: self.prefs.colour,
            selected: Selected {
                cards: selection.cards.clone(),
                points: selection.points.clone(),
                stage: selection.stage.clone(),
                lane: selection.lane.clone(),
            },
            typing,
            view,
            leading,
        }
    }

    /// Tells the session what this editor shows, if it changed.
    pub(super) fn send_presence(&mut self) {
        let Some(leading) = self.sharing.as_ref().map(|s| s.crowd.leading) else {
            return;
        };
        let presence = self.presence(leading);
        let Some(sharing) = &mut self.sharing else {
            return;
        };
        if sharing.crowd.shown.as_ref() != Some(&presence) {
            sharing.set_presence(presence.clone());
            sharing.crowd.shown = Some(presence);
        }
    }

    /// The strip under the menu bar while the map is shared.
    pub(super) fn people_strip(&mut self, ui: &mut egui::Ui) {
        let Some(sharing) = &self.sharing else {
            return;
        };
        let view = StripView {
            name: &self.prefs.name,
            colour: self.prefs.colour,
            people: &sharing.crowd.people,
            following: self.following().map(|p| p.id),
            leading: sharing.crowd.leading,
        };
        match crate::ui::presence::strip(ui, &view) {
            None => {}
            Some(StripAction::Follow(id)) => self.follow(id),
            Some(StripAction::StopFollowing) => {
                self.stop_following();
            }
            Some(StripAction::Lead(on)) => self.ask_everyone_to_follow(on),
            Some(StripAction::EditName) => self.ask_name(),
        }
    }

    /// Asks for my name and colour (File › Your name and colour…).
    pub fn ask_name(&mut self) {
        let dialog = NameDialog::new(&self.prefs.name, self.prefs.colour);
        self.show_modal(Modal::Name(dialog));
    }

    /// Asks for my name if I never gave one: the first time I share or join.
    pub(super) fn ask_name_once(&mut self) {
        if self.prefs.name.is_empty() {
            self.ask_name();
        }
    }

    /// Whether the name dialog is open.
    pub fn is_asking_name(&self) -> bool {
        matches!(self.modal, Some(Modal::Name(_)))
    }

    /// The name dialog; returns it if it stays open.
    pub(super) fn name_window(
        &mut self,
        ctx: &egui::Context,
        mut dialog: NameDialog,
    ) -> Option<NameDialog> {
        let taken: Vec<_> = self.people().iter().map(|p| p.presence.colour).collect();
        match dialog.show(ctx, &taken) {
            None => return Some(dialog),
            Some(NameAction::Done { name, colour }) => {
                self.prefs.name = name;
                self.prefs.colour = colour;
            }
            Some(NameAction::Cancel) => {}
        }
        None
    }
}
