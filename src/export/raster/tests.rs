use std::sync::Arc;

use egui::epaint::text::{FontDefinitions, TextOptions};
use egui::epaint::textures::{TextureOptions, TexturesDelta};
use egui::epaint::{
    ClippedPrimitive, ClippedShape, Color32, ColorImage, FontId, Fonts, ImageDelta, Mesh,
    PaintCallback, Pos2, Primitive, Rect, RectShape, Shape, Stroke, StrokeKind,
    TessellationOptions, Tessellator, TextureId, Vertex, pos2,
};
use image::{Rgba, RgbaImage};

use super::{MAX_SIDE, RasterError, Target, Textures, rasterize, rasterize_on, rasterize_reusing};

const RED: Color32 = Color32::from_rgb(255, 0, 0);

fn white_textures() -> Textures {
    let mut t = Textures::new();
    t.insert(
        TextureId::default(),
        ColorImage::filled([2, 2], Color32::WHITE),
    )
    .unwrap();
    t
}

fn prim(clip_rect: Rect, mesh: Mesh) -> ClippedPrimitive {
    ClippedPrimitive {
        clip_rect,
        primitive: Primitive::Mesh(mesh),
    }
}

fn rect_mesh(rect: Rect, color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(rect, color);
    mesh
}

fn render(prims: &[ClippedPrimitive], size: [u32; 2], ppp: f32, bg: Color32) -> RgbaImage {
    rasterize(prims, &white_textures(), size, ppp, bg).unwrap()
}

/// The centre of pixel `(x, y)`.
fn centre(x: u32, y: u32) -> Pos2 {
    let f = |v: u32| f32::from(u16::try_from(v).unwrap()) + 0.5;
    pos2(f(x), f(y))
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
    Rect::from_min_max(pos2(x0, y0), pos2(x1, y1))
}

/// Pixels equal to `inside` where `f(x, y)`, and to `outside` elsewhere.
fn assert_pixels(img: &RgbaImage, inside: [u8; 4], outside: [u8; 4], f: impl Fn(u32, u32) -> bool) {
    for (x, y, p) in img.enumerate_pixels() {
        let want = if f(x, y) { inside } else { outside };
        assert_eq!(p.0, want, "pixel ({x}, {y})");
    }
}

#[test]
fn solid_rect_and_triangle_fill_exact_pixels() {
    let img = render(
        &[prim(
            Rect::EVERYTHING,
            rect_mesh(rect(2.0, 3.0, 6.0, 5.0), RED),
        )],
        [10, 10],
        1.0,
        Color32::TRANSPARENT,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |x, y| {
        (2..6).contains(&x) && (3..5).contains(&y)
    });

    // Points are scaled by pixels_per_point.
    let img = render(
        &[prim(
            Rect::EVERYTHING,
            rect_mesh(rect(1.0, 1.0, 2.0, 2.0), RED),
        )],
        [8, 8],
        2.0,
        Color32::TRANSPARENT,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |x, y| {
        (2..4).contains(&x) && (2..4).contains(&y)
    });

    // Right triangle: centres on the hypotenuse (x + y == 7) belong to no one here,
    // since it is a bottom-right edge; the left and top edges never cross centres.
    let mut mesh = Mesh::default();
    for p in [pos2(0.0, 0.0), pos2(8.0, 0.0), pos2(0.0, 8.0)] {
        mesh.colored_vertex(p, Color32::BLUE);
    }
    mesh.add_triangle(0, 1, 2);
    let img = render(
        &[prim(Rect::EVERYTHING, mesh)],
        [10, 10],
        1.0,
        Color32::WHITE,
    );
    assert_pixels(&img, [0, 0, 255, 255], [255; 4], |x, y| x + y <= 6);
}

#[test]
fn edges_through_pixel_centres_follow_top_left_rule() {
    // Left edge on centres 0.5 is in, right edge on 2.5 is out; same for top/bottom.
    let img = render(
        &[prim(
            Rect::EVERYTHING,
            rect_mesh(rect(0.5, 0.5, 2.5, 2.5), RED),
        )],
        [4, 4],
        1.0,
        Color32::TRANSPARENT,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |x, y| x < 2 && y < 2);
}

#[test]
fn shared_edges_leave_no_gap_and_no_seam() {
    // Half-transparent red (premultiplied 128,0,0,128) over white: 128 + 255·(1 − 128/255).
    let color = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    let once = [255, 127, 127, 255];
    // An irregular convex quad cut along a diagonal, the two halves wound oppositely,
    // plus an axis-aligned square whose diagonal runs exactly through pixel centres.
    let quad = [
        pos2(1.3, 0.7),
        pos2(13.6, 2.2),
        pos2(11.1, 14.4),
        pos2(0.4, 9.9),
    ];
    let mut mesh = Mesh::default();
    for p in quad {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 3, 2);
    let square = [
        pos2(16.0, 0.0),
        pos2(24.0, 0.0),
        pos2(24.0, 8.0),
        pos2(16.0, 8.0),
    ];
    for p in square {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(4, 5, 6);
    mesh.add_triangle(6, 7, 4);
    let img = render(
        &[prim(Rect::EVERYTHING, mesh)],
        [26, 16],
        1.0,
        Color32::WHITE,
    );

    let inside = |poly: &[Pos2], x: f32, y: f32| {
        (0..poly.len()).all(|i| {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) >= 0.0
        })
    };
    for (x, y, p) in img.enumerate_pixels() {
        let Pos2 { x: cx, y: cy } = centre(x, y);
        let covered = inside(&quad, cx, cy) || (16..24).contains(&x) && y < 8;
        // Every pixel is blended once or not at all.
        assert!(
            p.0 == once || p.0 == [255; 4],
            "pixel ({x}, {y}) = {:?}",
            p.0
        );
        if covered {
            assert_eq!(p.0, once, "gap at ({x}, {y})");
        }
    }
}

#[test]
fn clip_rect_cuts_mesh_rounded_like_egui_glow() {
    let mesh = rect_mesh(rect(0.0, 0.0, 10.0, 10.0), RED);
    // 1.3 → 1 and 4.6 → 5 (rounded, as egui_glow's scissor).
    let img = render(
        &[prim(rect(1.3, 2.0, 4.6, 7.0), mesh)],
        [10, 10],
        1.0,
        Color32::TRANSPARENT,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |x, y| {
        (1..5).contains(&x) && (2..7).contains(&y)
    });
    // In points: (1, 1)–(2.2, 3) at 2 ppp is pixels 2..4 × 2..6.
    let mesh = rect_mesh(rect(0.0, 0.0, 10.0, 10.0), RED);
    let img = render(
        &[prim(rect(1.0, 1.0, 2.2, 3.0), mesh)],
        [10, 10],
        2.0,
        Color32::TRANSPARENT,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |x, y| {
        (2..4).contains(&x) && (2..6).contains(&y)
    });
}

#[test]
fn premultiplied_blending_over_white_and_transparent() {
    let half_red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    assert_eq!(half_red.to_array(), [128, 0, 0, 128]);
    let one = [prim(
        Rect::EVERYTHING,
        rect_mesh(rect(0.0, 0.0, 2.0, 2.0), half_red),
    )];
    assert_eq!(
        render(&one, [2, 2], 1.0, Color32::WHITE).get_pixel(1, 1).0,
        [255, 127, 127, 255]
    );
    // Straight alpha out: the colour is un-premultiplied, alpha kept.
    assert_eq!(
        render(&one, [2, 2], 1.0, Color32::TRANSPARENT)
            .get_pixel(1, 1)
            .0,
        [255, 0, 0, 128]
    );
    // Twice over transparent: alpha = 128·(1 − 128/255) + 128 = 191.75 → 192 (ONE_MINUS_DST_ALPHA, ONE).
    let two = [one[0].clone(), one[0].clone()];
    let p = render(&two, [2, 2], 1.0, Color32::TRANSPARENT)
        .get_pixel(0, 0)
        .0;
    assert_eq!(p[3], 192);
    assert_eq!(p[1..3], [0, 0]);
    // A half-transparent background stays half-transparent where nothing is drawn.
    let bg = Color32::from_rgba_unmultiplied(0, 0, 255, 64);
    assert_eq!(
        render(&[], [1, 1], 1.0, bg).get_pixel(0, 0).0,
        [0, 0, 255, 64]
    );
}

fn textured_quad(size: [f32; 2], uv: Rect) -> Vec<ClippedPrimitive> {
    let mut mesh = Mesh::with_texture(TextureId::User(7));
    mesh.add_rect_with_uv(rect(0.0, 0.0, size[0], size[1]), uv, Color32::WHITE);
    vec![prim(Rect::EVERYTHING, mesh)]
}

fn black_white(options: TextureOptions) -> Textures {
    let mut t = Textures::new();
    let image = ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]);
    t.insert_with_options(TextureId::User(7), image, options)
        .unwrap();
    t
}

fn row_red(img: &RgbaImage) -> Vec<u8> {
    (0..img.width()).map(|x| img.get_pixel(x, 0)[0]).collect()
}

#[test]
fn bilinear_sampling_between_two_texels() {
    // 4 pixels over 2 texels: texel coords 0.25, 0.75, 1.25, 1.75 → weights 0, ¼, ¾, 1.
    let quad = textured_quad([4.0, 1.0], rect(0.0, 0.0, 1.0, 1.0));
    let img = rasterize(
        &quad,
        &black_white(TextureOptions::LINEAR),
        [4, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 64, 191, 255]);
    assert!(img.pixels().all(|p| p[3] == 255));
    // Clamp to edge: uv far outside 0..1 gives the edge texels.
    let outside = textured_quad([4.0, 1.0], rect(-3.0, 0.0, 4.0, 1.0));
    let img = rasterize(
        &outside,
        &black_white(TextureOptions::LINEAR),
        [4, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 0, 255, 255]);
    // Nearest filtering, honoured from the texture options.
    let img = rasterize(
        &quad,
        &black_white(TextureOptions::NEAREST),
        [4, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 0, 255, 255]);
    // Repeat wrapping: uv 0..2 tiles the texture twice.
    let quad = textured_quad([4.0, 1.0], rect(0.0, 0.0, 2.0, 1.0));
    let img = rasterize(
        &quad,
        &black_white(TextureOptions::NEAREST_REPEAT),
        [4, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 255, 0, 255]);
    let img = rasterize(
        &quad,
        &black_white(TextureOptions::NEAREST_MIRRORED_REPEAT),
        [4, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 255, 255, 0]);
    // Minification picks the minification filter: 1 pixel over 2 texels.
    let quad = textured_quad([1.0, 1.0], rect(0.0, 0.0, 1.0, 1.0));
    let mixed = TextureOptions {
        minification: egui::epaint::textures::TextureFilter::Nearest,
        ..TextureOptions::LINEAR
    };
    let img = rasterize(
        &quad,
        &black_white(mixed),
        [1, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [255]); // nearest at texel coordinate 1.0 is the white texel
}

#[test]
fn texture_updates_whole_and_partial() {
    let mut delta = TexturesDelta::default();
    let id = TextureId::User(7);
    delta.push(
        id,
        ImageDelta::full(
            ColorImage::filled([2, 1], Color32::BLACK),
            TextureOptions::NEAREST,
        ),
    );
    delta.push(
        id,
        ImageDelta::partial(
            [1, 0],
            ColorImage::filled([1, 1], Color32::WHITE),
            TextureOptions::NEAREST,
        ),
    );
    let mut textures = Textures::new();
    textures.apply(&mut delta).unwrap();
    assert!(delta.is_empty());
    let img = rasterize(
        &textured_quad([2.0, 1.0], rect(0.0, 0.0, 1.0, 1.0)),
        &textures,
        [2, 1],
        1.0,
        Color32::TRANSPARENT,
    )
    .unwrap();
    assert_eq!(row_red(&img), [0, 255]);

    let patch = ImageDelta::partial(
        [2, 0],
        ColorImage::filled([1, 1], Color32::WHITE),
        TextureOptions::NEAREST,
    );
    assert!(matches!(
        textures.set(id, &patch),
        Err(RasterError::InvalidTexture { .. })
    ));
    let bad = ColorImage {
        size: [3, 3],
        pixels: vec![Color32::WHITE; 2],
        ..Default::default()
    };
    assert!(textures.insert(id, bad).is_err());
    assert!(
        textures
            .insert(id, ColorImage::filled([0, 4], Color32::WHITE))
            .is_err()
    );

    delta.free(id);
    textures.free(&mut delta);
    assert!(!textures.contains(id) && delta.is_empty());
}

#[test]
fn errors_instead_of_panics() {
    let t = white_textures();
    let mesh = Mesh::with_texture(TextureId::User(99));
    let err = rasterize(
        &[prim(Rect::EVERYTHING, mesh)],
        &t,
        [4, 4],
        1.0,
        Color32::WHITE,
    );
    assert_eq!(
        err.unwrap_err(),
        RasterError::UnknownTexture(TextureId::User(99))
    );

    let callback = PaintCallback {
        rect: rect(0.0, 0.0, 1.0, 1.0),
        callback: Arc::new(()),
    };
    let cb = ClippedPrimitive {
        clip_rect: Rect::EVERYTHING,
        primitive: Primitive::Callback(callback),
    };
    assert_eq!(
        rasterize(&[cb], &t, [4, 4], 1.0, Color32::WHITE).unwrap_err(),
        RasterError::CallbackUnsupported
    );

    for size in [[0, 4], [4, 0], [MAX_SIDE + 1, 1], [MAX_SIDE, MAX_SIDE]] {
        let err = rasterize(&[], &t, size, 1.0, Color32::WHITE).unwrap_err();
        assert!(matches!(err, RasterError::InvalidSize { .. }), "{size:?}");
    }
    for ppp in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        assert!(matches!(
            rasterize(&[], &t, [4, 4], ppp, Color32::WHITE),
            Err(RasterError::InvalidPixelsPerPoint(_))
        ));
    }
    assert!(!RasterError::CallbackUnsupported.to_string().is_empty());
}

#[test]
fn odd_geometry_does_not_panic() {
    let v = |x: f32, y: f32, u: f32| Vertex {
        pos: pos2(x, y),
        uv: pos2(u, u),
        color: RED,
    };
    let vertices = vec![
        v(f32::NAN, 1.0, 0.0),
        v(1.0, f32::INFINITY, 0.0),
        v(3.0, 3.0, 0.0),
        v(3.0, 3.0, 0.0), // degenerate: repeated point
        v(5.0, 5.0, 0.0), // degenerate: collinear with the above
        v(1e30, -1e30, f32::NAN),
        v(-1e30, 1e30, 1e30),
        v(2.0, 2.0, -5.0),
    ];
    // NaN/infinite positions, degenerate triangles, an out-of-range index and a
    // stray trailing index draw nothing.
    let indices = vec![0, 1, 2, 2, 3, 4, 2, 4, 7, 1000, 1, 2, 3];
    let mesh = Mesh {
        indices,
        vertices: vertices.clone(),
        ..Mesh::default()
    };
    let prims = [
        prim(Rect::EVERYTHING, mesh),
        prim(Rect::EVERYTHING, Mesh::default()),
    ];
    let img = render(&prims, [16, 16], 1.0, Color32::WHITE);
    assert_pixels(&img, [0; 4], [255; 4], |_, _| false);

    // Astronomical coordinates with NaN, huge and out-of-range uvs: anything
    // may be drawn (precision is gone), but nothing panics.
    let mesh = Mesh {
        indices: vec![5, 6, 7],
        vertices,
        ..Mesh::default()
    };
    let _ = render(
        &[prim(Rect::EVERYTHING, mesh)],
        [16, 16],
        1.0,
        Color32::WHITE,
    );

    // A rect far beyond the guard band is clipped, not dropped or overflowed.
    let huge = rect_mesh(rect(-1e7, -3e9, 2e8, 1e9), RED);
    let img = render(
        &[prim(Rect::EVERYTHING, huge)],
        [16, 16],
        1.0,
        Color32::WHITE,
    );
    assert_pixels(&img, [255, 0, 0, 255], [0; 4], |_, _| true);

    // A NaN clip rect rounds to an empty scissor, as `as i32` does in egui_glow.
    let nan_clip = rect(f32::NAN, 0.0, 5.0, f32::NAN);
    let mesh = rect_mesh(rect(0.0, 0.0, 4.0, 4.0), RED);
    let img = render(&[prim(nan_clip, mesh)], [8, 8], 1.0, Color32::WHITE);
    assert_pixels(&img, [0; 4], [255; 4], |_, _| false);
}

/// The end-to-end scene: text and a rounded, stroked rect, tessellated as egui does.
fn hello_scene(ppp: f32) -> (Vec<ClippedPrimitive>, Textures, Rect) {
    let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
    let galley = fonts.with_pixels_per_point(ppp).layout_no_wrap(
        "Hello".to_owned(),
        FontId::proportional(32.0),
        Color32::from_gray(20),
    );
    let pos = pos2(20.0, 20.0);
    let text_rect = galley.rect.translate(pos.to_vec2());
    let card = RectShape::new(
        rect(160.0, 16.0, 300.0, 100.0),
        10.0,
        Color32::from_rgb(200, 220, 255),
        Stroke::new(2.0, Color32::from_rgb(20, 40, 120)),
        StrokeKind::Inside,
    );
    let shapes = vec![
        ClippedShape::new(Rect::EVERYTHING, Shape::galley(pos, galley, Color32::BLACK)),
        ClippedShape::new(Rect::EVERYTHING, Shape::Rect(card)),
    ];
    // Glyphs enter the atlas during layout, so take its size and image afterwards.
    let atlas = fonts.texture_atlas();
    let mut tess = Tessellator::new(
        ppp,
        TessellationOptions::default(),
        atlas.size(),
        atlas.prepared_discs(),
    );
    let prims = tess.tessellate_shapes(shapes);
    let mut delta = TexturesDelta::default();
    delta.push(TextureId::default(), fonts.font_image_delta().unwrap());
    let mut textures = Textures::new();
    textures.apply(&mut delta).unwrap();
    (prims, textures, text_rect)
}

#[test]
fn end_to_end_text_is_drawn_inside_its_galley() {
    let ppp = 2.0;
    let (prims, textures, text_rect) = hello_scene(ppp);
    let img = rasterize(&prims, &textures, [640, 240], ppp, Color32::WHITE).unwrap();
    // The image is encoded like an export, into a folder of the test's own
    // (writing into the source tree failed with another CARGO_TARGET_DIR).
    let folder = tempfile::tempdir().unwrap();
    img.save(folder.path().join("hello.png")).unwrap();
    // A second run, from fresh fonts through tessellation, gives the same bytes.
    let (prims2, textures2, _) = hello_scene(ppp);
    let again = rasterize(&prims2, &textures2, [640, 240], ppp, Color32::WHITE).unwrap();
    assert!(img.as_raw() == again.as_raw(), "second run differs");

    let text_px = text_rect.expand(0.5) * ppp;
    let card_px = rect(159.0, 15.0, 301.0, 101.0) * ppp;
    let (mut dark_in_text, mut non_white) = (0, 0);
    for (x, y, p) in img.enumerate_pixels() {
        let c = centre(x, y);
        let dark = p.0[..3].iter().all(|&v| v < 100);
        if text_px.contains(c) {
            dark_in_text += usize::from(dark);
        } else if !card_px.contains(c) {
            assert_eq!(p.0, [255; 4], "stray pixel at ({x}, {y})");
        }
        non_white += usize::from(p.0 != [255; 4]);
    }
    assert!(dark_in_text > 200, "only {dark_in_text} dark text pixels");
    assert!(non_white > 10_000);
    assert_eq!(img.get_pixel(460, 116), &Rgba([200, 220, 255, 255])); // card fill, exact
    assert!(img.get_pixel(321, 116).0[2] < 200); // card's left stroke
}

#[test]
fn output_is_identical_with_any_thread_count() {
    let (mut prims, mut textures, _) = hello_scene(2.0);
    // Enough area for the threaded path, with content across many bands.
    for i in 0..40 {
        let y = f32::from(i) * 15.0;
        let c = Color32::from_rgba_unmultiplied(i * 6, 100, 200, 90);
        prims.push(prim(
            Rect::EVERYTHING,
            rect_mesh(rect(3.3 * f32::from(i), y, 600.0, y + 40.7), c),
        ));
    }
    // A huge triangle, clipped to the guard band, with a texture repeating every few pixels.
    let mut huge = Mesh::with_texture(TextureId::User(7));
    for (x, y) in [(-1.5e6, -1e6), (2e6, 1e5), (300.0, 2.5e6)] {
        let uv = pos2(x * 0.37, y * 0.0071);
        huge.vertices.push(Vertex {
            pos: pos2(x, y),
            uv,
            color: Color32::from_white_alpha(128),
        });
    }
    huge.add_triangle(0, 1, 2);
    prims.push(prim(Rect::EVERYTHING, huge));
    let image = ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]);
    textures
        .insert_with_options(TextureId::User(7), image, TextureOptions::LINEAR_REPEAT)
        .unwrap();
    let run = |threads| {
        let target = Target {
            size: [1400, 800],
            ppp: 2.0,
            background: Color32::TRANSPARENT,
            threads,
        };
        rasterize_on(&prims, &textures, &target, None).unwrap()
    };
    let one = run(1);
    assert!(one == run(2), "2 threads differ from 1");
    assert!(one == run(5), "5 threads differ from 1");
    // Drawn into an image of another size and other pixels, it is the same.
    let mut spare = RgbaImage::from_pixel(900, 900, Rgba([9, 200, 30, 77]));
    spare.put_pixel(3, 3, Rgba([1, 2, 3, 4]));
    let reused = rasterize_reusing(
        &prims,
        &textures,
        [1400, 800],
        2.0,
        Color32::TRANSPARENT,
        Some(spare),
    )
    .unwrap();
    assert!(one == reused, "drawing into a used image differs");
}
