//! Folders written whole or not at all.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Builds a folder beside `output` with `build`, then renames it into place,
/// replacing whatever `output` was only then: a failure (or a kill) on the
/// way leaves `output` as it was. The folder is readable by all, as a
/// published folder is meant to be.
pub fn replace_with<T>(output: &Path, build: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let name = output
        .file_name()
        .ok_or_else(|| Error::Write {
            path: output.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the output must name a folder",
            ),
        })?
        .to_string_lossy()
        .into_owned();
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    // A device or a pipe (`/dev/null`) is never replaced by a folder.
    if output.metadata().is_ok_and(|m| !m.is_dir() && !m.is_file()) {
        return Err(Error::Write {
            path: output.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a device or a pipe, not a folder",
            ),
        });
    }
    std::fs::create_dir_all(&parent).map_err(write_error(&parent))?;
    // Dropped on any error below, which deletes the half-built folder.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(write_error(&parent))?;
    readable_by_all(staging.path()).map_err(write_error(staging.path()))?;
    let built = build(staging.path())?;

    let fresh = staging.keep();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = output.symlink_metadata().is_ok();
    if had_old {
        if let Err(e) = std::fs::rename(output, &old) {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(write_error(output)(e));
        }
    }
    if let Err(e) = std::fs::rename(&fresh, output) {
        // Put the previous folder back rather than leave none.
        if had_old {
            let _ = std::fs::rename(&old, output);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(write_error(output)(e));
    }
    if had_old {
        let removed = if old.is_dir() {
            std::fs::remove_dir_all(&old)
        } else {
            std::fs::remove_file(&old)
        };
        removed.map_err(write_error(&old))?;
    }
    Ok(built)
}

pub(crate) fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + use<> {
    let path = path.to_owned();
    move |source| Error::Write { path, source }
}

#[cfg(unix)]
fn readable_by_all(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // A temporary folder is private (0700).
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn readable_by_all(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_leaves_the_old_folder() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out");
        replace_with(&output, |d| {
            std::fs::write(d.join("a"), "1").unwrap();
            Ok(())
        })
        .unwrap();
        let failed = replace_with(&output, |d| {
            std::fs::write(d.join("b"), "2").unwrap();
            Err::<(), _>(Error::QuadsDropped)
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(output.join("a")).unwrap(), "1");
        assert!(!output.join("b").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder is left behind");
        replace_with(&output, |d| {
            std::fs::write(d.join("b"), "2").unwrap();
            Ok(())
        })
        .unwrap();
        assert!(!output.join("a").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_pipe_is_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let refused = replace_with(&fifo, |_| Ok(()));
        assert!(
            matches!(&refused, Err(Error::Write { path, .. }) if *path == fifo),
            "{refused:?}"
        );
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}
