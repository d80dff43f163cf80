//! Writing a file so that a crash leaves the old file or the new one, whole,
//! and nobody else can steer or read the write.
//!
//! The new text goes to a temporary file beside the target, created new
//! (never opened if something, a symbolic link included, already has its
//! name) under a name nobody can predict, with no access for group or
//! others; it takes the mode of the file it replaces (or the one asked
//! for), is synced, and is renamed over the target. A link planted at the
//! target itself is replaced, not written through.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How [`Network::save_with`](crate::Network::save_with) and
/// [`Network::to_csv_with`](crate::Network::to_csv_with) write files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveOptions {
    /// The permission bits of the file written (Unix, e.g. `0o640`). By
    /// default a file replaced keeps its own, and a new file is readable and
    /// writable by its owner only (`0o600`): a network holds personal data.
    pub mode: Option<u32>,
}

/// A name no other process can guess: the standard library's hasher keys
/// come from the operating system's randomness.
fn unpredictable() -> u64 {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

/// A temporary file in `folder`, created new under one of the names `names`
/// gives (the next when one is taken).
fn create_temp(
    folder: &Path,
    base: &str,
    mut names: impl FnMut() -> u64,
) -> std::io::Result<(PathBuf, File)> {
    let mut last = std::io::Error::new(ErrorKind::AlreadyExists, "no free temporary name");
    for _ in 0..32 {
        let path = folder.join(format!(".{base}.{:016x}.tmp", names()));
        let mut options = OpenOptions::new();
        // create_new is O_CREAT|O_EXCL: it fails on any existing name, a
        // symbolic link included, wherever the link points.
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// The permission bits the written file gets: asked for, or those of the
/// regular file it replaces, or owner-only.
#[cfg(unix)]
fn mode_for(path: &Path, options: &SaveOptions) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    options
        .mode
        .unwrap_or_else(|| match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_file() => m.permissions().mode() & 0o7777,
            _ => 0o600,
        })
}

/// Writes `path` atomically with `write`.
pub(crate) fn write_atomic_with(
    path: &Path,
    options: &SaveOptions,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    let io = Error::writing(path);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "network".to_owned());
    #[cfg(unix)]
    let mode = mode_for(path, options);
    #[cfg(not(unix))]
    let _ = options;
    let (tmp, file) = create_temp(&folder, &base, unpredictable).map_err(io)?;
    let result = (|| {
        {
            // Closed at the end of this block, before the rename.
            let mut file = file;
            write(&mut file)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(mode))?;
            }
            file.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        // The rename is durable only once the folder itself is synced.
        if let Ok(dir) = File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// Writes `text` to `path` atomically.
pub(crate) fn write_atomic(path: &Path, options: &SaveOptions, text: &str) -> Result<()> {
    use std::io::Write;
    write_atomic_with(path, options, |file| file.write_all(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_temporary_name_is_never_written_through() {
        let dir = std::env::temp_dir().join(format!("samskab-file-{}", unpredictable()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "mine").unwrap();
        // The first name the writer tries is taken by a link to the victim.
        let mut names = [7u64, 8].into_iter();
        std::os::unix::fs::symlink(&victim, dir.join(format!(".net.json.{:016x}.tmp", 7))).unwrap();
        let (path, mut file) = create_temp(&dir, "net.json", || names.next().unwrap_or(9)).unwrap();
        std::io::Write::write_all(&mut file, b"theirs").unwrap();
        assert_eq!(path, dir.join(format!(".net.json.{:016x}.tmp", 8)));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_are_not_predictable() {
        let a: Vec<u64> = (0..4).map(|_| unpredictable()).collect();
        assert!(a.windows(2).all(|w| w[0] != w[1]));
    }
}
