//! Every edit a user can make, as a value: menus, shortcuts, canvas
//! gestures and tests all go through [`Edit`] and [`History`], so undo, redo
//! and the unsaved-changes marker come for free and cannot drift.

pub mod clipboard;
mod history;
mod revert;

pub use clipboard::{PasteError, PasteTarget};
pub use history::{History, StateId};
pub use revert::revert;

use crate::model::{
    BlueprintLine, Card, CardId, Channel, Colour, EditError, JourneyMap, JourneyState, Kpi, LaneId,
    LaneKind, Persona, PointId, Severity, StageId, Votes,
};

/// One edit of the map: one undo step.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert an empty stage at an index.
    AddStage {
        /// Where, counted from the left.
        index: usize,
        /// Its name.
        name: String,
    },
    /// Rename a stage.
    RenameStage(StageId, String),
    /// Set a stage's description, owner and metrics.
    SetStageNotes {
        /// The stage.
        stage: StageId,
        /// What happens in it.
        description: String,
        /// Who owns it.
        owner: String,
        /// How it is measured.
        metrics: String,
    },
    /// Set or clear a stage's colour.
    SetStageColour(StageId, Option<Colour>),
    /// Move a stage to an index.
    MoveStage(StageId, usize),
    /// Remove a stage with its cards and points.
    RemoveStage(StageId),
    /// Insert an empty lane at an index.
    AddLane {
        /// Where, counted from the top.
        index: usize,
        /// Its name.
        name: String,
        /// What it holds.
        kind: LaneKind,
    },
    /// Rename a lane.
    RenameLane(LaneId, String),
    /// Set or clear a lane's colour.
    SetLaneColour(LaneId, Option<Colour>),
    /// Draw a blueprint line under a lane (taking it from the lane that
    /// had it), or draw none.
    SetLineBelow(LaneId, Option<BlueprintLine>),
    /// Move a lane to an index.
    MoveLane(LaneId, usize),
    /// Remove a lane with everything in it.
    RemoveLane(LaneId),
    /// Add a card to a cell.
    AddCard {
        /// The cell's stage.
        stage: StageId,
        /// The cell's lane.
        lane: LaneId,
        /// Position within the cell.
        index: usize,
        /// The card's text.
        text: String,
        /// The one state of the journey it belongs to, if only one: a card
        /// added while the future state is shown is the future's.
        state: Option<JourneyState>,
    },
    /// Put whole cards into cells (paste, duplicate); each gets a fresh id
    /// and no votes (the dots were put on the card copied).
    InsertCards(Vec<(StageId, usize, Card)>),
    /// Replace a card's text.
    SetCardText(CardId, String),
    /// Replace a card's notes.
    SetCardNotes(CardId, String),
    /// Set or clear a touchpoint's channel.
    SetChannel(CardId, Option<Channel>),
    /// Set or clear a pain point's severity.
    SetSeverity(CardId, Option<Severity>),
    /// Flag or unflag a moment of truth.
    SetMomentOfTruth(CardId, bool),
    /// Link an opportunity to the pain point it answers, or unlink it.
    SetAnswers(CardId, Option<CardId>),
    /// Put a card in one state of the journey only, or in both.
    SetCardState(CardId, Option<JourneyState>),
    /// Set or clear the future-state card an opportunity leads to.
    SetLeadsTo(CardId, Option<CardId>),
    /// Set or clear an opportunity's impact (1..=5).
    SetImpact(CardId, Option<u8>),
    /// Set or clear an opportunity's effort (1..=5).
    SetEffort(CardId, Option<u8>),
    /// Set the dots one person put on a pain point or opportunity.
    SetVotes {
        /// The card.
        card: CardId,
        /// Who voted: in a shared session, the person at this editor.
        voter: String,
        /// How many dots; zero takes theirs off.
        dots: u32,
    },
    /// Replace a stage's KPIs.
    SetKpis(StageId, Vec<Kpi>),
    /// Move a card to a cell, at a position within it.
    MoveCard {
        /// The card.
        card: CardId,
        /// The target cell's stage.
        stage: StageId,
        /// The target cell's lane.
        lane: LaneId,
        /// Position within the target cell.
        index: usize,
    },
    /// Move several cards at once (Alt+arrows on a selection of cards): the
    /// moves are made in order, each as [`Edit::MoveCard`] would make it on
    /// the map as the moves before it left it, and undone as one step.
    MoveCards(Vec<CardMove>),
    /// Remove cards and emotion points (a Delete is one step).
    Remove {
        /// Cards to remove.
        cards: Vec<CardId>,
        /// Points to remove.
        points: Vec<PointId>,
    },
    /// Add a point to an emotion lane.
    AddPoint {
        /// Its stage.
        stage: StageId,
        /// The emotion lane.
        lane: LaneId,
        /// Position among the stage's points in that lane.
        index: usize,
        /// −3..=+3.
        score: i8,
        /// A word or two.
        label: String,
    },
    /// Set a point's score.
    SetScore(PointId, i8),
    /// Set a point's label.
    SetPointLabel(PointId, String),
    /// Set or clear what the company believes the customer feels at a point.
    SetCompanyScore(PointId, Option<i8>),
    /// Set or clear what the customer should feel at a point in the future state.
    SetFutureScore(PointId, Option<i8>),
    /// Replace the persona.
    SetPersona(Persona),
    /// Replace the title and scenario.
    SetTitleAndScenario(String, String),
    /// Replace the whole map with a valid one: restoring a recovery copy or
    /// the version on disk, undoable as one step.
    ReplaceMap(Box<JourneyMap>),
}

/// One card's move in [`Edit::MoveCards`]: the same fields as
/// [`Edit::MoveCard`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardMove {
    /// The card.
    pub card: CardId,
    /// The target cell's stage.
    pub stage: StageId,
    /// The target cell's lane.
    pub lane: LaneId,
    /// Position within the target cell, counted without the card.
    pub index: usize,
}

/// What an edit created, so the editor can select it (e.g. to type into a
/// new card at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Created {
    /// Nothing new.
    Nothing,
    /// A stage.
    Stage(StageId),
    /// A lane.
    Lane(LaneId),
    /// Cards.
    Cards(Vec<CardId>),
    /// An emotion point.
    Point(PointId),
}

impl Edit {
    /// A few words for the Edit menu: "Undo move card".
    pub fn label(&self) -> &'static str {
        match self {
            Self::AddStage { .. } => "add stage",
            Self::RenameStage(..) => "rename stage",
            Self::SetStageNotes { .. } => "edit stage",
            Self::SetStageColour(..) => "recolour stage",
            Self::MoveStage(..) => "move stage",
            Self::RemoveStage(..) => "delete stage",
            Self::AddLane { .. } => "add lane",
            Self::RenameLane(..) => "rename lane",
            Self::SetLaneColour(..) => "recolour lane",
            Self::SetLineBelow(..) => "set blueprint line",
            Self::MoveLane(..) => "move lane",
            Self::RemoveLane(..) => "delete lane",
            Self::AddCard { .. } => "add card",
            Self::InsertCards(..) => "paste cards",
            Self::SetCardText(..) => "edit card",
            Self::SetCardNotes(..) => "edit notes",
            Self::SetChannel(..) => "set channel",
            Self::SetSeverity(..) => "set severity",
            Self::SetMomentOfTruth(..) => "moment of truth",
            Self::SetAnswers(..) => "link opportunity",
            Self::SetCardState(..) => "set current or future",
            Self::SetLeadsTo(..) => "link future change",
            Self::SetImpact(..) => "set impact",
            Self::SetEffort(..) => "set effort",
            Self::SetVotes { .. } => "vote",
            Self::SetKpis(..) => "edit KPIs",
            Self::MoveCard { .. } => "move card",
            Self::MoveCards(..) => "move cards",
            Self::Remove { .. } => "delete",
            Self::AddPoint { .. } => "add emotion point",
            Self::SetScore(..) => "move emotion point",
            Self::SetPointLabel(..) => "edit emotion label",
            Self::SetCompanyScore(..) => "set company belief",
            Self::SetFutureScore(..) => "set future feeling",
            Self::SetPersona(..) => "edit persona",
            Self::SetTitleAndScenario(..) => "edit title",
            Self::ReplaceMap(..) => "restore unsaved changes",
        }
    }

    /// The map as it would be after this edit, for previews while dragging.
    pub fn preview(&self, map: &JourneyMap) -> Result<JourneyMap, EditError> {
        let mut copy = map.clone();
        self.clone().apply_in_place(&mut copy)?;
        Ok(copy)
    }

    /// Applies the edit in place. A multi-item edit may fail halfway, so
    /// callers keep a copy to restore: [`History::apply`] does.
    fn apply_in_place(self, map: &mut JourneyMap) -> Result<Created, EditError> {
        match self {
            Self::AddStage { index, name } => Ok(Created::Stage(map.add_stage(index, name))),
            Self::RenameStage(id, name) => map.rename_stage(&id, name).map(nothing),
            Self::SetStageNotes {
                stage,
                description,
                owner,
                metrics,
            } => {
                let stage = map.stage_mut(&stage).ok_or(EditError::NoSuchStage(stage))?;
                stage.description = description;
                stage.owner = owner;
                stage.metrics = metrics;
                Ok(Created::Nothing)
            }
            Self::SetStageColour(id, colour) => map.set_stage_colour(&id, colour).map(nothing),
            Self::MoveStage(id, index) => map.move_stage(&id, index).map(nothing),
            Self::RemoveStage(id) => map.remove_stage(&id).map(nothing),
            Self::AddLane { index, name, kind } => {
                Ok(Created::Lane(map.add_lane(index, name, kind)))
            }
            Self::RenameLane(id, name) => map.rename_lane(&id, name).map(nothing),
            Self::SetLaneColour(id, colour) => map.set_lane_colour(&id, colour).map(nothing),
            Self::SetLineBelow(id, line) => map.set_line_below(&id, line).map(nothing),
            Self::MoveLane(id, index) => map.move_lane(&id, index).map(nothing),
            Self::RemoveLane(id) => map.remove_lane(&id).map(nothing),
            Self::AddCard {
                stage,
                lane,
                index,
                text,
                state,
            } => {
                let id = map.add_card(&stage, &lane, index, text)?;
                map.set_card_state(&id, state)?;
                Ok(Created::Cards(vec![id]))
            }
            Self::InsertCards(cards) => insert_cards(map, cards),
            Self::SetCardText(id, text) => map.set_card_text(&id, text).map(nothing),
            Self::SetCardNotes(id, notes) => map.set_card_notes(&id, notes).map(nothing),
            Self::SetChannel(id, channel) => map.set_card_channel(&id, channel).map(nothing),
            Self::SetSeverity(id, severity) => map.set_card_severity(&id, severity).map(nothing),
            Self::SetMomentOfTruth(id, flag) => map.set_moment_of_truth(&id, flag).map(nothing),
            Self::SetAnswers(id, Some(pain)) => map.link_opportunity(&id, &pain).map(nothing),
            Self::SetAnswers(id, None) => map.unlink_opportunity(&id).map(nothing),
            Self::SetCardState(id, state) => map.set_card_state(&id, state).map(nothing),
            Self::SetLeadsTo(id, target) => map.set_leads_to(&id, target).map(nothing),
            Self::SetImpact(id, impact) => map.set_impact(&id, impact).map(nothing),
            Self::SetEffort(id, effort) => map.set_effort(&id, effort).map(nothing),
            Self::SetVotes { card, voter, dots } => map.set_votes(&card, &voter, dots).map(nothing),
            Self::SetKpis(id, kpis) => map.set_kpis(&id, kpis).map(nothing),
            Self::MoveCard {
                card,
                stage,
                lane,
                index,
            } => map.move_card(&card, &stage, &lane, index).map(nothing),
            Self::MoveCards(moves) => move_cards(map, moves),
            Self::Remove { cards, points } => remove(map, cards, points),
            Self::AddPoint {
                stage,
                lane,
                index,
                score,
                label,
            } => map
                .add_point(&stage, &lane, index, score, label)
                .map(Created::Point),
            Self::SetScore(id, score) => map.set_point_score(&id, score).map(nothing),
            Self::SetPointLabel(id, label) => map.set_point_label(&id, label).map(nothing),
            Self::SetCompanyScore(id, score) => map.set_company_score(&id, score).map(nothing),
            Self::SetFutureScore(id, score) => map.set_future_score(&id, score).map(nothing),
            Self::SetPersona(persona) => {
                map.persona = persona;
                Ok(Created::Nothing)
            }
            Self::SetTitleAndScenario(title, scenario) => {
                map.title = title;
                map.scenario = scenario;
                Ok(Created::Nothing)
            }
            Self::ReplaceMap(new) => {
                *map = *new;
                Ok(Created::Nothing)
            }
        }
    }
}

/// Inserts whole cards with fresh ids. An opportunity that answers a pain
/// point inserted with it answers the new copy, so a pasted pair stays a
/// pair, and likewise for the card an opportunity leads to; links are made
/// after all cards are in, whatever their order.
fn insert_cards(
    map: &mut JourneyMap,
    cards: Vec<(StageId, usize, Card)>,
) -> Result<Created, EditError> {
    let mut renamed = std::collections::HashMap::new();
    let mut ids = Vec::new();
    let mut links = Vec::new();
    let mut leads = Vec::new();
    for (stage, index, mut card) in cards {
        let id = CardId::new(map.fresh_id("c"));
        card.votes = Votes::new();
        renamed.insert(std::mem::replace(&mut card.id, id.clone()), id.clone());
        ids.push(id.clone());
        if let Some(answers) = card.answers.take() {
            links.push((id.clone(), answers));
        }
        if let Some(target) = card.leads_to.take() {
            leads.push((id, target));
        }
        map.insert_card(&stage, index, card)?;
    }
    for (id, answers) in links {
        let answers = renamed.get(&answers).unwrap_or(&answers);
        // A card that landed outside an opportunities lane, or a link to a
        // card that is gone or not a pain point, loses the link, just as
        // `insert_card` drops fields a lane does not allow.
        map.link_opportunity(&id, answers).ok();
    }
    for (id, target) in leads {
        let target = renamed.get(&target).unwrap_or(&target);
        map.set_leads_to(&id, Some(target.clone())).ok();
    }
    Ok(Created::Cards(ids))
}

/// Makes each move in order, on the map as the moves before it left it.
fn move_cards(map: &mut JourneyMap, moves: Vec<CardMove>) -> Result<Created, EditError> {
    for CardMove {
        card,
        stage,
        lane,
        index,
    } in moves
    {
        map.move_card(&card, &stage, &lane, index)?;
    }
    Ok(Created::Nothing)
}

/// Removes the cards, then the points.
fn remove(
    map: &mut JourneyMap,
    cards: Vec<CardId>,
    points: Vec<PointId>,
) -> Result<Created, EditError> {
    for id in cards {
        map.remove_card(&id)?;
    }
    for id in points {
        map.remove_point(&id)?;
    }
    Ok(Created::Nothing)
}

/// For operations whose return value (the old value) the history does not need.
fn nothing<T>(_old: T) -> Created {
    Created::Nothing
}

#[cfg(test)]
mod tests;
