//! Runs only `analyse` on a file in a loop, for profilers: `perf record … profile FILE N`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let text = std::fs::read_to_string(path).expect("read");
    let config = debrief_core::Config::default();
    let mut total = 0;
    for _ in 0..runs {
        total += debrief_core::analyse(&text, &config).len();
    }
    println!("{total}");
}
