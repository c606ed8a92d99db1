//! Which configuration each document is analysed with (SPEC 5): the defaults, then the
//! nearest `debrief.toml`, then the editor's settings (`initializationOptions`,
//! `workspace/configuration` section `debrief`, `didChangeConfiguration`).
//!
//! Everything here runs on open and on configuration events, never per keystroke: a
//! document keeps an `Arc<DocConfig>` and its analyses reuse it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use debrief_core::config::DEFAULT_INCLUDE;
use debrief_core::{Config, ConfigFile};
use serde_json::{Map, Value};
use tower_lsp::lsp_types::Url;

use super::log::LogLevel;
use crate::workspace::{find_config, LoadedConfig};

/// The keys editor settings share with `debrief.toml`. Others in the `debrief` section
/// (`trace.server`, `logLevel`, the extension's own) are not configuration of the rules.
const CONFIG_KEYS: &[&str] = &["include", "exclude", "rules", "limits", "words"];

/// Editor settings, read from the `debrief` section.
#[derive(Debug, Clone, Default)]
pub struct EditorSettings {
    /// The configuration layer; `None` when the settings say nothing about the rules.
    pub layer: Option<ConfigFile>,
    /// `logLevel`, when set.
    pub log_level: Option<LogLevel>,
    /// `inlayHints`, when set: whether timeline entries show the time since the entry
    /// before and since impact began.
    pub inlay_hints: Option<bool>,
    /// What could not be used, one line each.
    pub errors: Vec<String>,
}

impl EditorSettings {
    /// Reads settings. Each key that cannot be used is dropped and reported on its own
    /// (for `rules` and the other tables, each entry), so one typo does not discard the rest.
    pub fn from_json(value: &Value) -> Self {
        let mut settings = EditorSettings::default();
        let Some(object) = value.as_object() else {
            if !value.is_null() {
                settings.errors.push("the `debrief` settings should be an object".into());
            }
            return settings;
        };
        if let Some(level) = object.get("logLevel").filter(|v| !v.is_null()) {
            match level.as_str().and_then(LogLevel::parse) {
                Some(l) => settings.log_level = Some(l),
                None => {
                    settings.errors.push(format!("logLevel {level} is not one of off, error, warn, info, debug, trace"))
                }
            }
        }
        if let Some(hints) = object.get("inlayHints").filter(|v| !v.is_null()) {
            match hints.as_bool() {
                Some(on) => settings.inlay_hints = Some(on),
                None => settings.errors.push(format!("inlayHints {hints} is not true or false")),
            }
        }
        let mut kept = Map::new();
        for key in CONFIG_KEYS {
            let Some(v) = object.get(*key).filter(|v| !v.is_null()) else { continue };
            let single = |v: Value| Value::Object(Map::from_iter([(key.to_string(), v)]));
            match ConfigFile::from_json(&single(v.clone())) {
                Ok(_) => {
                    kept.insert(key.to_string(), v.clone());
                }
                Err(e) => match v.as_object() {
                    Some(entries) => {
                        let mut good = Map::new();
                        for (name, entry) in entries {
                            let one = single(Value::Object(Map::from_iter([(name.clone(), entry.clone())])));
                            match ConfigFile::from_json(&one) {
                                Ok(_) => {
                                    good.insert(name.clone(), entry.clone());
                                }
                                Err(e) => settings.errors.push(format!("{key}.{name}: {}", e.message)),
                            }
                        }
                        kept.insert(key.to_string(), Value::Object(good));
                    }
                    None => settings.errors.push(format!("{key}: {}", e.message)),
                },
            }
        }
        if kept.is_empty() {
            return settings;
        }
        match ConfigFile::from_json(&Value::Object(kept)) {
            Ok(layer) => {
                // Validate against the defaults once here, so errors are reported once
                // per settings change rather than once per document.
                let errors = Config::default().apply(&layer, None);
                settings.errors.extend(errors.into_iter().map(|e| e.message));
                settings.layer = Some(layer);
            }
            Err(e) => settings.errors.push(e.message),
        }
        settings
    }

    /// Reads the payload of `didChangeConfiguration` from a client that cannot answer
    /// `workspace/configuration`: `{"debrief": {…}}`, or the section itself.
    pub fn from_change_notification(settings: &Value) -> Option<Self> {
        match settings.get("debrief") {
            Some(section) => Some(Self::from_json(section)),
            None if settings.as_object().is_some_and(|o| {
                o.keys().any(|k| CONFIG_KEYS.contains(&k.as_str()) || k == "logLevel" || k == "inlayHints")
            }) =>
            {
                Some(Self::from_json(settings))
            }
            None => None,
        }
    }
}

/// The configuration a document is analysed with.
#[derive(Debug)]
pub struct DocConfig {
    /// Layers applied.
    pub config: Config,
    /// The file and folder it came from.
    pub loaded: Arc<LoadedConfig>,
    /// Bumped by every configuration change, so analyses made with an older one are stale.
    pub generation: u64,
    /// Whether the editor settings want inlay hints (`debrief.inlayHints`, on by default).
    pub inlay_hints: bool,
}

impl DocConfig {
    /// Whether `path` is a debrief by the `include` and `exclude` globs, matched against
    /// the path relative to the configuration's folder. The default globs name folders
    /// ("any folder named postmortems") and are also matched against the whole path, so
    /// a workspace opened on `postmortems/` itself still counts. Touches the file system:
    /// call on open and on configuration changes, not per keystroke.
    pub fn includes(&self, path: &Path) -> bool {
        // The configuration root is canonical; so must the path be, to be relative to it.
        let canonical = std::fs::canonicalize(path).ok();
        let path = canonical.as_deref().unwrap_or(path);
        let relative = self.loaded.relative(path);
        if self.config.includes_path(&relative) {
            return true;
        }
        let default_globs = self.config.include().iter().map(String::as_str).eq(DEFAULT_INCLUDE.iter().copied());
        if !default_globs {
            return false;
        }
        let absolute = path.to_string_lossy().replace('\\', "/");
        self.config.includes_path(absolute.trim_start_matches('/')) && !self.config.excludes_path(&relative)
    }
}

/// A workspace folder.
#[derive(Debug, Clone)]
pub struct Folder {
    /// As the client names it.
    pub uri: Url,
    /// On disk.
    pub path: PathBuf,
}

#[derive(Debug)]
struct CachedToml {
    modified: Option<SystemTime>,
    loaded: Arc<LoadedConfig>,
}

/// Workspace folders, editor settings and `debrief.toml` files, and the configuration
/// each document gets from them.
#[derive(Debug, Default)]
pub struct ConfigStore {
    folders: Vec<Folder>,
    global: EditorSettings,
    per_folder: HashMap<Url, EditorSettings>,
    tomls: HashMap<PathBuf, CachedToml>,
    resolved: HashMap<(Option<PathBuf>, Option<usize>), Arc<DocConfig>>,
    generation: u64,
    /// Configuration files loaded since the last [`ConfigStore::take_loaded`], whose
    /// problems (or their absence) the server reports on the file.
    loaded_since: Vec<Arc<LoadedConfig>>,
}

impl ConfigStore {
    /// The workspace folders.
    pub fn folders(&self) -> &[Folder] {
        &self.folders
    }

    /// Replaces the workspace folders.
    pub fn set_folders(&mut self, folders: Vec<Folder>) {
        self.per_folder.retain(|uri, _| folders.iter().any(|f| &f.uri == uri));
        self.folders = folders;
        self.changed();
    }

    /// Replaces the settings that apply everywhere (unscoped).
    pub fn set_global(&mut self, settings: EditorSettings) {
        self.global = settings;
        self.changed();
    }

    /// Replaces the settings scoped to one workspace folder.
    pub fn set_folder_settings(&mut self, folder: Url, settings: EditorSettings) {
        self.per_folder.insert(folder, settings);
        self.changed();
    }

    /// A configuration file was created, changed or deleted: read it again (so its
    /// problems are reported even if no open document uses it), and make every document
    /// resolve again, since the nearest file may now be another.
    pub fn file_changed(&mut self, path: &Path) {
        self.tomls.remove(path);
        if path.is_file() {
            self.toml(path);
        }
        self.changed();
    }

    /// Configuration files changed on disk since they were read, and files now at the
    /// root of a workspace folder that were never read: for clients that cannot watch
    /// files for us, checked every few seconds.
    pub fn files_changed_on_disk(&self) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = self
            .tomls
            .iter()
            .filter(|(path, cached)| std::fs::metadata(path).and_then(|m| m.modified()).ok() != cached.modified)
            .map(|(path, _)| path.clone())
            .collect();
        for folder in &self.folders {
            if let Some(path) = find_config(&folder.path) {
                if !self.tomls.contains_key(&path) && !changed.contains(&path) {
                    changed.push(path);
                }
            }
        }
        changed
    }

    /// The current generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Configuration files loaded since the last call.
    pub fn take_loaded(&mut self) -> Vec<Arc<LoadedConfig>> {
        std::mem::take(&mut self.loaded_since)
    }

    /// Loads the configuration file of each workspace folder (at or above it), so its
    /// problems show before any document is opened.
    pub fn load_folder_files(&mut self) {
        let dirs: Vec<PathBuf> = self.folders.iter().map(|f| f.path.clone()).collect();
        for dir in dirs {
            if let Some(path) = find_config(&dir) {
                self.toml(&path);
            }
        }
    }

    /// The configuration for a document at `path` (`None` for unsaved documents).
    pub fn resolve(&mut self, path: Option<&Path>) -> Arc<DocConfig> {
        let dir = path.and_then(Path::parent);
        let folder = path.and_then(|p| self.folder_of(p));
        let toml = dir.and_then(find_config);
        if let Some(t) = &toml {
            self.toml(t);
        }
        let key = (toml.clone(), folder);
        if let Some(found) = self.resolved.get(&key) {
            return found.clone();
        }
        let loaded = match &toml {
            Some(t) => self.tomls[t].loaded.clone(),
            None => {
                let root = folder
                    .map(|i| self.folders[i].path.clone())
                    .or_else(|| dir.map(Path::to_path_buf))
                    .unwrap_or_else(|| PathBuf::from("."));
                Arc::new(LoadedConfig::defaults(root))
            }
        };
        let mut config = loaded.config.clone();
        let folder_settings = folder.and_then(|i| self.per_folder.get(&self.folders[i].uri));
        let editor = folder_settings.filter(|s| s.layer.is_some()).unwrap_or(&self.global);
        if let Some(layer) = &editor.layer {
            // Errors were reported when the settings were read.
            let _ = config.apply(layer, None);
        }
        let inlay_hints = folder_settings.and_then(|s| s.inlay_hints).or(self.global.inlay_hints).unwrap_or(true);
        let resolved = Arc::new(DocConfig { config, loaded, generation: self.generation, inlay_hints });
        self.resolved.insert(key, resolved.clone());
        resolved
    }

    /// The log level the settings ask for: a folder's, else the global one.
    pub fn log_level(&self) -> Option<LogLevel> {
        self.global.log_level.or_else(|| self.per_folder.values().find_map(|s| s.log_level))
    }

    /// The index of the innermost workspace folder holding `path`.
    fn folder_of(&self, path: &Path) -> Option<usize> {
        self.folders
            .iter()
            .enumerate()
            .filter(|(_, f)| path.starts_with(&f.path))
            .max_by_key(|(_, f)| f.path.as_os_str().len())
            .map(|(i, _)| i)
    }

    /// The loaded file at `path`, read again when it changed on disk since (a fallback
    /// for clients that do not watch files for us).
    fn toml(&mut self, path: &Path) {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if let Some(cached) = self.tomls.get(path) {
            if cached.modified == modified {
                return;
            }
            self.changed();
        }
        let loaded = Arc::new(LoadedConfig::from_file(path));
        self.loaded_since.push(loaded.clone());
        self.tomls.insert(path.to_path_buf(), CachedToml { modified, loaded });
    }

    fn changed(&mut self) {
        self.generation += 1;
        self.resolved.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_keep_what_is_valid_and_report_the_rest() {
        let s = EditorSettings::from_json(&json!({
            "rules": {"blame-judgement": "off", "timeline-gap": "loud"},
            "limits": {"gap-minutes": 90},
            "logLevel": "debug",
            "trace": {"server": "verbose"},
        }));
        let layer = s.layer.expect("a layer");
        assert_eq!(s.log_level, Some(LogLevel::Debug));
        assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
        assert!(s.errors[0].starts_with("rules.timeline-gap"), "{:?}", s.errors);
        let mut c = Config::default();
        assert!(c.apply(&layer, None).is_empty());
        assert_eq!(c.severity("blame-judgement"), None);
        assert!(c.severity("timeline-gap").is_some());
        assert_eq!(c.limits.gap_minutes, 90);
    }

    #[test]
    fn unknown_rule_ids_in_settings_are_reported() {
        let s = EditorSettings::from_json(&json!({"rules": {"blame-judgment": "off"}}));
        assert_eq!(s.errors.len(), 1);
        assert!(s.errors[0].contains("blame-judgement"), "{:?}", s.errors);
        assert!(EditorSettings::from_json(&json!(null)).errors.is_empty());
        assert!(EditorSettings::from_json(&json!({})).layer.is_none());
    }

    #[test]
    fn change_notifications_carry_the_section_or_the_settings() {
        let s = EditorSettings::from_change_notification(&json!({"debrief": {"rules": {"timeline-gap": "off"}}}));
        assert!(s.unwrap().layer.is_some());
        let s = EditorSettings::from_change_notification(&json!({"rules": {"timeline-gap": "off"}}));
        assert!(s.unwrap().layer.is_some());
        assert!(EditorSettings::from_change_notification(&json!({"other": 1})).is_none());
    }

    #[test]
    fn documents_get_the_nearest_file_and_the_editor_layer_on_top() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("ops/postmortems")).unwrap();
        std::fs::write(root.join("debrief.toml"), "[rules]\ntimeline-gap = \"error\"\nblame-judgement = \"info\"\n")
            .unwrap();
        let mut store = ConfigStore::default();
        store.set_folders(vec![Folder { uri: Url::from_directory_path(&root).unwrap(), path: root.clone() }]);
        store.set_global(EditorSettings::from_json(&json!({"rules": {"blame-judgement": "off"}})));
        let doc = root.join("ops/postmortems/a.md");
        let c = store.resolve(Some(&doc));
        assert_eq!(store.take_loaded().len(), 1);
        assert_eq!(c.config.severity("timeline-gap"), Some(debrief_core::Severity::Error));
        assert_eq!(c.config.severity("blame-judgement"), None, "the editor overrides the file");
        assert!(c.includes(&doc));
        assert!(!c.includes(&root.join("README.md")));
        let again = store.resolve(Some(&root.join("ops/postmortems/b.md")));
        assert!(Arc::ptr_eq(&c, &again), "documents share a resolved configuration");
        assert!(store.take_loaded().is_empty(), "an unchanged file is not read again");
    }

    #[test]
    fn changed_files_are_found_and_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let mut store = ConfigStore::default();
        store.set_folders(vec![Folder { uri: Url::from_directory_path(&root).unwrap(), path: root.clone() }]);
        let doc = root.join("a.md");
        assert!(store.resolve(Some(&doc)).loaded.path.is_none());
        assert!(store.files_changed_on_disk().is_empty());

        let toml = root.join("debrief.toml");
        std::fs::write(&toml, "[rules]\ntimeline-gap = \"off\"\n").unwrap();
        assert_eq!(store.files_changed_on_disk(), vec![toml.clone()], "a new file at the folder root");
        store.file_changed(&toml);
        assert_eq!(store.take_loaded().len(), 1);
        assert_eq!(store.resolve(Some(&doc)).config.severity("timeline-gap"), None);
        assert!(store.files_changed_on_disk().is_empty());

        std::fs::remove_file(&toml).unwrap();
        assert_eq!(store.files_changed_on_disk(), vec![toml.clone()]);
        store.file_changed(&toml);
        assert!(store.resolve(Some(&doc)).config.severity("timeline-gap").is_some(), "back to the defaults");
    }

    #[test]
    fn default_globs_also_match_a_folder_opened_on_postmortems_itself() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("postmortems");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let mut store = ConfigStore::default();
        store.set_folders(vec![Folder { uri: Url::from_directory_path(&root).unwrap(), path: root.clone() }]);
        let c = store.resolve(Some(&root.join("a.md")));
        assert!(c.includes(&root.join("a.md")));
        store.set_global(EditorSettings::from_json(&json!({"include": ["ops/*.md"]})));
        let c = store.resolve(Some(&root.join("a.md")));
        assert!(!c.includes(&root.join("a.md")), "user globs are relative to the folder");
        assert!(c.includes(&root.join("ops/b.md")));
    }
}
