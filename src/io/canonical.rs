//! The canonical layout of a map file, with its comments put back.
//!
//! serde and the ron crate write the content (so a new field needs nothing
//! here); this lays it out: pretty RON indented by four spaces, except that
//! a card or emotion point sits on one line when it fits in
//! [`MAX_COLUMNS`] and holds no comment. Each comment goes back before, or
//! at the end of the line of, the item it belongs to; comments of items
//! the map no longer has go with them.

use super::comments::tree::{self, Kind, Node};
use super::comments::{Comments, Path, Step, id_of};

/// The widest a one-line card or emotion point may be, indent and comma
/// included, in characters.
pub const MAX_COLUMNS: usize = 100;

/// The lists whose items are written one to a line when they fit.
const ONE_LINE_LISTS: [&str; 2] = ["cards", "points"];

const INDENT: &str = "    ";

/// `ron` (the ron crate's output for a whole file) laid out canonically,
/// with `comments` put back; `None` if `ron` is not RON, which would be a
/// bug in the ron crate.
pub(super) fn lay_out(ron: &str, comments: &Comments) -> Option<String> {
    let root = tree::parse(ron).ok()?;
    let mut writer = Writer {
        out: String::with_capacity(ron.len()),
        comments,
    };
    let mut path = Path::new();
    let notes = comments.of(&path);
    for comment in notes.map_or(&[][..], |n| &n.before) {
        writer.out.push_str(comment);
        writer.out.push('\n');
    }
    writer.value(&root, &mut path, 0);
    writer.out.push('\n');
    for comment in notes.map_or(&[][..], |n| &n.after) {
        writer.out.push_str(comment);
        writer.out.push('\n');
    }
    Some(writer.out)
}

struct Writer<'c> {
    out: String,
    comments: &'c Comments,
}

impl Writer<'_> {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    /// One entry of a container at `depth`: its comments before, `label: `
    /// if it has one, its value, a comma and its comments after.
    fn entry(&mut self, label: Option<&str>, node: &Node<'_>, path: &mut Path, depth: usize) {
        let notes = self.comments.of(path);
        for comment in notes.map_or(&[][..], |n| &n.before) {
            self.indent(depth);
            self.out.push_str(comment);
            self.out.push('\n');
        }
        let line_start = self.out.len();
        self.indent(depth);
        if let Some(label) = label {
            self.out.push_str(label);
            self.out.push_str(": ");
        }
        if !(self.fits_on_one_line(node, path) && self.one_line(node, line_start)) {
            self.value(node, path, depth);
        }
        self.out.push(',');
        for comment in notes.map_or(&[][..], |n| &n.after) {
            self.out.push(' ');
            self.out.push_str(comment);
        }
        self.out.push('\n');
    }

    /// The entry of the item with the id `id` in the list `list`, whose
    /// path starts at it.
    fn item_entry(&mut self, list: &str, id: &str, node: &Node<'_>, depth: usize) {
        let mut own = vec![Step::Item {
            list: list.to_owned(),
            id: id.to_owned(),
        }];
        self.entry(None, node, &mut own, depth);
    }

    /// An entry with no comment inside it, as [`Self::entry`] writes it
    /// but without looking any up; `list` is the name of the list it is an
    /// item of, if it is one.
    fn plain_entry(
        &mut self,
        label: Option<&str>,
        node: &Node<'_>,
        list: Option<&str>,
        depth: usize,
    ) {
        let line_start = self.out.len();
        self.indent(depth);
        if let Some(label) = label {
            self.out.push_str(label);
            self.out.push_str(": ");
        }
        let one_line_item = list.is_some_and(|list| ONE_LINE_LISTS.contains(&list))
            && matches!(node.kind, Kind::Struct { .. });
        if !(one_line_item && self.one_line(node, line_start)) {
            self.plain_value(node, label, depth);
        }
        self.out.push_str(",\n");
    }

    /// A value with no comment inside it, as [`Self::value`] writes it;
    /// `label` is the field it is the value of, which names a list.
    fn plain_value(&mut self, node: &Node<'_>, label: Option<&str>, depth: usize) {
        let (brackets, name) = match &node.kind {
            Kind::Atom(_) | Kind::Tuple { .. } => return inline(node, &mut self.out),
            Kind::Struct { name, fields } if fields.is_empty() => {
                self.out.push_str(name.unwrap_or_default());
                return self.out.push_str("()");
            }
            Kind::List(items) if items.is_empty() => return self.out.push_str("[]"),
            Kind::Map(entries) if entries.is_empty() => return self.out.push_str("{}"),
            Kind::Struct { name, .. } => (('(', ')'), *name),
            Kind::List(_) => (('[', ']'), None),
            Kind::Map(_) => (('{', '}'), None),
        };
        self.out.push_str(name.unwrap_or_default());
        self.out.push(brackets.0);
        self.out.push('\n');
        match &node.kind {
            Kind::Struct {
                fields: entries, ..
            }
            | Kind::Map(entries) => {
                for (field, value) in entries {
                    self.plain_entry(Some(field), value, None, depth + 1);
                }
            }
            Kind::List(items) => {
                for item in items {
                    match (label, id_of(item)) {
                        (Some(list), Some(id)) if self.comments.on_item(id) => {
                            self.item_entry(list, id, item, depth + 1);
                        }
                        _ => self.plain_entry(None, item, label, depth + 1),
                    }
                }
            }
            Kind::Atom(_) | Kind::Tuple { .. } => {}
        }
        self.indent(depth);
        self.out.push(brackets.1);
    }

    /// Whether the item at `path` is one that goes on one line when it is
    /// short enough: a card or emotion point with no comment inside it.
    fn fits_on_one_line(&self, node: &Node<'_>, path: &Path) -> bool {
        let one_line_item = matches!(
            path.as_slice(),
            [Step::Item { list, .. }] if ONE_LINE_LISTS.contains(&list.as_str())
        );
        one_line_item
            && matches!(node.kind, Kind::Struct { .. })
            && !self.comments.inside(path)
            && self
                .comments
                .of(path)
                .is_none_or(|n| n.open.is_empty() && n.close.is_empty())
    }

    /// Writes `node` on one line if the line (from `line_start`) stays
    /// within [`MAX_COLUMNS`] with its comma; else writes nothing and says so.
    fn one_line(&mut self, node: &Node<'_>, line_start: usize) -> bool {
        let mark = self.out.len();
        inline(node, &mut self.out);
        if self.out[line_start..].chars().count() < MAX_COLUMNS {
            true
        } else {
            self.out.truncate(mark);
            false
        }
    }

    /// A value, laid out as pretty RON from the current column at `depth`.
    fn value(&mut self, node: &Node<'_>, path: &mut Path, depth: usize) {
        let notes = self.comments.of(path);
        let (open, close) = notes.map_or((&[][..], &[][..]), |n| (&n.open[..], &n.close[..]));
        let bare = open.is_empty() && close.is_empty();
        let (brackets, name) = match &node.kind {
            Kind::Atom(_) | Kind::Tuple { .. } => return inline(node, &mut self.out),
            Kind::Struct { name, fields } if bare && fields.is_empty() => {
                self.out.push_str(name.unwrap_or_default());
                return self.out.push_str("()");
            }
            Kind::List(items) if bare && items.is_empty() => return self.out.push_str("[]"),
            Kind::Map(entries) if bare && entries.is_empty() => return self.out.push_str("{}"),
            Kind::Struct { name, .. } => (('(', ')'), *name),
            Kind::List(_) => (('[', ']'), None),
            Kind::Map(_) => (('{', '}'), None),
        };
        self.out.push_str(name.unwrap_or_default());
        self.out.push(brackets.0);
        for comment in open {
            self.out.push(' ');
            self.out.push_str(comment);
        }
        self.out.push('\n');
        // No comment belongs inside: the entries are written without
        // making their paths (but an item with an id may have comments).
        let plain = !self.comments.inside(path);
        match &node.kind {
            Kind::Struct {
                fields: entries, ..
            }
            | Kind::Map(entries) => {
                for (label, value) in entries {
                    if plain {
                        self.plain_entry(Some(label), value, None, depth + 1);
                        continue;
                    }
                    path.push(Step::Field((*label).to_owned()));
                    self.entry(Some(label), value, path, depth + 1);
                    path.pop();
                }
            }
            Kind::List(items) => {
                let list = match path.last() {
                    Some(Step::Field(list)) => Some(list.clone()),
                    _ => None,
                };
                for (index, item) in items.iter().enumerate() {
                    match (&list, id_of(item)) {
                        (Some(list), Some(id)) if !plain || self.comments.on_item(id) => {
                            self.item_entry(list, id, item, depth + 1);
                        }
                        _ if plain => self.plain_entry(None, item, list.as_deref(), depth + 1),
                        _ => {
                            path.push(Step::Index(index));
                            self.entry(None, item, path, depth + 1);
                            path.pop();
                        }
                    }
                }
            }
            Kind::Atom(_) | Kind::Tuple { .. } => {}
        }
        for comment in close {
            self.indent(depth + 1);
            self.out.push_str(comment);
            self.out.push('\n');
        }
        self.indent(depth);
        self.out.push(brackets.1);
    }
}

/// `node` on one line: `(id: "c1", lane: "doing", text: "Searches")`.
fn inline(node: &Node<'_>, out: &mut String) {
    let (name, open, close) = match &node.kind {
        Kind::Atom(text) => return out.push_str(text),
        Kind::Struct { name, .. } | Kind::Tuple { name, .. } => (*name, '(', ')'),
        Kind::List(_) => (None, '[', ']'),
        Kind::Map(_) => (None, '{', '}'),
    };
    out.push_str(name.unwrap_or_default());
    out.push(open);
    let mut first = true;
    let mut separate = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    match &node.kind {
        Kind::Struct {
            fields: entries, ..
        }
        | Kind::Map(entries) => {
            for (label, value) in entries {
                separate(out);
                out.push_str(label);
                out.push_str(": ");
                inline(value, out);
            }
        }
        Kind::Tuple { items, .. } | Kind::List(items) => {
            for item in items {
                separate(out);
                inline(item, out);
            }
        }
        Kind::Atom(_) => {}
    }
    out.push(close);
}
