//! The Help menu's windows: every keyboard shortcut, how to start a map,
//! and what journeymap is. They know nothing of the app: each draws itself
//! and says when the user closed it, and the app shell keeps the open one in
//! its modal slot.

use egui::{Align, Key, KeyboardShortcut, Layout, Modifiers, Ui, UiBuilder};

use super::UiCommand;

/// A help window, as the app shell keeps it in its modal slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpWindow {
    /// Every command's shortcut, by menu, and the gestures on the map.
    Shortcuts,
    /// What to double-click and type to start a map.
    GettingStarted,
    /// Name, version, licence and the licences of the built-in fonts.
    About,
}

/// The gestures on the map that are not commands, as (what, how). Each how
/// is worded as in README.md's "In the editor" table (a test checks that),
/// with "Ctrl" standing for Cmd on macOS.
const GESTURES: [(&str, &str); 16] = [
    ("Add a card", "Double-click an empty part of a cell"),
    ("Edit a card or a name", "Double-click it"),
    (
        "While typing",
        "Enter keeps, Shift+Enter starts a new line, Esc cancels",
    ),
    ("Move a card", "Drag it to another cell"),
    ("Reorder stages", "Drag a stage header left or right"),
    ("Reorder lanes", "Drag a lane label up or down"),
    ("Add to the selection", "Shift+click or Ctrl+click"),
    ("Select in a rectangle", "Shift+drag"),
    ("Move around the grid", "Arrow keys"),
    ("Extend the selection", "Shift+arrow keys"),
    ("Into the inspector and back", "Tab, then Shift+Tab or Esc"),
    ("Everything about one thing", "Right-click it"),
    ("Add an emotion point", "Double-click in the emotion lane"),
    ("Change a feeling", "Drag a face up or down"),
    (
        "Pan",
        "Drag the background (left or middle button), or scroll",
    ),
    ("Zoom around the pointer", "Ctrl + scroll, or pinch"),
];

/// The fonts built into journeymap (egui's), with their licences: their
/// notices must travel with the program.
const FONTS: [(&str, &str); 4] = [
    ("Ubuntu Light", "Ubuntu Font Licence 1.0"),
    ("Hack", "MIT and Bitstream Vera Licence"),
    ("Noto Emoji", "SIL Open Font License 1.1"),
    ("emoji-icon-font", "MIT"),
];

/// How wide the getting-started panel is at most, in points.
const GETTING_STARTED_WIDTH: f32 = 400.0;

impl HelpWindow {
    /// The window that `command` opens, or `None` if it is not a Help
    /// command.
    pub fn for_command(command: UiCommand) -> Option<Self> {
        match command {
            UiCommand::ShowShortcuts => Some(Self::Shortcuts),
            UiCommand::GettingStarted => Some(Self::GettingStarted),
            UiCommand::About => Some(Self::About),
            _ => None,
        }
    }

    /// Shows the window as a modal. Returns `true` once the user closed it:
    /// with Close, Esc or a click beside it, and in the shortcuts window
    /// with F1 too. F1 in another help window turns it into the shortcuts
    /// window, since the app's own shortcuts wait while a modal is open.
    pub fn show(&mut self, ctx: &egui::Context) -> bool {
        let f1 = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1));
        if f1 {
            if *self == Self::Shortcuts {
                return true;
            }
            *self = Self::Shortcuts;
        }
        let window = *self;
        let modal = egui::Modal::new(egui::Id::unique("journeymap-help")).show(ctx, |ui| {
            match window {
                Self::Shortcuts => shortcuts(ui),
                Self::GettingStarted => {
                    ui.set_max_width(GETTING_STARTED_WIDTH);
                    getting_started(ui);
                }
                Self::About => about(ui),
            }
            ui.add_space(12.0);
            ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                ui.button("Close").clicked()
            })
            .inner
        });
        modal.inner || modal.should_close()
    }
}

/// What to double-click and type to start a map, drawn into `ui`. Its
/// labels take no clicks, so the map under it still gets double-clicks.
pub fn getting_started(ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let shortcut = |command: UiCommand| {
        command
            .shortcuts()
            .first()
            .map_or_else(String::new, |s| ctx.format_shortcut(s))
    };
    let line = |ui: &mut Ui, text: String| {
        ui.horizontal_top(|ui| {
            ui.add(egui::Label::new("•").selectable(false));
            ui.add(egui::Label::new(text).selectable(false).wrap());
        });
    };
    ui.add(
        egui::Label::new(egui::RichText::new("Start your journey map").heading()).selectable(false),
    );
    ui.add_space(4.0);
    ui.add(
        egui::Label::new("Stages are the columns, left to right; lanes are the rows.")
            .selectable(false)
            .wrap(),
    );
    ui.add_space(8.0);
    line(
        ui,
        "Double-click a cell to add a card, type, press Enter.".into(),
    );
    line(
        ui,
        format!("{} adds a stage.", shortcut(UiCommand::AddStage)),
    );
    line(
        ui,
        "Edit › Add lane adds a row: touchpoints, feelings, pain points…".into(),
    );
    line(ui, "Right-click anything for its options.".into());
    line(
        ui,
        format!(
            "{} lists every shortcut.",
            shortcut(UiCommand::ShowShortcuts)
        ),
    );
}

/// [`getting_started`] on a panel centred in `rect`, for the canvas to show
/// over an empty map. It takes no room in `ui`'s layout and no clicks.
pub fn getting_started_over(ui: &mut Ui, rect: egui::Rect) {
    let size_id = ui.scope_id().with("journeymap-getting-started-size");
    let last_size: Option<egui::Vec2> = ui.data(|d| d.get_temp(size_id));
    let width = GETTING_STARTED_WIDTH.min(rect.width());
    // The panel's height is known once it is drawn: the first time it is
    // drawn invisibly and measured, and when its size changes it is
    // measured again; either way the frame is drawn again at once.
    let height = last_size.map_or(0.0, |size| size.y);
    let top_left = egui::pos2(
        rect.center().x - width / 2.0,
        (rect.center().y - height / 2.0).max(rect.top()),
    );
    let mut builder = UiBuilder::new()
        .max_rect(egui::Rect::from_min_size(
            top_left,
            egui::vec2(width, rect.height()),
        ))
        .layout(Layout::top_down(Align::Min));
    if last_size.is_none() {
        builder = builder.sizing_pass().invisible();
    }
    let mut panel = ui.new_child(builder);
    let response = egui::Frame::popup(panel.style()).show(&mut panel, |ui| {
        ui.set_width(ui.available_width());
        getting_started(ui);
    });
    let size = response.response.rect.size();
    if last_size != Some(size) {
        ui.data_mut(|d| d.insert_temp(size_id, size));
        ui.ctx()
            .request_discard("the getting-started panel was measured");
    }
}

/// The shortcuts window's content: the commands of the largest menu in
/// a column of their own, the other menus' beside them, and the gestures on
/// the map to the right, or below on a narrow window.
fn shortcuts(ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    ui.heading("Keyboard shortcuts");
    ui.add_space(8.0);
    let menus: Vec<&[UiCommand]> = UiCommand::ALL
        .chunk_by(|a, b| a.menu() == b.menu())
        .collect();
    let largest = menus.iter().map(|menu| menu.len()).max().unwrap_or(0);
    let (large, others): (Vec<_>, Vec<_>) =
        menus.into_iter().partition(|menu| menu.len() == largest);
    let wide = ctx.content_rect().width() >= 1200.0;
    let max_height = (ctx.content_rect().height() - 160.0).max(200.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| menu_shortcuts(ui, &others));
                ui.add_space(32.0);
                ui.vertical(|ui| {
                    menu_shortcuts(ui, &large);
                    if !wide {
                        ui.add_space(16.0);
                        gestures(ui);
                    }
                });
                if wide {
                    ui.add_space(32.0);
                    ui.vertical(gestures);
                }
            });
        });
}

/// Each menu's name and a grid of its commands that have shortcuts.
fn menu_shortcuts(ui: &mut Ui, menus: &[&[UiCommand]]) {
    let ctx = ui.ctx().clone();
    for (i, menu) in menus.iter().enumerate() {
        let Some(first) = menu.first() else { continue };
        if i > 0 {
            ui.add_space(12.0);
        }
        ui.strong(first.menu());
        egui::Grid::new(("journeymap-shortcuts", first.menu()))
            .num_columns(2)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                for command in *menu {
                    let Some(keys) = shortcut_text(&ctx, *command) else {
                        continue;
                    };
                    ui.label(command.label());
                    ui.weak(keys);
                    ui.end_row();
                }
            });
    }
}

/// The gestures on the map that are not commands, "Ctrl" written as this
/// platform's command key.
fn gestures(ui: &mut Ui) {
    let is_mac = ui.ctx().os().is_mac();
    ui.strong("On the map");
    egui::Grid::new("journeymap-gestures")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (what, how) in GESTURES {
                ui.label(what);
                if is_mac {
                    ui.weak(how.replace("Ctrl", "Cmd"));
                } else {
                    ui.weak(how);
                }
                ui.end_row();
            }
        });
}

/// Every shortcut of `command` as this platform writes them ("Ctrl+Shift+Z
/// or Ctrl+Y"), or `None` if it has none.
pub fn shortcut_text(ctx: &egui::Context, command: UiCommand) -> Option<String> {
    let keys: Vec<String> = command
        .shortcuts()
        .iter()
        .map(|s: &KeyboardShortcut| ctx.format_shortcut(s))
        .collect();
    match keys.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, rest)) => Some(format!("{} or {last}", rest.join(", "))),
    }
}

/// The about window's content.
fn about(ui: &mut Ui) {
    ui.set_max_width(440.0);
    ui.heading("journeymap");
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.add_space(8.0);
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    ui.add_space(8.0);
    ui.strong("Built-in fonts (from egui)");
    egui::Grid::new("journeymap-fonts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (font, licence) in FONTS {
                ui.label(font);
                ui.weak(licence);
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    /// A harness showing `window` as the app shell would, with whether it
    /// has been closed as its state.
    fn open(window: HelpWindow) -> Harness<'static, (HelpWindow, bool)> {
        let mut harness = Harness::builder()
            .with_size([1400.0, 900.0])
            .build_ui_state(
                |ui, (window, closed): &mut (HelpWindow, bool)| {
                    if !*closed {
                        *closed = window.show(ui.ctx());
                    }
                },
                (window, false),
            );
        harness.run();
        harness
    }

    #[test]
    fn the_shortcuts_window_lists_every_command_that_has_a_shortcut_beside_its_keys() {
        let harness = open(HelpWindow::Shortcuts);
        let ctx = harness.ctx.clone();
        for command in UiCommand::ALL {
            let Some(keys) = shortcut_text(&ctx, command) else {
                continue;
            };
            let label = harness
                .query_all_by_label(command.label())
                .map(|node| node.rect())
                .collect::<Vec<_>>();
            let beside = harness.query_all_by_label(&keys).any(|node| {
                label
                    .iter()
                    .any(|rect| (rect.center().y - node.rect().center().y).abs() < 2.0)
            });
            assert!(
                beside,
                "{command:?}: no \"{keys}\" beside \"{}\"",
                command.label()
            );
        }
    }

    #[test]
    fn the_shortcuts_window_lists_the_gestures_on_the_map() {
        let harness = open(HelpWindow::Shortcuts);
        harness.get_by_label("Shift+drag");
        harness.get_by_label("Double-click an empty part of a cell");
    }

    #[test]
    fn f1_and_esc_close_the_shortcuts_window() {
        for key in [Key::F1, Key::Escape] {
            let mut harness = open(HelpWindow::Shortcuts);
            assert!(!harness.state().1);
            harness.key_press(key);
            harness.run();
            assert!(harness.state().1, "{key:?} did not close it");
        }
    }

    #[test]
    fn the_close_button_closes_a_help_window() {
        let mut harness = open(HelpWindow::About);
        harness.get_by_label("Close").click();
        harness.run();
        assert!(harness.state().1);
    }

    #[test]
    fn f1_in_another_help_window_shows_the_shortcuts() {
        let mut harness = open(HelpWindow::GettingStarted);
        harness.key_press(Key::F1);
        harness.run();
        assert_eq!(*harness.state(), (HelpWindow::Shortcuts, false));
        harness.get_by_label("Shift+drag");
    }

    #[test]
    fn getting_started_says_what_to_double_click() {
        let harness = open(HelpWindow::GettingStarted);
        harness.get_by_label_contains("Double-click a cell to add a card");
        harness.get_by_label_contains("adds a stage");
    }

    #[test]
    fn getting_started_over_the_map_is_centred_and_takes_no_clicks() {
        let rect = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(1000.0, 800.0));
        let mut harness = Harness::builder()
            .with_size(rect.size())
            // Short frames, so two clicks in consecutive frames are a double-click.
            .with_step_dt(0.05)
            .build_ui_state(
                |ui, clicks: &mut usize| {
                    let background = ui.allocate_rect(ui.max_rect(), egui::Sense::click());
                    getting_started_over(ui, ui.max_rect());
                    if background.double_clicked() {
                        *clicks += 1;
                    }
                },
                0,
            );
        harness.run();
        let line = harness.get_by_label_contains("Double-click a cell").rect();
        assert!((line.center().x - rect.center().x).abs() < GETTING_STARTED_WIDTH / 2.0);
        let heading = harness.get_by_label("Start your journey map").rect();
        assert!(
            heading.top() > rect.center().y - 200.0,
            "{heading:?} is not centred"
        );
        let pos = line.center();
        for _ in 0..2 {
            harness.event(egui::Event::PointerMoved(pos));
            for pressed in [true, false] {
                harness.event(egui::Event::PointerButton {
                    pos,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: Modifiers::NONE,
                });
            }
            harness.step();
        }
        harness.run();
        assert_eq!(
            *harness.state(),
            1,
            "the map under the panel missed a double-click"
        );
    }

    #[test]
    fn about_shows_the_version_and_the_licence() {
        let harness = open(HelpWindow::About);
        harness.get_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")));
        harness.get_by_label("Licence: MIT OR Apache-2.0");
    }

    #[test]
    fn every_gesture_is_worded_as_in_the_readme() {
        let readme = include_str!("../../README.md").replace('`', "");
        let table = readme
            .split("## In the editor")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_default()
            .to_lowercase();
        assert!(
            !table.is_empty(),
            "README.md has no \"In the editor\" section"
        );
        for (what, how) in GESTURES {
            assert!(
                table.contains(&how.to_lowercase()),
                "README.md's \"In the editor\" table does not say \"{how}\" ({what})"
            );
        }
    }

    #[test]
    fn the_help_commands_open_their_windows() {
        let windows: Vec<_> = UiCommand::ALL
            .into_iter()
            .filter_map(HelpWindow::for_command)
            .collect();
        assert_eq!(
            windows,
            [
                HelpWindow::Shortcuts,
                HelpWindow::GettingStarted,
                HelpWindow::About
            ]
        );
    }
}
