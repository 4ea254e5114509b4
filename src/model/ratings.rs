//! The operations on what a team records to decide with: the company's
//! belief at each emotion point, opportunities' impact and effort, dot
//! votes and stage KPIs.

use super::{
    CardId, EditError, JourneyMap, Kpi, LaneKind, MAX_RATING, MAX_VOTER_LEN, MIN_RATING, Measure,
    PointId, StageId,
};

impl JourneyMap {
    /// Sets or clears what the company believes the customer feels at a
    /// point (−3..=+3) and returns the old value.
    pub fn set_company_score(
        &mut self,
        id: &PointId,
        score: Option<i8>,
    ) -> Result<Option<i8>, EditError> {
        self.replace_optional_score(id, score, |point| &mut point.company)
    }

    /// Sets or clears an opportunity's impact (1..=5) and returns the old one.
    pub fn set_impact(&mut self, id: &CardId, impact: Option<u8>) -> Result<Option<u8>, EditError> {
        check_rating(impact)?;
        self.require_card_kind(id, LaneKind::Opportunities)?;
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.impact, impact))
    }

    /// Sets or clears an opportunity's effort (1..=5) and returns the old one.
    pub fn set_effort(&mut self, id: &CardId, effort: Option<u8>) -> Result<Option<u8>, EditError> {
        check_rating(effort)?;
        self.require_card_kind(id, LaneKind::Opportunities)?;
        let card = self.card_or_err(id)?;
        Ok(std::mem::replace(&mut card.effort, effort))
    }

    /// Sets the dots `voter` put on a pain point or opportunity (zero takes
    /// them off) and returns how many they had there.
    pub fn set_votes(&mut self, id: &CardId, voter: &str, dots: u32) -> Result<u32, EditError> {
        if voter.trim().is_empty() || voter.chars().count() > MAX_VOTER_LEN {
            return Err(EditError::BadVoterName);
        }
        let (_, card) = self
            .card(id)
            .ok_or_else(|| EditError::NoSuchCard(id.clone()))?;
        let votable = self.lane(&card.lane).is_some_and(|l| l.kind.takes_votes());
        if !votable {
            return Err(EditError::NotVotable(id.clone()));
        }
        let card = self.card_or_err(id)?;
        let old = card.votes.of(voter);
        card.votes.set(voter, dots);
        Ok(old)
    }

    /// Replaces a stage's KPIs and returns the old ones. Every value and
    /// target must be on its measure's scale, and a custom KPI named.
    pub fn set_kpis(&mut self, id: &StageId, kpis: Vec<Kpi>) -> Result<Vec<Kpi>, EditError> {
        for kpi in &kpis {
            if matches!(&kpi.measure, Measure::Custom(name) if name.trim().is_empty()) {
                return Err(EditError::UnnamedKpi);
            }
            for value in std::iter::once(kpi.value).chain(kpi.target) {
                if !kpi.measure.allows(value) {
                    return Err(EditError::KpiOffScale(
                        value.to_string(),
                        kpi.measure.name().to_owned(),
                    ));
                }
            }
        }
        let stage = self.stage_or_err(id)?;
        Ok(std::mem::replace(&mut stage.kpis, kpis))
    }
}

fn check_rating(rating: Option<u8>) -> Result<(), EditError> {
    match rating {
        Some(r) if !(MIN_RATING..=MAX_RATING).contains(&r) => Err(EditError::RatingOutOfRange(r)),
        _ => Ok(()),
    }
}
