//! Drawing a map: [`Layout`] places everything in map coordinates and the
//! [`paint`] functions turn a layout into epaint shapes. The canvas and the
//! image export both use these, so an export shows exactly what the screen
//! does, and hit-testing uses the same layout.

pub mod fonts;
mod layout;
mod legend;
pub mod matrix;
pub mod paint;
mod theme;

pub use layout::{
    ANSWERS_ARROW, CardLayout, CurveEnd, CurveEnds, Hit, LaneLayout, Layout, LineLayout,
    PersonaLayout, PointLayout, Proportions, SEVERITY_DOTS_WIDTH, StageLayout, TextCache, TextRole,
    channel_glyph,
};
pub use legend::legend;
pub use paint::{Marks, View};
pub use theme::{Theme, contrast};

#[cfg(test)]
pub(crate) mod tests;
