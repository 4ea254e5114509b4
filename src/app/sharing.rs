//! Sharing the open map live: File ▸ Share on this network… hosts it, File
//! ▸ Join a shared map… (or `--join LINK`) joins one, and every frame
//! carries changes between the document and the session.
//!
//! The document keeps the replica and is the one place edits cross into it
//! (see [`super::Document`]); this module only moves change bytes between
//! it and the [`Session`], and shows how the session is doing.

use super::files::Pending;
use super::{Document, JourneyApp, Modal};
use crate::net::{HostOptions, JoinLink, Session, SessionEvent, Status};
use crate::ui::share_dialog::{JoinAction, JoinDialog, ShareAction, ShareView};

/// The session the open map is shared in.
pub struct Sharing {
    session: Session,
    status: Status,
    /// Whether this editor hosts it (else it joined).
    hosting: bool,
    /// Whether the whole shared document has arrived; a joiner shows its
    /// old map until then.
    loaded: bool,
    /// Whether the session wakes the window when something arrives.
    wakes: bool,
    /// Who else is here, and whom I follow.
    pub(super) crowd: super::people::Crowd,
}

impl Sharing {
    fn new(session: Session, hosting: bool) -> Self {
        Self {
            session,
            status: Status::Connecting,
            hosting,
            loaded: false,
            wakes: false,
            crowd: super::people::Crowd::default(),
        }
    }

    /// Shows the others what this editor shows now.
    pub(super) fn set_presence(&self, presence: crate::net::Presence) {
        self.session.set_presence(presence);
    }
}

/// The port the editor shares on while it is free, so that the code to
/// read out is the same from one workshop to the next.
pub const SHARE_PORT: u16 = 7878;

/// How a session is doing, in a few words, for the title and the dialog.
/// `people` counts the people at editors, me included: not `serve` or
/// other headless peers, which the session's own count includes.
pub fn describe(status: &Status, people: usize) -> String {
    match status {
        Status::Connecting => "connecting…".to_owned(),
        Status::Connected { .. } if people <= 1 => "only you so far".to_owned(),
        Status::Connected { .. } => format!("{people} people"),
        Status::Offline { .. } => "offline, reconnecting".to_owned(),
        Status::Refused { .. } => "refused".to_owned(),
    }
}

impl JourneyApp {
    /// File ▸ Share on this network…: hosts the open map on this machine
    /// and shows the link and code to give out. If it is shared already,
    /// shows them again.
    pub fn share_on_network(&mut self) {
        self.share_with(HostOptions {
            port: SHARE_PORT,
            ..HostOptions::default()
        });
    }

    /// Hosts the open map with `options` (tests host on loopback), as
    /// [`Self::share_on_network`] does.
    pub fn share_with(&mut self, options: HostOptions) {
        if self.sharing.is_some() {
            self.show_modal(Modal::Share);
            return;
        }
        let bytes = match self.document.share() {
            Ok(bytes) => bytes,
            Err(error) => {
                self.show_message(format!("The map could not be shared: {error}."));
                return;
            }
        };
        // A busy port (another program, a second journeymap) must not stop
        // the workshop: any free port will do, the link says which.
        let fallback = (options.port != 0).then(|| HostOptions {
            port: 0,
            ..options.clone()
        });
        let hosted = match Session::host(bytes.clone(), options) {
            Err(crate::net::NetError::Listen { .. }) if fallback.is_some() => {
                Session::host(bytes, fallback.unwrap_or_default())
            }
            other => other,
        };
        match hosted {
            Ok(session) => {
                self.sharing = Some(Sharing::new(session, true));
                self.ask_name_once();
                self.show_modal(Modal::Share);
            }
            Err(error) => {
                self.document.stop_sharing();
                self.show_message(format!("The map could not be shared: {error}."));
            }
        }
    }

    /// File ▸ Join a shared map…: asks for the link or code.
    pub fn ask_to_join(&mut self) {
        self.show_modal(Modal::Join(JoinDialog::default()));
    }

    /// Joins the session `text` (a link or a short code) names, once the
    /// open map's changes are saved or let go. The map shows once it has
    /// arrived. Returns why not, if the text names no session.
    pub fn join(&mut self, text: &str) -> Result<(), String> {
        let link: JoinLink = text.parse().map_err(|error| format!("{error}"))?;
        if self.document.is_dirty() {
            self.show_modal(Modal::Unsaved(Pending::Join(Box::new(link))));
        } else {
            self.join_now(&link);
        }
        Ok(())
    }

    /// Joins `link`, leaving any session this editor was in.
    pub(super) fn join_now(&mut self, link: &JoinLink) {
        self.stop_sharing();
        match Session::join(link) {
            Ok(session) => {
                self.sharing = Some(Sharing::new(session, false));
                self.ask_name_once();
            }
            Err(error) => self.show_message(format!("Could not join the map: {error}.")),
        }
    }

    /// Leaves the session (ends it, for the host); the map stays open,
    /// edited alone from now on.
    pub fn stop_sharing(&mut self) {
        if self.sharing.take().is_some() {
            self.document.stop_sharing();
        }
    }

    /// How the session is doing, in a few words, if the map is shared.
    pub(super) fn session_summary(&self) -> Option<String> {
        self.sharing_status()
            .map(|status| describe(status, self.people_here()))
    }

    /// How the session is doing, if the map is shared.
    pub fn sharing_status(&self) -> Option<&Status> {
        self.sharing.as_ref().map(|sharing| &sharing.status)
    }

    /// The link others join with, if the map is shared.
    pub fn share_link(&self) -> Option<String> {
        self.sharing
            .as_ref()
            .map(|sharing| sharing.session.link().to_string())
    }

    /// Takes in what the session sent since the last frame: the whole map
    /// on joining, teammates' changes, and how it is doing.
    pub(super) fn poll_sharing(&mut self, ctx: &egui::Context) {
        let Some(sharing) = &mut self.sharing else {
            return;
        };
        if !sharing.wakes {
            let waker = ctx.clone();
            sharing.session.set_wake(move || waker.request_repaint());
            sharing.wakes = true;
        }
        let events = sharing.session.poll();
        for event in events {
            self.take_event(event);
        }
        self.take_merged(ctx);
    }

    /// Shows the map with teammates' changes, once the replica has merged
    /// them; stops sharing if their changes were refused.
    fn take_merged(&mut self, ctx: &egui::Context) {
        if !self.document.wakes() {
            let waker = ctx.clone();
            self.document
                .set_wake(std::sync::Arc::new(move || waker.request_repaint()));
        }
        match self.document.poll_shared() {
            Ok(true) => self.forget_missing_selection(),
            Ok(false) => {}
            Err(error) => {
                self.stop_sharing();
                self.show_message(format!(
                    "A teammate's changes could not be taken in, so sharing stopped: \
                     {error}. Your map is as it was; save it or share it again."
                ));
            }
        }
    }

    fn take_event(&mut self, event: SessionEvent) {
        let Some(sharing) = &mut self.sharing else {
            return;
        };
        let hosting = sharing.hosting;
        match event {
            SessionEvent::Document(bytes) => {
                sharing.loaded = true;
                let taken = if hosting {
                    self.document.take_shared(&bytes)
                } else {
                    Document::joined(&bytes).map(|document| self.replace_document(document))
                };
                if let Err(error) = taken {
                    self.stop_sharing();
                    self.show_message(format!("The shared map could not be read: {error}."));
                }
            }
            SessionEvent::Changes(changes) => {
                if !sharing.loaded {
                    return;
                }
                self.document.receive(changes);
            }
            SessionEvent::Status(status) => {
                if let Status::Refused { reason } = &status {
                    let reason = reason.clone();
                    self.stop_sharing();
                    self.show_message(format!("The shared map refused the connection: {reason}."));
                    return;
                }
                sharing.status = status;
            }
            SessionEvent::People(people) => self.take_people(people),
        }
    }

    /// Sends this frame's local edits to the session. A joined map whose
    /// edits have all gone out while connected has nothing to lose.
    pub(super) fn send_shared_changes(&mut self) {
        let Some(sharing) = &self.sharing else {
            return;
        };
        let outgoing = self.document.outgoing();
        let sent = outgoing.is_empty() && self.document.all_sent();
        sharing.session.send_changes(outgoing);
        let connected = matches!(sharing.status, Status::Connected { .. });
        if !sharing.hosting && sharing.loaded && connected && sent {
            self.document.mark_shared();
        }
        if let Some(error) = self.document.take_share_error() {
            self.show_message(format!("An edit could not be shared: {error}."));
        }
    }

    /// How many people are in the shared map, me included: the people at
    /// editors, not `serve` or other headless peers.
    fn people_here(&self) -> usize {
        self.people().len() + 1
    }

    /// The sharing dialog, while open; returns whether it stays open.
    pub(super) fn share_window(&mut self, ctx: &egui::Context) -> bool {
        let Some(sharing) = &self.sharing else {
            return false;
        };
        let link = sharing.session.link();
        let people = self.people_here();
        let status = match &sharing.status {
            Status::Connected { .. } if people > 1 => format!("{people} people in the map"),
            other => describe(other, people),
        };
        let view = ShareView {
            link: &link.to_string(),
            code: &link.short_code(),
            status: &status,
            hosting: sharing.hosting,
        };
        match crate::ui::share_dialog::share(ctx, &view) {
            None => true,
            Some(ShareAction::Close) => false,
            Some(ShareAction::Copy(text)) => {
                self.to_clipboard = Some(text);
                self.notify("Copied: paste it into a chat, or read it out.");
                true
            }
            Some(ShareAction::Stop) => {
                self.stop_sharing();
                self.notify("Stopped sharing. The map stays open here.");
                false
            }
        }
    }

    /// The join dialog; returns it if it stays open.
    pub(super) fn join_window(
        &mut self,
        ctx: &egui::Context,
        mut dialog: JoinDialog,
    ) -> Option<JoinDialog> {
        match dialog.show(ctx) {
            None => Some(dialog),
            Some(JoinAction::Cancel) => None,
            Some(JoinAction::Join(text)) => match self.join(&text) {
                Ok(()) => None,
                Err(error) => {
                    dialog.error = Some(error);
                    Some(dialog)
                }
            },
        }
    }
}
