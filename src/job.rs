//! Work done off the UI thread, so that the window never freezes: opening
//! and saving files, exporting, autosave, file dialogs, previews.
//!
//! Every piece of background work is a [`Job`]: a thread started with
//! [`Job::spawn`] that reports one or more messages, polled once a frame
//! with [`Job::poll`]. A thread that dies without finishing (a panic) is
//! reported as [`Poll::Gone`], so the caller can say so instead of waiting
//! for ever.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

/// Background work that reports messages of type `T`.
#[derive(Debug)]
pub struct Job<T> {
    receiver: Receiver<T>,
}

/// What a job has to say this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// A message from the job (progress or its result).
    Message(T),
    /// Nothing new; the job is still running.
    Running,
    /// The job's thread ended: after its last message, or without one if
    /// it died.
    Gone,
}

/// Where a job sends its messages.
#[derive(Debug)]
pub struct Reporter<T> {
    sender: Sender<T>,
}

impl<T> Reporter<T> {
    /// Sends a message to whoever polls the job. If nobody does any more
    /// (the job was dropped), the message is dropped too.
    pub fn send(&self, message: T) {
        let _ = self.sender.send(message);
    }
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread; it reports through the [`Reporter`].
    pub fn spawn(work: impl FnOnce(&Reporter<T>) + Send + 'static) -> Self {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || work(&Reporter { sender }));
        Self { receiver }
    }

    /// Runs `work` on a new thread and reports what it returns.
    pub fn run(work: impl FnOnce() -> T + Send + 'static) -> Self {
        Self::spawn(move |reporter| reporter.send(work()))
    }
}

impl<T> Job<T> {
    /// The next message, if one has arrived; never blocks.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(message) => Poll::Message(message),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Gone,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn wait<T>(job: &Job<T>) -> Poll<T> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match job.poll() {
                Poll::Running if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                other => return other,
            }
        }
    }

    #[test]
    fn a_job_reports_its_progress_then_its_result_then_is_gone() {
        let job = Job::spawn(|reporter| {
            reporter.send(1);
            reporter.send(2);
        });
        assert_eq!(wait(&job), Poll::Message(1));
        assert_eq!(wait(&job), Poll::Message(2));
        assert_eq!(wait(&job), Poll::Gone);
    }

    #[test]
    fn a_job_that_dies_is_gone_without_a_message() {
        let job: Job<u8> = Job::run(|| panic!("on purpose, in a test"));
        assert_eq!(wait(&job), Poll::Gone);
    }
}
