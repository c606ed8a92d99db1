//! Finding and loading `debrief.toml` (SPEC 5), shared by `check` and the server.
//!
//! The search walks up from a file's folder and stops at the repository root (a folder
//! holding `.git`): configuration from outside the repository is never picked up.

use std::path::{Path, PathBuf};

use debrief_core::{Config, ConfigError};

/// Names a configuration file may have, in order of preference.
pub const CONFIG_NAMES: &[&str] = &["debrief.toml", ".debrief.toml"];

/// The largest configuration file read; anything bigger is refused as an error.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The nearest configuration file at or above `dir`, not looking past the repository root.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        match config_here(d) {
            Here::Config(path) => return Some(path),
            Here::RepositoryRoot => return None,
            Here::Neither => current = d.parent(),
        }
    }
    None
}

/// What one folder says to the search for a configuration file (see [`find_config`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Here {
    /// The folder holds a configuration file: the search ends with it.
    Config(PathBuf),
    /// The folder is a repository's root and holds none: the search ends without one.
    RepositoryRoot,
    /// The search goes on in the parent folder.
    Neither,
}

/// The step of [`find_config`] in one folder, for callers that remember each folder's
/// answer.
pub fn config_here(dir: &Path) -> Here {
    if let Some(path) = CONFIG_NAMES.iter().map(|name| dir.join(name)).find(|c| c.is_file()) {
        Here::Config(path)
    } else if dir.join(".git").exists() {
        Here::RepositoryRoot
    } else {
        Here::Neither
    }
}

/// A configuration as loaded from a file: the resolved config, where it came from,
/// and what was wrong with it.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// Defaults with the file applied (or just defaults).
    pub config: Config,
    /// The file, when there was one.
    pub path: Option<PathBuf>,
    /// The folder include/exclude globs are relative to.
    pub root: PathBuf,
    /// Problems, each with a line where known. The config still holds what was valid.
    pub errors: Vec<ConfigError>,
}

impl LoadedConfig {
    /// The defaults, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Self {
        LoadedConfig { config: Config::default(), path: None, root, errors: Vec::new() }
    }

    /// Loads the configuration file at `path`. An unreadable file is one error; the
    /// defaults are used.
    pub fn from_file(path: &Path) -> Self {
        let root =
            path.parent().filter(|p| !p.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        let read = std::fs::metadata(path).and_then(|m| {
            if m.len() > MAX_CONFIG_BYTES {
                Err(std::io::Error::other(format!("larger than {} KiB", MAX_CONFIG_BYTES / 1024)))
            } else {
                std::fs::read(path)
            }
        });
        let text = match read.map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                return LoadedConfig {
                    errors: vec![plain_error("not valid UTF-8")],
                    path: Some(path.to_path_buf()),
                    ..Self::defaults(root)
                };
            }
            Err(e) => {
                return LoadedConfig {
                    errors: vec![plain_error(&format!("cannot read: {e}"))],
                    path: Some(path.to_path_buf()),
                    ..Self::defaults(root)
                };
            }
        };
        let (config, errors) = Config::from_toml(&text);
        LoadedConfig { config, path: Some(path.to_path_buf()), root, errors }
    }

    /// `path` relative to the configuration root, `/`-separated, for glob matching.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let s = rel.to_string_lossy().replace('\\', "/");
        s.trim_start_matches("./").to_string()
    }
}

fn plain_error(message: &str) -> ConfigError {
    ConfigError { line: None, column: None, message: message.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_walks_up_and_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let outer = dir.path();
        std::fs::write(outer.join("debrief.toml"), "[rules]\ntimeline-gap = \"off\"\n").unwrap();
        let repo = outer.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("docs/postmortems")).unwrap();
        assert_eq!(find_config(&repo.join("docs/postmortems")), None, "the outer file is outside the repository");
        std::fs::write(repo.join(".debrief.toml"), "").unwrap();
        assert_eq!(find_config(&repo.join("docs/postmortems")), Some(repo.join(".debrief.toml")));
    }

    #[test]
    fn bad_files_fall_back_to_defaults_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("debrief.toml");
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        let loaded = LoadedConfig::from_file(&path);
        assert_eq!(loaded.errors.len(), 1);
        std::fs::write(&path, "[rules]\nnope = \"off\"\n").unwrap();
        let loaded = LoadedConfig::from_file(&path);
        assert_eq!(loaded.errors[0].line, Some(2));
        assert_eq!(loaded.relative(&dir.path().join("postmortems/a.md")), "postmortems/a.md");
    }
}
