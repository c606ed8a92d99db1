//! What the searches of one document's analysis found, by the text searched, and the
//! timelines it read, for a caller analysing version after version of it: the lines a
//! timeline or a follow-up list is read from seldom change between two versions.

use std::ops::Range;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::document::PartId;
use crate::timeline::Kept;
use crate::times::{self, TimeExpr, Zone};

/// Remembers what [`times::find_first`], [`times::find_all`] and [`times::find_zone`]
/// found, and what a follow-up says of its owner and ticket, by the text searched; and
/// the timelines of the last version read, by the parts they lie in.
#[derive(Debug, Default)]
pub struct Memo(Mutex<Remembered>);

/// What a [`Memo`] holds: each search's answers by the text searched.
#[derive(Debug, Default)]
struct Remembered {
    first: Answers<Option<TimeExpr>>,
    all: Answers<Vec<TimeExpr>>,
    zone: Answers<Option<Zone>>,
    /// A follow-up's marks by its whole text, with the stretch of it read as its first
    /// line (`None` for a table row, which is read whole).
    marks: Answers<(Option<Range<usize>>, Marks)>,
    /// The bytes of `marks`' keys: a follow-up's text can be long, where a timeline's line
    /// searched is not.
    marks_bytes: usize,
    /// The last version's timelines.
    timelines: Kept,
    /// Every capitalised word the rules asked about in earlier versions, sorted: what the
    /// document says of them decides whether findings kept from then still hold.
    people_words: std::collections::BTreeSet<Box<str>>,
    /// What the last version said of those words, and its parts (see
    /// [`crate::people::People::new_after`]).
    people_totals: Option<crate::people::PeopleTotals>,
    /// The severity the first "Severity: SEV2" line of each part states, by part.
    severities: std::collections::HashMap<PartId, Option<u8>, foldhash::fast::RandomState>,
}

/// What a follow-up's text says beyond its words: an owner, a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// An owner is named.
    pub owner: bool,
    /// A ticket is linked.
    pub ticket: bool,
}

/// Answers by the text searched. Hashed with foldhash: these keys are the document's own
/// lines, looked up hundreds of times a keystroke, and SipHash's resistance to chosen
/// keys is not worth its cost here (it was a seventh of reading the timelines).
type Answers<T> = std::collections::HashMap<Box<str>, T, foldhash::fast::RandomState>;

impl Memo {
    /// Texts remembered at most, each way; past this the memo starts again (each
    /// keystroke in a timeline line adds one).
    const CAPACITY: usize = 20_000;

    /// Bytes of follow-up text remembered at most; past this the memo of marks starts
    /// again. A follow-up longer than [`Memo::LONGEST`] is read every time instead.
    const MARKS_BYTES: usize = 1 << 20;
    const LONGEST: usize = 4 << 10;

    fn lock(&self) -> MutexGuard<'_, Remembered> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The capitalised words the rules asked about in earlier versions.
    pub fn people_words(&self) -> Vec<Box<str>> {
        self.lock().people_words.iter().cloned().collect()
    }

    /// What the last version said of the words looked up, taken for the next.
    pub(crate) fn take_people_totals(&self) -> Option<crate::people::PeopleTotals> {
        self.lock().people_totals.take()
    }

    /// Keeps what this version said of the words looked up, for the next.
    pub(crate) fn keep_people_totals(&self, totals: crate::people::PeopleTotals) {
        self.lock().people_totals = Some(totals);
    }

    /// Adds words the rules asked about.
    pub fn add_people_words(&self, words: Vec<Box<str>>) {
        let mut lock = self.lock();
        // Bounded like the other answers: a document rewritten many times starts again.
        if lock.people_words.len() > Self::CAPACITY {
            lock.people_words.clear();
        }
        lock.people_words.extend(words);
    }

    /// The severity the first "Severity:" line of a part states (`read`), remembered by
    /// the part, which the document's next versions may reuse.
    pub(crate) fn part_severity(&self, part: PartId, read: impl FnOnce() -> Option<u8>) -> Option<u8> {
        if let Some(&known) = self.lock().severities.get(&part) {
            return known;
        }
        let found = read();
        let mut memo = self.lock();
        if memo.severities.len() >= Self::CAPACITY {
            memo.severities.clear();
        }
        memo.severities.insert(part, found);
        found
    }

    /// [`times::find_first`], remembered.
    pub fn find_first(&self, text: &str) -> Option<TimeExpr> {
        remembered(&mut self.lock().first, text, times::find_first)
    }

    /// [`times::find_all`], remembered.
    pub fn find_all(&self, text: &str) -> Vec<TimeExpr> {
        remembered(&mut self.lock().all, text, times::find_all)
    }

    /// [`times::find_zone`], remembered.
    pub fn find_zone(&self, text: &str) -> Option<Zone> {
        remembered(&mut self.lock().zone, text, times::find_zone)
    }

    /// The timelines kept from the last version read, leaving none.
    pub(crate) fn take_timelines(&self) -> Kept {
        std::mem::take(&mut self.lock().timelines)
    }

    /// Keeps the timelines of the version just read, for the next.
    pub(crate) fn keep_timelines(&self, timelines: Kept) {
        self.lock().timelines = timelines;
    }

    /// What `read` finds in a follow-up whose whole text is `whole` and whose first line
    /// is the stretch `first` of it (`None` for a table row), remembered.
    pub fn marks(&self, whole: &str, first: Option<Range<usize>>, read: impl FnOnce() -> Marks) -> Marks {
        if whole.len() > Self::LONGEST {
            return read();
        }
        if let Some((seen, marks)) = self.lock().marks.get(whole) {
            if *seen == first {
                return *marks;
            }
        }
        let marks = read();
        let mut memo = self.lock();
        if memo.marks.len() >= Self::CAPACITY || memo.marks_bytes + whole.len() > Self::MARKS_BYTES {
            memo.marks.clear();
            memo.marks_bytes = 0;
        }
        if memo.marks.insert(whole.into(), (first, marks)).is_none() {
            memo.marks_bytes += whole.len();
        }
        marks
    }
}

/// The language layer's look-ups of a text, through a [`Memo`] when the document is
/// analysed version after version, else made each time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lookup<'m>(Option<&'m Memo>);

impl<'m> Lookup<'m> {
    /// Look-ups through `memo`, when there is one.
    pub fn new(memo: Option<&'m Memo>) -> Self {
        Lookup(memo)
    }

    /// The memo, if there is one.
    pub(crate) fn memo(self) -> Option<&'m Memo> {
        self.0
    }

    /// The first date or time expression in `text` ([`times::find_first`]).
    pub fn first_time(self, text: &str) -> Option<TimeExpr> {
        self.0.map_or_else(|| times::find_first(text), |memo| memo.find_first(text))
    }

    /// Every date or time expression in `text` ([`times::find_all`]).
    pub fn all_times(self, text: &str) -> Vec<TimeExpr> {
        self.0.map_or_else(|| times::find_all(text), |memo| memo.find_all(text))
    }

    /// The time zone `text` names ([`times::find_zone`]).
    pub fn zone_in(self, text: &str) -> Option<Zone> {
        self.0.map_or_else(|| times::find_zone(text), |memo| memo.find_zone(text))
    }

    /// What a follow-up whose whole text is `whole`, with its first line the stretch
    /// `first` of it (`None` for a table row), says of its owner and ticket (`read`).
    pub(crate) fn followup_marks(
        self,
        whole: &str,
        first: Option<Range<usize>>,
        read: impl FnOnce() -> Marks,
    ) -> Marks {
        match self.0 {
            Some(memo) => memo.marks(whole, first, read),
            None => read(),
        }
    }

    /// The severity a part's first "Severity:" line states (`read`).
    pub(crate) fn part_severity(self, part: PartId, read: impl FnOnce() -> Option<u8>) -> Option<u8> {
        match self.0 {
            Some(memo) => memo.part_severity(part, read),
            None => read(),
        }
    }
}

/// What `find` gives for `text`, from `memo` when it is there.
fn remembered<T: Clone>(memo: &mut Answers<T>, text: &str, find: impl FnOnce(&str) -> T) -> T {
    if let Some(found) = memo.get(text) {
        return found.clone();
    }
    let found = find(text);
    if memo.len() >= Memo::CAPACITY {
        memo.clear();
    }
    memo.insert(text.into(), found.clone());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_again_for_another_first_line_or_a_row() {
        let memo = Memo::default();
        let (yes, no) = (Marks { owner: true, ticket: false }, Marks { owner: false, ticket: false });
        assert_eq!(memo.marks("- a (Dana)", Some(2..10), || yes), yes);
        assert_eq!(memo.marks("- a (Dana)", Some(2..10), || unreachable!("remembered")), yes);
        assert_eq!(memo.marks("- a (Dana)", Some(0..1), || no), no, "another first line");
        assert_eq!(memo.marks("- a (Dana)", None, || no), no, "a row");
        assert_eq!(memo.marks("- a (Dana)", None, || unreachable!("remembered")), no);
    }

    #[test]
    fn long_follow_ups_are_not_remembered_and_the_memo_stays_small() {
        let memo = Memo::default();
        let mark = Marks { owner: true, ticket: true };
        let long = "x".repeat(Memo::LONGEST + 1);
        memo.marks(&long, None, || mark);
        assert!(memo.lock().marks.is_empty());
        let item = "y".repeat(Memo::LONGEST);
        for i in 0..Memo::MARKS_BYTES / Memo::LONGEST * 3 {
            memo.marks(&format!("{i}{item}"), None, || mark);
            let held = memo.lock();
            assert_eq!(held.marks_bytes, held.marks.keys().map(|k| k.len()).sum::<usize>());
            assert!(held.marks_bytes <= Memo::MARKS_BYTES);
        }
    }
}
