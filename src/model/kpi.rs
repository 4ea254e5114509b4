//! Typed stage KPIs: the numbers a team measures a stage by, each on its
//! own scale and with an optional target.

use serde::{Deserialize, Serialize};

/// What a [`Kpi`] measures, which decides its scale.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// Net Promoter Score: promoters' share minus detractors', −100..=100.
    Nps,
    /// Customer satisfaction: the share of satisfied customers, 0..=100 %.
    Csat,
    /// Customer effort score, the mean answer on a 1..=7 scale.
    Ces,
    /// A number of the team's own, named, e.g. "Days to refund".
    Custom(String),
}

impl Measure {
    /// The measures a menu offers, the team's own one with an empty name.
    pub fn choices() -> [Self; 4] {
        [
            Self::Nps,
            Self::Csat,
            Self::Ces,
            Self::Custom(String::new()),
        ]
    }

    /// A short name for the measure, e.g. `NPS` or the custom name.
    pub fn name(&self) -> &str {
        match self {
            Self::Nps => "NPS",
            Self::Csat => "CSAT",
            Self::Ces => "CES",
            Self::Custom(name) => name,
        }
    }

    /// The kind of measure for a menu or a report: `nps`, `csat`, `ces`, `custom`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Nps => "nps",
            Self::Csat => "csat",
            Self::Ces => "ces",
            Self::Custom(_) => "custom",
        }
    }

    /// The values the measure can take, lowest and highest; a custom
    /// number may be any finite number.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Self::Nps => (-100.0, 100.0),
            Self::Csat => (0.0, 100.0),
            Self::Ces => (1.0, 7.0),
            Self::Custom(_) => (f64::MIN, f64::MAX),
        }
    }

    /// Whether `value` is on the measure's scale (and a number at all).
    pub fn allows(&self, value: f64) -> bool {
        let (low, high) = self.range();
        value.is_finite() && (low..=high).contains(&value)
    }

    /// The value as a report writes it: NPS signed (`+32`), CSAT with `%`,
    /// others as the number, with at most one decimal and none when whole.
    pub fn show(&self, value: f64) -> String {
        let number = short_number(value);
        match self {
            Self::Nps if value > 0.0 => format!("+{number}"),
            Self::Csat => format!("{number}%"),
            _ => number,
        }
    }
}

/// `value` with at most one decimal, none when whole: `4`, `4.5`, `-12`.
pub fn short_number(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths == 0.0 {
        // Not `-0` for a small negative value.
        "0".to_owned()
    } else if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// One number a stage is measured by, e.g. NPS +12 against a target of +30.
///
/// Values are finite and on their measure's scale (validation sees to it),
/// so two KPIs are equal exactly when their numbers are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// What is measured.
    pub measure: Measure,
    /// The latest value, on the measure's scale.
    pub value: f64,
    /// The value the team aims for, on the same scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Lower values are better (a custom "days to refund", or a CES asked
    /// as "how much effort did it take"); otherwise higher values are.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lower_is_better: bool,
}

// Validation refuses NaN (and every non-finite number), the one value that
// is not equal to itself, so equality of KPIs is an equivalence.
impl Eq for Kpi {}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

impl Kpi {
    /// A KPI with a value and no target.
    pub fn new(measure: Measure, value: f64) -> Self {
        Self {
            measure,
            value,
            target: None,
            lower_is_better: false,
        }
    }

    /// Whether the value meets the target; `None` without a target.
    pub fn meets_target(&self) -> Option<bool> {
        let target = self.target?;
        Some(if self.lower_is_better {
            self.value <= target
        } else {
            self.value >= target
        })
    }

    /// One line for a report: `NPS +12 (target +30)`.
    pub fn summary(&self) -> String {
        let value = self.measure.show(self.value);
        match self.target {
            Some(target) => format!(
                "{} {value} (target {})",
                self.measure.name(),
                self.measure.show(target)
            ),
            None => format!("{} {value}", self.measure.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_met_on_the_better_side_of_it() {
        let mut nps = Kpi::new(Measure::Nps, 12.0);
        assert_eq!(nps.meets_target(), None);
        nps.target = Some(30.0);
        assert_eq!(nps.meets_target(), Some(false));
        let mut days = Kpi::new(Measure::Custom("Days to refund".into()), 3.0);
        days.target = Some(5.0);
        days.lower_is_better = true;
        assert_eq!(days.meets_target(), Some(true));
    }

    #[test]
    fn values_read_as_a_team_writes_them() {
        let mut nps = Kpi::new(Measure::Nps, 12.0);
        nps.target = Some(30.0);
        assert_eq!(nps.summary(), "NPS +12 (target +30)");
        assert_eq!(Kpi::new(Measure::Csat, 78.25).summary(), "CSAT 78.3%");
        assert_eq!(Kpi::new(Measure::Ces, 4.0).summary(), "CES 4");
        assert_eq!(short_number(-0.04), "0");
    }

    #[test]
    fn each_measure_has_its_scale() {
        assert!(Measure::Nps.allows(-100.0) && !Measure::Nps.allows(101.0));
        assert!(Measure::Csat.allows(0.0) && !Measure::Csat.allows(-1.0));
        assert!(Measure::Ces.allows(7.0) && !Measure::Ces.allows(0.5));
        assert!(!Measure::Custom("x".into()).allows(f64::NAN));
    }
}
