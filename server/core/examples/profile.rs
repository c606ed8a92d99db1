//! Runs only the analysis on a file in a loop, for profilers: `perf record … profile FILE N`.
//! With `--edit`, each run types or deletes one character at the start of the middle line
//! and analyses that version reusing the last one's parse, as the language server does.
//! FILE may be a directory: each run then analyses every `.md` file under it, one after
//! the other, as `analyse_corpus` in the analysis benchmark does.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let edit = args.iter().any(|a| a == "--edit");
    let mut rest = args.iter().filter(|a| *a != "--edit");
    let path = rest.next().expect("a file");
    let runs: usize = rest.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    if std::path::Path::new(path).is_dir() {
        let mut texts = Vec::new();
        markdown_under(std::path::Path::new(path), &mut texts);
        let config = debrief_core::Config::default();
        let total: usize =
            (0..runs).map(|_| texts.iter().map(|t| debrief_core::analyse(t, &config).len()).sum::<usize>()).sum();
        println!("{total} in {} files", texts.len());
        return;
    }
    let text = std::fs::read_to_string(path).expect("read");
    let config = debrief_core::Config::default();
    let mut total = 0;
    if edit {
        let middle = text.match_indices('\n').nth(text.lines().count() / 2).map_or(0, |(i, _)| i + 1);
        let mut incremental = debrief_core::Incremental::default();
        incremental.analyse(text.clone(), &config);
        for run in 0..runs {
            let mut version = text.clone();
            if run % 2 == 0 {
                version.insert(middle, 'x');
            }
            total += incremental.analyse(version, &config).diagnostics.len();
        }
    } else {
        for _ in 0..runs {
            total += debrief_core::analyse(&text, &config).len();
        }
    }
    println!("{total}");
}

fn markdown_under(dir: &std::path::Path, texts: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_under(&path, texts);
        } else if path.extension().is_some_and(|e| e == "md") {
            texts.push(std::fs::read_to_string(&path).expect("read"));
        }
    }
}
