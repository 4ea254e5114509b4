//! Other formats a journey comes from or goes to: Mermaid `journey`
//! diagrams (the text format many teams start from) and CSV of cards (the
//! spreadsheet where a workshop typed its stickies).

pub mod mermaid;
pub mod spreadsheet;
