//! How large the emotion faces are drawn: as large as
//! [`size::FACE_RADIUS`], and smaller where a stage holds so many points
//! that faces that large would touch; never smaller than
//! [`size::MIN_FACE_RADIUS`], which a column must be wide enough for
//! instead ([`column_for_faces`]).

use std::collections::HashMap;

use super::size;
use crate::model::Stage;

/// The most points that one emotion lane has in one of `stages`.
pub(super) fn crowd(stages: &[Stage]) -> usize {
    let mut most = 0;
    let mut counts = HashMap::new();
    for stage in stages {
        counts.clear();
        for point in &stage.points {
            let count = counts.entry(&point.lane).or_insert(0);
            *count += 1;
            most = most.max(*count);
        }
    }
    most
}

/// The radius of the faces at scale 1, in columns `column_width` wide
/// (at scale 1) whose most crowded stage holds `crowd` points in a lane:
/// neighbouring faces keep [`size::FACE_GAP`] apart.
fn face_radius(column_width: f32, crowd: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a stage's points are few")]
    let spacing = column_width / (crowd as f32 + 1.0);
    // However narrow the column, faces never touch: below the least
    // radius they shrink on, where a slide's columns were forced narrow.
    ((spacing - size::FACE_GAP) / 2.0).clamp(0.5, size::FACE_RADIUS)
}

/// The radius of the faces of `stages` laid out at `scale` in columns
/// `column_width` wide (at that scale).
pub(super) fn scaled_radius(stages: &[Stage], column_width: f32, scale: f32) -> f32 {
    face_radius(column_width / scale, crowd(stages)) * scale
}

/// The width at scale 1 that a column needs for `crowd` points in a
/// stage's lane to be drawn as faces of at least [`size::MIN_FACE_RADIUS`].
pub(super) fn column_for_faces(crowd: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a stage's points are few")]
    let spaces = crowd as f32 + 1.0;
    spaces * (2.0 * size::MIN_FACE_RADIUS + size::FACE_GAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_keep_their_full_size_until_they_would_touch() {
        #[expect(clippy::float_cmp, reason = "the full size, exactly")]
        {
            assert_eq!(face_radius(size::COLUMN_WIDTH, 3), size::FACE_RADIUS);
        }
        let r = face_radius(size::COLUMN_WIDTH, 10);
        assert!(
            (size::MIN_FACE_RADIUS..size::FACE_RADIUS).contains(&r),
            "{r}"
        );
        let spacing = size::COLUMN_WIDTH / 11.0;
        assert!(spacing - 2.0 * r >= size::FACE_GAP - 1e-3);
        let r = face_radius(column_for_faces(14), 14);
        assert!((r - size::MIN_FACE_RADIUS).abs() < 1e-3, "{r}");
    }
}
