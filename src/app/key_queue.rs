//! Every keystroke reaches the text it was typed into, in order, however
//! many arrive in one frame.
//!
//! A fast typist, `xdotool`, or a frame that took long can put several key
//! presses into one frame: `s`, Enter, Ctrl+Shift+N, `D`, `e`… egui hands
//! all of a frame's events to every widget at once, so a key that moves the
//! keyboard somewhere else (Enter commits a card, Ctrl+Shift+N starts naming
//! a new stage, N starts a new card) would act before or after the letters
//! around it, and letters would land in the wrong field or nowhere.
//!
//! The queue cuts a frame's keyboard events after the first such key; the
//! rest wait, in order, for the next frame, which the app asks for at once.
//! It runs before egui sees the input ([`eframe::App::raw_input_hook`]), so
//! egui's own focus handling sees the same events as the widgets.

use egui::{Event, Key};

/// The keyboard events that wait for a later frame.
#[derive(Debug, Default)]
pub struct KeyQueue {
    waiting: Vec<Event>,
}

impl KeyQueue {
    /// Puts the waiting keyboard events in front of this frame's and keeps
    /// only those up to and including the first key that can move the
    /// keyboard elsewhere; the rest wait. `typing` says whether a text field
    /// has the keyboard (then letters and editing keys are just text).
    /// Events other than keyboard ones (the pointer, the window) stay in
    /// their frame. Returns whether events are waiting, i.e. another frame
    /// is needed at once.
    pub fn route(&mut self, events: &mut Vec<Event>, typing: bool) -> bool {
        let mut all = std::mem::take(&mut self.waiting);
        all.append(events);
        let mut cut = false;
        let mut text_of_cut_key = false;
        for event in all {
            if !is_keyboard(&event) {
                if is_press(&event) {
                    // A click can move the keyboard too (it ends typing).
                    cut = true;
                }
                events.push(event);
            } else if !cut {
                cut = moves_keyboard(&event, typing);
                text_of_cut_key = cut && makes_text(&event);
                events.push(event);
            } else if text_of_cut_key && matches!(&event, Event::Text(t) if t.chars().count() == 1)
            {
                // The text a key press makes comes right after it and
                // belongs with it (N starts a card; its "n" is not typed).
                text_of_cut_key = false;
                events.push(event);
            } else {
                text_of_cut_key = false;
                self.waiting.push(event);
            }
        }
        !self.waiting.is_empty()
    }

    /// Whether keyboard events wait for the next frame.
    pub fn is_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }
}

/// Whether `event` comes from the keyboard (or is text to insert).
fn is_keyboard(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Ime(_)
            | Event::Copy
            | Event::Cut
            | Event::Paste(_)
    )
}

/// Whether `event` is a pointer button going down.
fn is_press(event: &Event) -> bool {
    matches!(event, Event::PointerButton { pressed: true, .. })
}

/// Whether `event` can send the next keys somewhere else: a shortcut, a key
/// that ends or moves typing, or any key while nothing is being typed (N,
/// Enter and F2 start typing; Delete and the arrows change the selection).
fn moves_keyboard(event: &Event, typing: bool) -> bool {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            !typing
                || modifiers.command
                || modifiers.ctrl
                || modifiers.alt
                || modifiers.mac_cmd
                || matches!(key, Key::Enter | Key::Escape | Key::Tab)
                || is_function_key(*key)
        }
        // Outside a text field these act on the map's selection.
        Event::Copy | Event::Cut | Event::Paste(_) => !typing,
        _ => false,
    }
}

/// Whether a key press also types a character (which comes as a `Text`
/// event right after it): a plain or shifted key that is not a control key.
fn makes_text(event: &Event) -> bool {
    let Event::Key { key, modifiers, .. } = event else {
        return false;
    };
    let control = matches!(
        key,
        Key::Enter
            | Key::Tab
            | Key::Escape
            | Key::Backspace
            | Key::Delete
            | Key::Insert
            | Key::Home
            | Key::End
            | Key::PageUp
            | Key::PageDown
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::ArrowLeft
            | Key::ArrowRight
    );
    !(control || is_function_key(*key) || modifiers.command || modifiers.ctrl || modifiers.mac_cmd)
}

fn is_function_key(key: Key) -> bool {
    key.name().len() >= 2
        && key.name().starts_with('F')
        && key.name()[1..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use egui::{Modifiers, PointerButton, pos2};

    use super::*;

    fn key(key: Key, modifiers: Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(text: &str) -> Event {
        Event::Text(text.to_owned())
    }

    #[test]
    fn letters_typed_before_enter_stay_with_it_and_the_rest_wait() {
        let mut queue = KeyQueue::default();
        let mut frame = vec![
            text("key"),
            text("s"),
            key(Key::Enter, Modifiers::NONE),
            key(Key::N, Modifiers::COMMAND | Modifiers::SHIFT),
            text("Buy"),
        ];
        assert!(queue.route(&mut frame, true));
        assert_eq!(
            frame,
            vec![text("key"), text("s"), key(Key::Enter, Modifiers::NONE)]
        );
        // Next frame: nothing is typed any more, so the shortcut goes alone.
        let mut next = vec![text("!")];
        assert!(queue.route(&mut next, false));
        assert_eq!(
            next,
            vec![key(Key::N, Modifiers::COMMAND | Modifiers::SHIFT)]
        );
        // Then the new name's field has the keyboard: all of it is text.
        let mut last = Vec::new();
        assert!(!queue.route(&mut last, true));
        assert_eq!(last, vec![text("Buy"), text("!")], "order kept");
    }

    #[test]
    fn a_key_that_starts_typing_keeps_its_own_text_and_nothing_more() {
        let mut queue = KeyQueue::default();
        let mut frame = vec![key(Key::N, Modifiers::NONE), text("n"), text("bravo")];
        assert!(queue.route(&mut frame, false));
        assert_eq!(frame, vec![key(Key::N, Modifiers::NONE), text("n")]);
        let mut next = Vec::new();
        assert!(!queue.route(&mut next, true));
        assert_eq!(next, vec![text("bravo")]);
    }

    #[test]
    fn typing_and_editing_keys_in_a_field_pass_in_one_frame() {
        let mut queue = KeyQueue::default();
        let typed = vec![
            text("ab"),
            key(Key::Backspace, Modifiers::NONE),
            key(Key::ArrowLeft, Modifiers::SHIFT),
            text("c"),
        ];
        let mut frame = typed.clone();
        assert!(!queue.route(&mut frame, true));
        assert_eq!(frame, typed);
    }

    #[test]
    fn pointer_events_stay_in_their_frame_and_keys_after_a_click_wait() {
        let mut queue = KeyQueue::default();
        let click = Event::PointerButton {
            pos: pos2(1.0, 1.0),
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        };
        let moved = Event::PointerMoved(pos2(2.0, 2.0));
        let mut frame = vec![text("a"), click.clone(), text("b"), moved.clone()];
        assert!(queue.route(&mut frame, true));
        assert_eq!(frame, vec![text("a"), click, moved]);
        let mut next = Vec::new();
        queue.route(&mut next, true);
        assert_eq!(next, vec![text("b")]);
    }

    #[test]
    fn text_after_enter_or_a_shortcut_is_never_taken_for_their_own() {
        let mut queue = KeyQueue::default();
        let mut frame = vec![key(Key::Enter, Modifiers::NONE), text("x")];
        assert!(queue.route(&mut frame, false));
        assert_eq!(frame, vec![key(Key::Enter, Modifiers::NONE)]);
        let mut queue = KeyQueue::default();
        let mut frame = vec![
            key(Key::N, Modifiers::COMMAND | Modifiers::SHIFT),
            text("y"),
        ];
        assert!(queue.route(&mut frame, false));
        assert_eq!(frame.len(), 1);
    }

    #[test]
    fn function_keys_are_recognised() {
        assert!(is_function_key(Key::F2));
        assert!(is_function_key(Key::F12));
        assert!(!is_function_key(Key::F));
        assert!(!is_function_key(Key::Enter));
    }
}
