//! The edits a user can make to a map, as pure operations.
//!
//! Every operation keeps the map consistent: removing or moving something
//! never leaves a reference to a stage, lane or card that is gone, and a
//! card only ever carries what its lane's kind allows.

use std::collections::HashSet;

use thiserror::Error;

use super::{
    BlueprintLine, Card, CardId, Channel, Colour, EmotionPoint, JourneyMap, Lane, LaneId, LaneKind,
    MAX_DOTS, MAX_RATING, MAX_SCORE, MAX_VOTER_LEN, MIN_RATING, MIN_SCORE, PointId, Severity,
    Stage, StageId, Votes, ids,
};

/// Why an edit could not be made. The map is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// No stage has this id.
    #[error("there is no stage `{0}`")]
    NoSuchStage(StageId),
    /// No lane has this id.
    #[error("there is no lane `{0}`")]
    NoSuchLane(LaneId),
    /// No card has this id.
    #[error("there is no card `{0}`")]
    NoSuchCard(CardId),
    /// No emotion point has this id.
    #[error("there is no emotion point `{0}`")]
    NoSuchPoint(PointId),
    /// The lane is an emotion lane, which holds points, not cards.
    #[error("lane `{0}` is an emotion lane: it holds points on the curve, not cards")]
    LaneHoldsNoCards(LaneId),
    /// Emotion points can only be placed in an emotion lane.
    #[error("lane `{0}` is not an emotion lane")]
    NotAnEmotionLane(LaneId),
    /// The card is not in the kind of lane this edit needs.
    #[error("card `{card}` is not in a {} lane", needs.label())]
    WrongLaneKind {
        /// The card that was to be edited.
        card: CardId,
        /// The kind of lane the edit needs it to be in.
        needs: LaneKind,
    },
    /// An emotion score outside −3..=+3.
    #[error("an emotion score must be between {MIN_SCORE} and +{MAX_SCORE}, not {0}")]
    ScoreOutOfRange(i8),
    /// An impact or effort outside 1..=5.
    #[error("impact and effort go from {MIN_RATING} to {MAX_RATING}, not {0}")]
    RatingOutOfRange(u8),
    /// A KPI whose value or target is not on its measure's scale.
    #[error("{0} is not on the scale of {1}")]
    KpiOffScale(String, String),
    /// A KPI of the team's own without a name.
    #[error("a KPI of your own needs a name")]
    UnnamedKpi,
    /// A voter with no name or too long a name.
    #[error("a voter's name is 1 to {MAX_VOTER_LEN} characters")]
    BadVoterName,
    /// Votes on a card that is neither a pain point nor an opportunity.
    #[error("card `{0}` is not a pain point or an opportunity: only those get votes")]
    NotVotable(CardId),
}

/// What [`JourneyMap::remove_lane`] took out of the map, so it can be put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedLane {
    /// Where the lane was, counted from the top.
    pub index: usize,
    /// The lane itself.
    pub lane: Lane,
}

impl JourneyMap {
    /// An id that no stage, lane, card or point of the map has yet: `prefix`
    /// followed by one more than the largest number already used with it
    /// (and the map's [`super::IdTag`], when it is shared), or,
    /// if a hand-edited file already uses the largest number there is, the
    /// smallest number not yet used with it.
    pub fn fresh_id(&self, prefix: &str) -> String {
        let tag = self.id_tag.as_str();
        let stage_ids = self.stages.iter().map(|s| s.id.as_str());
        let lane_ids = self.lanes.iter().map(|l| l.id.as_str());
        let card_ids = self.cards().map(|c| c.id.as_str());
        let point_ids = self
            .stages
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.id.as_str()));
        let numbers: HashSet<u64> = stage_ids
            .chain(lane_ids)
            .chain(card_ids)
            .chain(point_ids)
            .filter_map(|id| ids::number_between(id, prefix, tag))
            .collect();
        let highest = numbers.iter().copied().max().unwrap_or(0);
        // `prefix` + a number is taken only if that number was parsed above,
        // so a number not in `numbers` is free; one always is.
        let next = highest
            .checked_add(1)
            .or_else(|| (1..=u64::MAX).find(|n| !numbers.contains(n)))
            .unwrap_or(0);
        format!("{prefix}{next}{tag}")
    }

    // ---- stages -------------------------------------------------------------

    /// Inserts an empty stage at `index` (clamped to the end) and returns its id.
    pub fn add_stage(&mut self, index: usize, name: impl Into<String>) -> StageId {
        let id = StageId::new(self.fresh_id("s"));
        let index = index.min(self.stages.len());
        self.stages.insert(index, Stage::new(id.clone(), name));
        id
    }

    /// Renames a stage and returns its old name.
    pub fn rename_stage(
        &mut self,
        id: &StageId,
        name: impl Into<String>,
    ) -> Result<String, EditError> {
        let stage = self.stage_or_err(id)?;
        Ok(std::mem::replace(&mut stage.name, name.into()))
    }

    /// Sets or clears a stage's colour and returns the old one.
    pub fn set_stage_colour(
        &mut self,
        id: &StageId,
        colour: Option<Colour>,
    ) -> Result<Option<Colour>, EditError> {
        let stage = self.stage_or_err(id)?;
        Ok(std::mem::replace(&mut stage.colour, colour))
    }

    /// Moves a stage to `index` (clamped to the end) and returns where it was.
    pub fn move_stage(&mut self, id: &StageId, index: usize) -> Result<usize, EditError> {
        let from = self
            .stage_index(id)
            .ok_or_else(|| EditError::NoSuchStage(id.clone()))?;
        let stage = self.stages.remove(from);
        self.stages.insert(index.min(self.stages.len()), stage);
        Ok(from)
    }

    /// Removes a stage with its cards and points, unlinks every opportunity
    /// that answered one of its pain points, and returns it with its index.
    pub fn remove_stage(&mut self, id: &StageId) -> Result<(usize, Stage), EditError> {
        let index = self
            .stage_index(id)
            .ok_or_else(|| EditError::NoSuchStage(id.clone()))?;
        let stage = self.stages.remove(index);
        let gone: HashSet<CardId> = stage.cards.iter().map(|c| c.id.clone()).collect();
        self.unlink_answers_to(&gone);
        self.unlink_leads_to(&gone);
        Ok((index, stage))
    }

    // ---- lanes --------------------------------------------------------------

    /// Inserts an empty lane at `index` (clamped to the end) and returns its id.
    pub fn add_lane(&mut self, index: usize, name: impl Into<String>, kind: LaneKind) -> LaneId {
        let id = LaneId::new(self.fresh_id("l"));
        let index = index.min(self.lanes.len());
        let lane = Lane {
            id: id.clone(),
            name: name.into(),
            kind,
            colour: None,
            line_below: None,
        };
        self.lanes.insert(index, lane);
        id
    }

    /// Renames a lane and returns its old name.
    pub fn rename_lane(
        &mut self,
        id: &LaneId,
        name: impl Into<String>,
    ) -> Result<String, EditError> {
        let lane = self.lane_or_err(id)?;
        Ok(std::mem::replace(&mut lane.name, name.into()))
    }

    /// Sets or clears a lane's colour and returns the old one.
    pub fn set_lane_colour(
        &mut self,
        id: &LaneId,
        colour: Option<Colour>,
    ) -> Result<Option<Colour>, EditError> {
        let lane = self.lane_or_err(id)?;
        Ok(std::mem::replace(&mut lane.colour, colour))
    }

    /// Draws `line` under a lane, or no line, and returns what was drawn
    /// there. A map has one line of each kind, so a line set here is taken
    /// from the lane that had it.
    pub fn set_line_below(
        &mut self,
        id: &LaneId,
        line: Option<BlueprintLine>,
    ) -> Result<Option<BlueprintLine>, EditError> {
        self.lane_or_err(id)?;
        if line.is_some() {
            for lane in &mut self.lanes {
                if lane.line_below == line && lane.id != *id {
                    lane.line_below = None;
                }
            }
        }
        let target = self.lane_or_err(id)?;
        Ok(std::mem::replace(&mut target.line_below, line))
    }

    /// Moves a lane to `index` (clamped to the end) and returns where it was.
    pub fn move_lane(&mut self, id: &LaneId, index: usize) -> Result<usize, EditError> {
        let from = self
            .lane_index(id)
            .ok_or_else(|| EditError::NoSuchLane(id.clone()))?;
        let lane = self.lanes.remove(from);
        self.lanes.insert(index.min(self.lanes.len()), lane);
        self.sort_cells();
        Ok(from)
    }

    /// Removes a lane with every card and point in it (in all stages), and
    /// unlinks every opportunity that answered a pain point in it.
    pub fn remove_lane(&mut self, id: &LaneId) -> Result<RemovedLane, EditError> {
        let index = self
            .lane_index(id)
            .ok_or_else(|| EditError::NoSuchLane(id.clone()))?;
        let lane = self.lanes.remove(index);
        let mut gone = HashSet::new();
        for stage in &mut self.stages {
            stage.points.retain(|point| point.lane != lane.id);
            if !stage.cards.iter().any(|card| card.lane == lane.id) {
                continue;
            }
            stage.cards.to_mut().retain(|card| {
                let keep = card.lane != lane.id;
                if !keep {
                    gone.insert(card.id.clone());
                }
                keep
            });
        }
        self.unlink_answers_to(&gone);
        self.unlink_leads_to(&gone);
        Ok(RemovedLane { index, lane })
    }

    // ---- cards --------------------------------------------------------------

    /// Adds a card to the cell (`stage`, `lane`) at `index` within the cell
    /// (clamped to the end) and returns its id.
    pub fn add_card(
        &mut self,
        stage: &StageId,
        lane: &LaneId,
        index: usize,
        text: impl Into<String>,
    ) -> Result<CardId, EditError> {
        self.card_lane_kind(lane)?;
        let id = CardId::new(self.fresh_id("c"));
        let card = Card::new(id.clone(), lane.clone(), text);
        self.insert_card(stage, index, card)?;
        Ok(id)
    }

    /// Inserts a whole card (from a paste or an undo) into `stage` at `index`
    /// within its lane's cell. Fields its lane does not allow are cleared,
    /// as are an impact or effort off the 1..=5 scale and votes that are not
    /// well formed, and a link to a card that is not a pain point is dropped.
    pub fn insert_card(
        &mut self,
        stage: &StageId,
        index: usize,
        mut card: Card,
    ) -> Result<(), EditError> {
        let kind = self.card_lane_kind(&card.lane)?;
        let stage_index = self
            .stage_index(stage)
            .ok_or_else(|| EditError::NoSuchStage(stage.clone()))?;
        fit_card_to_lane(&mut card, kind);
        if let Some(target) = &card.answers
            && !self.is_pain_point(target)
        {
            card.answers = None;
        }
        let lane_order = self.lane_order();
        let cards = self.stages[stage_index].cards.to_mut();
        let cell: Vec<usize> = (0..cards.len())
            .filter(|&i| cards[i].lane == card.lane)
            .collect();
        let at = cell.get(index).copied().unwrap_or(cards.len());
        cards.insert(at, card);
        sort_by_lane(cards, &lane_order, |c| &c.lane);
        Ok(())
    }

    /// Replaces a card's text and returns the old text.
    pub fn set_card_text(
        &mut self,
        id: &CardId,
        text: impl Into<String>,
    ) -> Result<String, EditError> {
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.text, text.into()))
    }

    /// Replaces a card's notes and returns the old notes.
    pub fn set_card_notes(
        &mut self,
        id: &CardId,
        notes: impl Into<String>,
    ) -> Result<String, EditError> {
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.notes, notes.into()))
    }

    /// Flags or unflags a card as a moment of truth and returns the old flag.
    pub fn set_moment_of_truth(&mut self, id: &CardId, flag: bool) -> Result<bool, EditError> {
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.moment_of_truth, flag))
    }

    /// Sets or clears a touchpoint's channel and returns the old one.
    pub fn set_card_channel(
        &mut self,
        id: &CardId,
        channel: Option<Channel>,
    ) -> Result<Option<Channel>, EditError> {
        self.require_card_kind(id, LaneKind::Touchpoints)?;
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.channel, channel))
    }

    /// Sets or clears a pain point's severity and returns the old one.
    pub fn set_card_severity(
        &mut self,
        id: &CardId,
        severity: Option<Severity>,
    ) -> Result<Option<Severity>, EditError> {
        self.require_card_kind(id, LaneKind::PainPoints)?;
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.severity, severity))
    }

    /// Moves a card to the cell (`stage`, `lane`) at `index` within that cell
    /// (counted without the card itself; clamped to the end). Moving it to a
    /// lane of another kind drops what the new lane does not allow: a pain
    /// point leaving its lane is unlinked from the opportunities answering it.
    pub fn move_card(
        &mut self,
        id: &CardId,
        stage: &StageId,
        lane: &LaneId,
        index: usize,
    ) -> Result<(), EditError> {
        let kind = self.card_lane_kind(lane)?;
        if self.stage(stage).is_none() {
            return Err(EditError::NoSuchStage(stage.clone()));
        }
        let mut card = self.take_card(id)?;
        card.lane = lane.clone();
        if kind != LaneKind::PainPoints {
            self.unlink_answers_to(&HashSet::from([card.id.clone()]));
        }
        self.insert_card(stage, index, card)
    }

    /// Removes a card, unlinks the opportunities that answered it, and
    /// returns it with its stage and its index within its cell.
    pub fn remove_card(&mut self, id: &CardId) -> Result<(StageId, usize, Card), EditError> {
        let (stage, card) = self
            .card(id)
            .ok_or_else(|| EditError::NoSuchCard(id.clone()))?;
        let stage_id = stage.id.clone();
        let index = stage
            .cards_in(&card.lane)
            .position(|c| &c.id == id)
            .unwrap_or(0);
        let card = self.take_card(id)?;
        let gone = HashSet::from([card.id.clone()]);
        self.unlink_answers_to(&gone);
        self.unlink_leads_to(&gone);
        Ok((stage_id, index, card))
    }

    /// Links an opportunity to the pain point it answers and returns the
    /// pain point it answered before, if any.
    pub fn link_opportunity(
        &mut self,
        opportunity: &CardId,
        pain_point: &CardId,
    ) -> Result<Option<CardId>, EditError> {
        self.require_card_kind(opportunity, LaneKind::Opportunities)?;
        self.require_card_kind(pain_point, LaneKind::PainPoints)?;
        let card = self.card_or_err(opportunity)?;
        Ok(card.answers.replace(pain_point.clone()))
    }

    /// Removes an opportunity's link and returns the pain point it answered.
    pub fn unlink_opportunity(
        &mut self,
        opportunity: &CardId,
    ) -> Result<Option<CardId>, EditError> {
        let card = self.card_or_err(opportunity)?;
        Ok(card.answers.take())
    }

    // ---- emotion points -----------------------------------------------------

    /// Adds a point to the emotion `lane` in `stage`, at `index` among the
    /// stage's points in that lane (clamped to the end), and returns its id.
    pub fn add_point(
        &mut self,
        stage: &StageId,
        lane: &LaneId,
        index: usize,
        score: i8,
        label: impl Into<String>,
    ) -> Result<PointId, EditError> {
        check_score(score)?;
        let id = PointId::new(self.fresh_id("p"));
        let point = EmotionPoint {
            id: id.clone(),
            lane: lane.clone(),
            score,
            company: None,
            future: None,
            label: label.into(),
        };
        self.insert_point(stage, index, point)?;
        Ok(id)
    }

    /// Inserts a whole point (from a paste or an undo) into `stage` at `index`
    /// among the stage's points in its lane.
    pub fn insert_point(
        &mut self,
        stage: &StageId,
        index: usize,
        point: EmotionPoint,
    ) -> Result<(), EditError> {
        check_score(point.score)?;
        match self.lane(&point.lane) {
            None => return Err(EditError::NoSuchLane(point.lane.clone())),
            Some(lane) if lane.kind != LaneKind::Emotion => {
                return Err(EditError::NotAnEmotionLane(point.lane.clone()));
            }
            Some(_) => {}
        }
        let stage_index = self
            .stage_index(stage)
            .ok_or_else(|| EditError::NoSuchStage(stage.clone()))?;
        let lane_order = self.lane_order();
        let points = &mut self.stages[stage_index].points;
        let cell: Vec<usize> = (0..points.len())
            .filter(|&i| points[i].lane == point.lane)
            .collect();
        let at = cell.get(index).copied().unwrap_or(points.len());
        points.insert(at, point);
        sort_by_lane(points, &lane_order, |p| &p.lane);
        Ok(())
    }

    /// Sets a point's score (−3..=+3) and returns the old score.
    pub fn set_point_score(&mut self, id: &PointId, score: i8) -> Result<i8, EditError> {
        check_score(score)?;
        let point = self.point_or_err(id)?;
        Ok(std::mem::replace(&mut point.score, score))
    }

    /// Replaces a point's label and returns the old label.
    pub fn set_point_label(
        &mut self,
        id: &PointId,
        label: impl Into<String>,
    ) -> Result<String, EditError> {
        let point = self.point_or_err(id)?;
        Ok(std::mem::replace(&mut point.label, label.into()))
    }

    /// Moves a point to `stage` at `index` among that stage's points in its
    /// lane (counted without the point itself; clamped to the end).
    pub fn move_point(
        &mut self,
        id: &PointId,
        stage: &StageId,
        index: usize,
    ) -> Result<(), EditError> {
        if self.stage(stage).is_none() {
            return Err(EditError::NoSuchStage(stage.clone()));
        }
        let (_, _, point) = self.remove_point(id)?;
        self.insert_point(stage, index, point)
    }

    /// Removes a point and returns it with its stage and its index among the
    /// stage's points in its lane.
    pub fn remove_point(
        &mut self,
        id: &PointId,
    ) -> Result<(StageId, usize, EmotionPoint), EditError> {
        for stage in &mut self.stages {
            if let Some(at) = stage.points.iter().position(|p| &p.id == id) {
                let point = stage.points.remove(at);
                let index = stage.points[..at]
                    .iter()
                    .filter(|p| p.lane == point.lane)
                    .count();
                return Ok((stage.id.clone(), index, point));
            }
        }
        Err(EditError::NoSuchPoint(id.clone()))
    }

    // ---- helpers ------------------------------------------------------------

    /// Gives every card and point without an id (left out of a
    /// hand-written file) a fresh one: `c` or `p` and the next number not
    /// used yet, in the order they appear.
    pub fn fill_missing_ids(&mut self) {
        let missing = self.cards().any(|c| c.id.as_str().is_empty())
            || self
                .stages
                .iter()
                .any(|s| s.points.iter().any(|p| p.id.as_str().is_empty()));
        if !missing {
            return;
        }
        let used: HashSet<String> = self
            .stages
            .iter()
            .map(|s| s.id.to_string())
            .chain(self.lanes.iter().map(|l| l.id.to_string()))
            .chain(self.cards().map(|c| c.id.to_string()))
            .chain(
                self.stages
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.id.to_string())),
            )
            .collect();
        let next = |prefix: &str, from: &mut u64| loop {
            *from += 1;
            let id = format!("{prefix}{from}");
            if !used.contains(&id) {
                return id;
            }
        };
        let (mut card_number, mut point_number) = (0, 0);
        for stage in &mut self.stages {
            if stage.cards.iter().any(|c| c.id.as_str().is_empty()) {
                for card in stage.cards.to_mut() {
                    if card.id.as_str().is_empty() {
                        card.id = CardId::new(next("c", &mut card_number));
                    }
                }
            }
            for point in &mut stage.points {
                if point.id.as_str().is_empty() {
                    point.id = PointId::new(next("p", &mut point_number));
                }
            }
        }
    }

    /// Puts every stage's cards and points in lane order, keeping the order
    /// within each cell: the canonical order of a saved file.
    pub fn sort_cells(&mut self) {
        let lane_order = self.lane_order();
        for stage in &mut self.stages {
            if !is_sorted_by_lane(&stage.cards, &lane_order, |c| &c.lane) {
                sort_by_lane(stage.cards.to_mut(), &lane_order, |c| &c.lane);
            }
            sort_by_lane(&mut stage.points, &lane_order, |p| &p.lane);
        }
    }

    pub(super) fn stage_or_err(&mut self, id: &StageId) -> Result<&mut Stage, EditError> {
        self.stage_mut(id)
            .ok_or_else(|| EditError::NoSuchStage(id.clone()))
    }

    fn lane_or_err(&mut self, id: &LaneId) -> Result<&mut Lane, EditError> {
        self.lane_mut(id)
            .ok_or_else(|| EditError::NoSuchLane(id.clone()))
    }

    pub(super) fn card_or_err(&mut self, id: &CardId) -> Result<&mut Card, EditError> {
        self.card_mut(id)
            .ok_or_else(|| EditError::NoSuchCard(id.clone()))
    }

    /// Sets or clears one of a point's optional scores (`field`: the
    /// company's belief, the future's), −3..=+3, and returns the old value.
    pub(super) fn replace_optional_score(
        &mut self,
        id: &PointId,
        score: Option<i8>,
        field: fn(&mut EmotionPoint) -> &mut Option<i8>,
    ) -> Result<Option<i8>, EditError> {
        if let Some(score) = score {
            check_score(score)?;
        }
        let point = self.point_or_err(id)?;
        Ok(std::mem::replace(field(point), score))
    }

    pub(super) fn point_or_err(&mut self, id: &PointId) -> Result<&mut EmotionPoint, EditError> {
        self.point_mut(id)
            .ok_or_else(|| EditError::NoSuchPoint(id.clone()))
    }

    fn lane_order(&self) -> Vec<LaneId> {
        self.lanes.iter().map(|lane| lane.id.clone()).collect()
    }

    fn card_lane_kind(&self, lane: &LaneId) -> Result<LaneKind, EditError> {
        let kind = self
            .lane(lane)
            .ok_or_else(|| EditError::NoSuchLane(lane.clone()))?
            .kind;
        if kind.holds_cards() {
            Ok(kind)
        } else {
            Err(EditError::LaneHoldsNoCards(lane.clone()))
        }
    }

    pub(super) fn require_card_kind(&self, id: &CardId, needs: LaneKind) -> Result<(), EditError> {
        let (_, card) = self
            .card(id)
            .ok_or_else(|| EditError::NoSuchCard(id.clone()))?;
        match self.lane(&card.lane) {
            Some(lane) if lane.kind == needs => Ok(()),
            _ => Err(EditError::WrongLaneKind {
                card: id.clone(),
                needs,
            }),
        }
    }

    fn is_pain_point(&self, id: &CardId) -> bool {
        self.require_card_kind(id, LaneKind::PainPoints).is_ok()
    }

    fn take_card(&mut self, id: &CardId) -> Result<Card, EditError> {
        for stage in &mut self.stages {
            if let Some(at) = stage.cards.iter().position(|c| &c.id == id) {
                return Ok(stage.cards.to_mut().remove(at));
            }
        }
        Err(EditError::NoSuchCard(id.clone()))
    }

    fn unlink_answers_to(&mut self, gone: &HashSet<CardId>) {
        self.unlink(gone, |card| &card.answers, |card| card.answers = None);
    }

    /// Clears the `leads_to` of every opportunity that leads to a card in `gone`.
    fn unlink_leads_to(&mut self, gone: &HashSet<CardId>) {
        self.unlink(gone, |card| &card.leads_to, |card| card.leads_to = None);
    }

    /// Clears (with `clear`) the `link` of every card where it names a card
    /// in `gone`; stages with nothing to clear keep sharing their cards.
    fn unlink(
        &mut self,
        gone: &HashSet<CardId>,
        link: fn(&Card) -> &Option<CardId>,
        clear: fn(&mut Card),
    ) {
        if gone.is_empty() {
            return;
        }
        let links_gone = |card: &Card| link(card).as_ref().is_some_and(|t| gone.contains(t));
        for stage in &mut self.stages {
            if !stage.cards.iter().any(links_gone) {
                continue;
            }
            for card in stage.cards.to_mut() {
                if links_gone(card) {
                    clear(card);
                }
            }
        }
    }
}

pub(super) fn check_score(score: i8) -> Result<(), EditError> {
    if (MIN_SCORE..=MAX_SCORE).contains(&score) {
        Ok(())
    } else {
        Err(EditError::ScoreOutOfRange(score))
    }
}

/// Drops what a card may not carry in a lane of `kind`, and ratings and
/// votes that are not well formed (a hand-edited clip may hold them).
pub(super) fn fit_card_to_lane(card: &mut Card, kind: LaneKind) {
    let on_scale = |r: &u8| (MIN_RATING..=MAX_RATING).contains(r);
    card.impact = card.impact.filter(on_scale);
    card.effort = card.effort.filter(on_scale);
    if card.votes.problem().is_some() {
        card.votes = card
            .votes
            .iter()
            .filter(|(voter, dots)| {
                !voter.trim().is_empty()
                    && voter.chars().count() <= MAX_VOTER_LEN
                    && (1..=MAX_DOTS).contains(dots)
            })
            .map(|(voter, dots)| (voter.to_owned(), dots))
            .collect();
    }
    if kind != LaneKind::Touchpoints {
        card.channel = None;
    }
    if kind != LaneKind::PainPoints {
        card.severity = None;
    }
    if kind != LaneKind::Opportunities {
        card.answers = None;
        card.leads_to = None;
        card.impact = None;
        card.effort = None;
    }
    if !kind.takes_votes() {
        card.votes = Votes::new();
    }
}

/// The position of an item's lane, for sorting; unknown lanes go last.
fn lane_position(lane_order: &[LaneId], lane: &LaneId) -> usize {
    lane_order
        .iter()
        .position(|known| known == lane)
        .unwrap_or(usize::MAX)
}

/// Whether `items` are already in lane order, so that sorting would not
/// change them (and a shared stage need not be copied to sort it).
fn is_sorted_by_lane<T>(
    items: &[T],
    lane_order: &[LaneId],
    lane_of: impl Fn(&T) -> &LaneId,
) -> bool {
    // Neighbours mostly share a cell: look a lane up only where it changes.
    items.windows(2).all(|pair| {
        let (one, next) = (lane_of(&pair[0]), lane_of(&pair[1]));
        one == next || lane_position(lane_order, one) <= lane_position(lane_order, next)
    })
}

/// Stable sort by the lane's position; items of an unknown lane go last.
fn sort_by_lane<T>(items: &mut [T], lane_order: &[LaneId], lane_of: impl Fn(&T) -> &LaneId) {
    items.sort_by_key(|item| lane_position(lane_order, lane_of(item)));
}
