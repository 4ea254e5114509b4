//! The comments of a map file, kept beside the map (never in it) so that
//! `fmt` and saving from the editor write them back where the author put
//! them.
//!
//! Each comment belongs to an item: the entry it comes before, the entry
//! whose line it ends, or a container's opening line or end. An item is
//! found by a [`Path`] that names items with ids by their id, so a comment
//! follows its card when the card moves, and goes when the card goes.

mod lex;
pub(super) mod tree;

use std::collections::{HashMap, HashSet};

pub use tree::Notes;
use tree::{Kind, Node};

use crate::model::JourneyMap;

/// One step from the file's root to an item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// A field of a struct, or the value of a map's key, as written.
    Field(String),
    /// An item with an id, in a list of this name (`cards`, `stages`…),
    /// wherever that list is: the path of an item with an id starts here.
    Item {
        /// The name of the list the item is in.
        list: String,
        /// The item's id.
        id: String,
    },
    /// An item without an id, by its position.
    Index(usize),
}

/// Where an item is: the steps to it from the file's root (none for the
/// root itself).
pub type Path = Vec<Step>;

/// The comments of a file, by the item each belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    by_item: HashMap<Path, Notes<String>>,
    /// Every path that has a commented item inside it.
    holders: HashSet<Path>,
    /// The ids of the items with ids that have comments or commented items
    /// inside them.
    items: HashSet<String>,
}

impl Comments {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_item.is_empty()
    }

    /// The comments of the item at `path`, if it has any.
    pub fn of(&self, path: &[Step]) -> Option<&Notes<String>> {
        self.by_item.get(path)
    }

    /// Whether an item inside the one at `path` has comments.
    pub fn inside(&self, path: &[Step]) -> bool {
        self.holders.contains(path)
    }

    /// Whether the item with the id `id` (of any kind), or an item inside
    /// it, has comments: if not, its comments need not be looked up.
    pub fn on_item(&self, id: &str) -> bool {
        self.items.contains(id)
    }

    /// Every comment, each as written (in no particular order).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.by_item
            .values()
            .flat_map(Notes::iter)
            .map(String::as_str)
    }

    /// These comments, with `other`'s for the items these have none for:
    /// for a map that two files made, such as a merge of ours and theirs.
    #[must_use]
    pub fn or(mut self, other: &Self) -> Self {
        for (path, notes) in &other.by_item {
            if !self.by_item.contains_key(path) {
                self.insert(path.clone(), notes.clone());
            }
        }
        self
    }

    /// These comments with those of each item that `new_id` gives a new id
    /// (from the name of its list, `cards`, `stages`…, and its id) moved to
    /// it, all at once: for the items of theirs a merge renamed.
    #[must_use]
    pub fn renamed(self, new_id: impl Fn(&str, &str) -> Option<String>) -> Self {
        let mut renamed = Self::default();
        for (mut path, notes) in self.by_item {
            if let Some(Step::Item { list, id }) = path.first_mut()
                && let Some(to) = new_id(list, id)
            {
                *id = to;
            }
            renamed.insert(path, notes);
        }
        renamed
    }

    fn insert(&mut self, path: Path, notes: Notes<String>) {
        if let Some(Step::Item { id, .. }) = path.first() {
            self.items.insert(id.clone());
        }
        for end in 0..path.len() {
            self.holders.insert(path[..end].to_vec());
        }
        self.by_item.insert(path, notes);
    }

    /// The comments of the RON text `text`, or the byte offset where the
    /// text stops being RON. Items without ids are found by position until
    /// [`Self::name_unnamed`] names them.
    pub(super) fn read(text: &str) -> Result<Self, usize> {
        let mut comments = Self::default();
        // Most files have no comments: no need to read them twice.
        if !text.contains("//") && !text.contains("/*") {
            return Ok(comments);
        }
        let root = tree::parse(text)?;
        walk(&root, &mut Vec::new(), &mut |path, node| {
            if !node.notes.is_empty() {
                let notes = &node.notes;
                let owned = |texts: &[&str]| texts.iter().map(|&t| t.to_owned()).collect();
                comments.insert(
                    path.to_vec(),
                    Notes {
                        before: owned(&notes.before),
                        after: owned(&notes.after),
                        open: owned(&notes.open),
                        close: owned(&notes.close),
                    },
                );
            }
        });
        Ok(comments)
    }

    /// Finds the cards and emotion points that were written without an id
    /// by the ids the loader gave them. `map` is the map as read, before
    /// its cells are sorted, so its cards are in the file's order.
    pub(super) fn name_unnamed(self, map: &JourneyMap) -> Self {
        let mut named = Self::default();
        for (path, notes) in self.by_item {
            let path = match path.as_slice() {
                [
                    Step::Item { list, id },
                    Step::Field(field),
                    Step::Index(index),
                    rest @ ..,
                ] if list == "stages" => {
                    let stage = map.stages.iter().find(|s| s.id.as_str() == id);
                    let item_id = match field.as_str() {
                        "cards" => stage
                            .and_then(|s| s.cards.get(*index))
                            .map(|c| c.id.to_string()),
                        "points" => stage
                            .and_then(|s| s.points.get(*index))
                            .map(|p| p.id.to_string()),
                        _ => None,
                    };
                    match item_id {
                        Some(id) => std::iter::once(Step::Item {
                            list: field.clone(),
                            id,
                        })
                        .chain(rest.iter().cloned())
                        .collect(),
                        None => path,
                    }
                }
                _ => path,
            };
            named.insert(path, notes);
        }
        named
    }
}

/// Calls `visit` with every entry of the tree under `node` and its path,
/// `node` first.
pub(super) fn walk<'a>(
    node: &Node<'a>,
    path: &mut Path,
    visit: &mut impl FnMut(&[Step], &Node<'a>),
) {
    visit(path, node);
    match &node.kind {
        Kind::Atom(_) => {}
        Kind::Struct { fields, .. } => {
            for (name, value) in fields {
                path.push(Step::Field((*name).to_owned()));
                walk(value, path, visit);
                path.pop();
            }
        }
        Kind::Map(entries) => {
            for (key, value) in entries {
                path.push(Step::Field((*key).to_owned()));
                walk(value, path, visit);
                path.pop();
            }
        }
        Kind::Tuple { items, .. } | Kind::List(items) => {
            for (index, item) in items.iter().enumerate() {
                let mut own = item_path(path, index, item);
                walk(item, own.as_mut().unwrap_or(path), visit);
                if own.is_none() {
                    path.pop();
                }
            }
        }
    }
}

/// The path of an item with an id in a named list, which starts at it; or
/// none, with the item's index pushed onto `path`.
fn item_path(path: &mut Path, index: usize, item: &Node<'_>) -> Option<Path> {
    if let (Some(Step::Field(list)), Some(id)) = (path.last(), id_of(item)) {
        return Some(vec![Step::Item {
            list: list.clone(),
            id: id.to_owned(),
        }]);
    }
    path.push(Step::Index(index));
    None
}

/// The id of a struct with an `id: "…"` field written as a plain string.
pub(super) fn id_of<'a>(node: &Node<'a>) -> Option<&'a str> {
    let Kind::Struct { fields, .. } = &node.kind else {
        return None;
    };
    fields.iter().find_map(|(name, value)| match value.kind {
        Kind::Atom(text) if *name == "id" => text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .filter(|id| !id.is_empty() && !id.contains(['\\', '"'])),
        _ => None,
    })
}
