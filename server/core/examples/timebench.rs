//! Times the date/time search alone on sample entry heads (development aid).
fn main() {
    let heads = [
        "| 2021-12-10   16:10 | IT-Security published messaged on MS Teams and Slack about it |",
        "Fault occurs 2020-02-12 11:45",
        "Dec 17th **08:21** `@blueturtleai ` 2nd Report, and first confirmation of media",
        "- 2022-02-02 1758: tynes and smartcontracts confirm the issue on the huddle.",
        "The final release was published (including mac and windows installers), and an announcement",
    ];
    let n = 20000;
    for h in heads {
        let t = std::time::Instant::now();
        let mut k = 0;
        for _ in 0..n {
            k += debrief_core::times::find_first(h).is_some() as usize;
        }
        println!("{:?} per call  {k} {h:.40}", t.elapsed() / n as u32);
    }
}
