//! Sharing a map: the CRDT replica that lives beside the model.
//!
//! A [`Replica`] is an [automerge] document holding one journey map. The
//! model never sees it: local edits cross into it in one place,
//! [`Replica::update`] (the map before and after an edit, diffed by id), and
//! remote changes come out of it in one place, [`Replica::to_map`], which
//! reads the document and repairs it the same way on every peer, so that
//! every peer shows the same valid map. Sync messages are automerge's own
//! protocol, with size limits, and bad bytes are refused with an error.
//!
//! In the editor the replica runs on a thread of its own
//! ([`ReplicaThread`]): a frame hands over each edit as the map before and
//! after it, and takes back merged maps, so neither writing nor merging
//! holds up a frame on a big map.
//!
//! # Why automerge 0.12
//!
//! Issue 13 asked us to choose among automerge (with samod), yrs and loro on
//! four points:
//!
//! 1. **Concurrent moves must not duplicate a card.** In automerge and yrs a
//!    list move is a delete plus an insert, so two people moving one card at
//!    once would leave two copies; loro's `MovableList` would not. We do not
//!    rely on the engine for this: stages, lanes, cards and points are
//!    entries of maps keyed by their stable ids, and their order is a
//!    fractional position key (`pos`, see `order`), ties broken by id. A
//!    concurrent move is then two writes of one card's `stage`, `lane` and
//!    `pos` registers, one wins on every peer, and there is exactly one
//!    card. This layout works in any of the three engines, so the point
//!    does not decide between them.
//! 2. **Concurrent edits of one text must merge.** All three have a text
//!    CRDT. Automerge's text merges concurrent splices at different places
//!    (tested here: two people editing different words of one card keep
//!    both edits), and its transactions can be isolated at the heads a
//!    local edit was based on, so an edit made on a slightly stale view
//!    still lands where the user made it.
//! 3. **Maturity.** Automerge has been developed by Ink & Switch since 2017;
//!    its Rust core has been the engine of the JavaScript package since 2.0
//!    and is used in production apps. yrs is a port of the equally mature
//!    Yjs; loro is the youngest of the three.
//! 4. **A sync server teams can run over the internet.** samod 0.16 speaks
//!    automerge-repo's sync protocol, and npm's
//!    `@automerge/automerge-repo-sync-server` was measured syncing with it
//!    (over TCP, with samod's `tokio` feature) on this machine: a team can
//!    run that stock server, or journeymap itself, with nothing written by
//!    us. samod's `tungstenite` feature pulls in OpenSSL and stays off. Yjs
//!    has y-websocket, which we did not measure; loro has no established
//!    stand-alone server.
//!
//! Automerge wins on 3 and 4 and ties on 1 and 2, so the replica uses
//! automerge 0.12 (samod comes with the networking). We never write our own
//! CRDT, sync protocol or merge: only the layout, the diff into it and the
//! repair out of it are ours.
//!
//! # Layout of the document
//!
//! ```text
//! format: 1
//! title, scenario: Text
//! persona: { name, role, quote: Text, goals, expectations: [Text] }
//! lanes:   { <id>: { name: Text, kind: "Text"|"Touchpoints"|…, colour?: "#rrggbb",
//!                    line_below?: "Interaction"|"Visibility"|"InternalInteraction", pos } }
//! stages:  { <id>: { name, description, owner, metrics: Text, colour?, pos,
//!                    kpis?: [{ measure: "nps"|"csat"|"ces"|"custom", name?,
//!                              value: f64, target?: f64, lower_is_better? }] } }
//! cards:   { <id>: { stage, lane, pos, text: Text, notes: Text, channel?,
//!                    severity?, answers?, leads_to?, state?: "Current"|"Future",
//!                    impact?: int, effort?: int,
//!                    "vote:<voter>"?: int, moment_of_truth: bool } }
//! points:  { <id>: { stage, lane, pos, score: int, company?: int, future?: int,
//!                    label: Text } }
//! ```
//!
//! A card's votes are one register per voter, `vote:Ana: 2`, right in the
//! card: in a shared session each peer writes only their own, so two
//! people voting on one card at once both count (a map of votes inside
//! the card would be created by both, and one map would win). A stage's KPIs are one list, written whole
//! when any changes: two people editing them at once end with one person's
//! list on every peer. The fields of format version 2 (impact, effort,
//! votes, KPIs, the company's score, the future state, the `InPerson`
//! channel, a lane's `line_below`) are optional
//! keys, which a journeymap that does not know them ignores, so the
//! layout's own `format` stays 1.
//!
//! Goals and expectations are lists of texts, not one text with a line
//! per goal: a list keeps a goal that contains a line break or is empty,
//! tells "no goals" from "one empty goal", and still merges two people
//! adding goals at once. Cards and points are flat maps rather than nested
//! under their stage, so moving a card to another stage is a write of its
//! `stage` register, not a delete and an insert.
//!
//! # Repair (in [`Replica::to_map`])
//!
//! Every peer reads the same document and applies the same rules, so every
//! peer shows the same map, and [`crate::model::validate`] finds nothing in it:
//!
//! - Items are ordered by `pos` and then id. An id that is not well formed is
//!   dropped; one id used by two kinds of item keeps the first of lane,
//!   stage, card, point.
//! - A card or point whose stage or lane is gone, or whose lane does not
//!   hold it (a card in the emotion lane, a point outside one), is
//!   **dropped** from the map, not re-homed. Deleting a stage deletes its
//!   cards on the deleting peer too, so dropping the card another peer
//!   added meanwhile is what the deleter asked for, and re-homing would need
//!   the deleted stage's position, which is gone with it. The card stays in
//!   the document unseen: undoing the deletion (which re-creates the stage
//!   with its id) brings it back.
//! - What a lane kind does not allow is dropped: a channel outside
//!   touchpoints, a severity outside pain points, a link outside
//!   opportunities. A link to a card that is not (or no longer) a pain point
//!   is cleared.
//! - Scores (the customer's and the company's) are clamped to −3..=+3,
//!   impact and effort to 1..=5, a voter's dots to 0..=99 (an empty or
//!   overlong voter name is dropped); a KPI whose measure is unknown or
//!   whose value is off its scale is dropped; an unknown lane kind reads as a text
//!   lane; a malformed colour, channel, severity or blueprint line reads as
//!   none; a missing or mistyped text reads as empty.
//! - A kind of blueprint line under two lanes (two people drew it at once)
//!   stays under the first of them.

mod incremental;
mod layout;
pub(crate) mod order;
mod read;
mod replica;
mod thread;
mod write;

pub use replica::{MAX_DOCUMENT_OPS, MAX_LOAD_BYTES, MAX_MESSAGE_BYTES, Peer, Replica, SyncError};
pub use thread::{ReplicaThread, Wake};

#[cfg(test)]
mod tests;
