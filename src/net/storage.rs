//! Where a host keeps the session's automerge document: in memory, or in a
//! folder, each chunk written atomically so a killed host loses no history.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use samod::storage::{InMemoryStorage, Storage, StorageKey};

use crate::io::{Overwrite, write_atomically};

/// A samod store: in memory for a session that ends with the window, in a
/// folder for `journeymap serve`, whose history must survive a restart.
#[derive(Clone)]
pub(crate) enum Store {
    /// Kept in memory.
    Memory(InMemoryStorage),
    /// Kept in this folder: one file per key, `a/b/c` for key `[a, b, c]`.
    Folder(PathBuf),
}

impl Store {
    /// The file of `key`, or `None` for a key that would leave the folder.
    fn path(folder: &Path, key: &StorageKey) -> Option<PathBuf> {
        let mut path = folder.to_owned();
        for part in key {
            // samod's key parts never hold `/`; refuse `.` and `..` too, and
            // dot files, which are the atomic writes' temporary files.
            if part.is_empty() || part.starts_with('.') || part.contains(['/', '\\']) {
                return None;
            }
            path.push(part);
        }
        Some(path)
    }
}

/// Every file under `dir`, by key, skipping temporary dot files.
fn read_tree(dir: &Path, prefix: &StorageKey, out: &mut HashMap<StorageKey, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(key) = prefix.with_component(name) else {
            continue;
        };
        let path = entry.path();
        if path.is_dir() {
            read_tree(&path, &key, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.insert(key, bytes);
        }
    }
}

/// Runs blocking file work off the runtime's thread.
async fn blocking<T: Send + 'static>(default: T, work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.unwrap_or(default)
}

impl Storage for Store {
    async fn load(&self, key: StorageKey) -> Option<Vec<u8>> {
        match self {
            Self::Memory(memory) => Storage::load(memory, key).await,
            Self::Folder(folder) => {
                let path = Self::path(folder, &key)?;
                blocking(None, move || std::fs::read(path).ok()).await
            }
        }
    }

    async fn load_range(&self, prefix: StorageKey) -> HashMap<StorageKey, Vec<u8>> {
        match self {
            Self::Memory(memory) => memory.load_range(prefix).await,
            Self::Folder(folder) => {
                let Some(path) = Self::path(folder, &prefix) else {
                    return HashMap::new();
                };
                blocking(HashMap::new(), move || {
                    let mut out = HashMap::new();
                    read_tree(&path, &prefix, &mut out);
                    out
                })
                .await
            }
        }
    }

    async fn put(&self, key: StorageKey, data: Vec<u8>) {
        match self {
            Self::Memory(memory) => memory.put(key, data).await,
            Self::Folder(folder) => {
                let Some(path) = Self::path(folder, &key) else {
                    return;
                };
                blocking((), move || {
                    let written = path
                        .parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .map_err(|error| error.to_string())
                        .and_then(|()| {
                            write_atomically(&path, &data, Overwrite::Allow)
                                .map_err(|error| error.to_string())
                        });
                    if let Err(error) = written {
                        super::log(&format!(
                            "cannot save the session's history in {}: {error}",
                            path.display()
                        ));
                    }
                })
                .await;
            }
        }
    }

    async fn delete(&self, key: StorageKey) {
        match self {
            Self::Memory(memory) => memory.delete(key).await,
            Self::Folder(folder) => {
                if let Some(path) = Self::path(folder, &key) {
                    blocking((), move || {
                        let _ = std::fs::remove_file(path);
                    })
                    .await;
                }
            }
        }
    }
}
