//! The two decisions every item of a merge goes through: whether it is in
//! the result at all, and the value of each of its fields.

use super::Side;

/// A field that both sides changed, in different ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Clash {
    /// The field's name, e.g. `text`.
    pub field: &'static str,
    /// Ours, for a line: quoted and cut as [`crate::model::diff`] does.
    pub ours: String,
    /// Theirs, the same way.
    pub theirs: String,
    /// Theirs in full, for the card that shows it.
    pub theirs_in_full: String,
}

/// The fields of one item being merged, and those that clashed.
#[derive(Default)]
pub(super) struct Fields {
    clashes: Vec<Clash>,
}

impl Fields {
    /// The merged value of one field: the side that changed it, or the
    /// change both made; ours if they changed it in different ways (which
    /// is noted as a clash, `show` saying how each value reads in full).
    pub fn take<T: PartialEq + Clone>(
        &mut self,
        field: &'static str,
        base: &T,
        ours: &T,
        theirs: &T,
        show: impl Fn(&T) -> String,
    ) -> T {
        self.pick(field, [base, ours, theirs], show, |text| {
            super::super::diff::quote(text)
        })
    }

    /// Like [`Self::take`], for a field whose values read as they are
    /// (a severity, a channel) rather than as quoted text.
    pub fn take_plain<T: PartialEq + Clone>(
        &mut self,
        field: &'static str,
        base: &T,
        ours: &T,
        theirs: &T,
        show: impl Fn(&T) -> String,
    ) -> T {
        self.pick(field, [base, ours, theirs], show, str::to_owned)
    }

    /// [`Self::take`], a clash's values written by `short` from how
    /// `show` reads them.
    fn pick<T: PartialEq + Clone>(
        &mut self,
        field: &'static str,
        [base, ours, theirs]: [&T; 3],
        show: impl Fn(&T) -> String,
        short: impl Fn(&str) -> String,
    ) -> T {
        if ours == theirs || theirs == base {
            return ours.clone();
        }
        if ours == base {
            return theirs.clone();
        }
        let theirs_in_full = show(theirs);
        self.clashes.push(Clash {
            field,
            ours: short(&show(ours)),
            theirs: short(&theirs_in_full),
            theirs_in_full,
        });
        ours.clone()
    }

    /// Whether no field clashed.
    pub fn all_agree(&self) -> bool {
        self.clashes.is_empty()
    }

    /// The fields that clashed.
    pub fn into_clashes(self) -> Vec<Clash> {
        self.clashes
    }
}

/// Whether an item is in the merged map, and from which version.
#[derive(Debug)]
pub(super) enum Presence<'a, T> {
    /// Removed on one side and not changed on the other, removed on both,
    /// or in neither.
    Gone,
    /// Added on one side only.
    Added(&'a T),
    /// On both sides: its fields (and place) are merged.
    Both {
        /// As it was, if it was there.
        base: Option<&'a T>,
        /// Ours.
        ours: &'a T,
        /// Theirs.
        theirs: &'a T,
    },
    /// Changed on one side and removed on the other: kept as changed.
    Kept {
        /// The changed item.
        item: &'a T,
        /// The side that changed it.
        changed_by: Side,
    },
}

/// Decides an item's [`Presence`] from its three versions; `changed` says
/// whether a side's version differs from the base's (it is asked only
/// when there is a base's).
pub(super) fn presence<'a, T>(
    base: Option<&'a T>,
    ours: Option<&'a T>,
    theirs: Option<&'a T>,
    changed: impl Fn(&'a T, Side) -> bool,
) -> Presence<'a, T> {
    match (base, ours, theirs) {
        (base, Some(ours), Some(theirs)) => Presence::Both { base, ours, theirs },
        (None, Some(added), None) | (None, None, Some(added)) => Presence::Added(added),
        (Some(_), Some(item), None) if changed(item, Side::Ours) => Presence::Kept {
            item,
            changed_by: Side::Ours,
        },
        (Some(_), None, Some(item)) if changed(item, Side::Theirs) => Presence::Kept {
            item,
            changed_by: Side::Theirs,
        },
        _ => Presence::Gone,
    }
}
