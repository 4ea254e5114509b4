//! Other formats a journey comes from or goes to: Mermaid `journey`
//! diagrams (the text format many teams start from).

pub mod mermaid;
