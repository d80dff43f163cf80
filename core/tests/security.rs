//! Issue #24: every promise of the README's "Security" section, tried as an
//! attacker and as a data protection officer would. Each case as found.

use samskab::format::SaveOptions;
use samskab::Network;

fn skovlund() -> Network {
    Network::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/skovlund.json"
    ))
    .unwrap()
}

/// A fresh empty folder for one test.
fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("samskab-security-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
mod files {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn save_never_writes_through_a_planted_link() {
        // Found: the temporary file had a predictable name and was opened
        // through an existing link, so `save` wrote into another file.
        let dir = folder("links");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.join("net.json");
        // Every name the old writer would have used, planted.
        for n in 0..64 {
            let name = format!(".net.json.{}-{n}.tmp", std::process::id());
            symlink(&victim, dir.join(name)).unwrap();
        }
        let net = skovlund();
        net.save(&target).unwrap();
        net.to_csv(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        // A link at the target itself is replaced, not followed.
        let linked = dir.join("linked.json");
        symlink(&victim, &linked).unwrap();
        net.save(&linked).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&linked).unwrap().file_type().is_symlink());
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".tmp") && !name.contains(&std::process::id().to_string())
            })
            .collect();
        assert!(left.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn save_keeps_the_mode_of_the_file_it_replaces_and_makes_new_files_private() {
        // Found: a file of mode 0600 became 0644 after `save`.
        let dir = folder("modes");
        let net = skovlund();
        let path = dir.join("net.json");
        net.save(&path).unwrap();
        assert_eq!(mode(&path), 0o600, "a new file is its owner's alone");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        net.save(&path).unwrap();
        assert_eq!(mode(&path), 0o640, "a replaced file keeps its mode");
        net.save_with(&path, &SaveOptions { mode: Some(0o644) }).unwrap();
        assert_eq!(mode(&path), 0o644, "unless the caller asks");
        net.to_csv(&dir).unwrap();
        assert_eq!(mode(&dir.join("actors.csv")), 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
