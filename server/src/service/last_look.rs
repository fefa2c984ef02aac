//! How a process's copy of stamped records knows what to read again. The database
//! stamps a record with its clock (`changed_at = time::now()`) in the transaction that
//! changes it; a reader asks for the stamps since its last look. A transaction stamps
//! before it commits, so a change may become visible with a stamp a little older than
//! the look that missed it: each look reads again a margin before the previous one.
//!
//! The margin is counted back from when the reader last looked, not from the newest
//! stamp it saw. From the newest stamp, a quiet organisation after a burst of writes
//! would read the burst's last thirty seconds again on every request, for as long as it
//! stays quiet (at 5,000 accounts, thousands of records each time).

use chrono::{DateTime, Duration, Utc};

/// Longer than any transaction takes from its stamp to its commit.
const REREAD_MARGIN: Duration = Duration::seconds(30);

/// How long stamps logged a row per change are kept (`topic_stamp`, forgotten by the
/// scheduler after this); a reader that has not looked for as long reads everything.
pub const STAMPS_KEPT: Duration = Duration::days(1);

/// When the reader last looked, by the database's clock; `None` before its first look.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct LastLook(Option<DateTime<Utc>>);

impl LastLook {
    /// The oldest stamp a change this reader has not seen can carry, at `now` (the
    /// database's clock); `None`: read everything, on the first look and after a look
    /// so long ago that stamps since may be forgotten.
    pub fn since(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let since = self.0? - REREAD_MARGIN;
        (since > now - STAMPS_KEPT + REREAD_MARGIN).then_some(since)
    }

    /// Takes in a look that began at `at` (the database's clock, read before the look)
    /// once what it found is kept. Looks that end out of order keep the later one.
    pub fn looked(&mut self, at: DateTime<Utc>) {
        self.0 = self.0.max(Some(at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn a_reader_reads_everything_first_then_from_a_margin_before_its_last_look() {
        let mut look = LastLook::default();
        assert_eq!(look.since(at(100)), None, "never looked: read everything");
        look.looked(at(100));
        assert_eq!(look.since(at(101)), Some(at(70)));
        look.looked(at(500));
        assert_eq!(
            look.since(at(501)),
            Some(at(470)),
            "a quiet while later the margin moves on, past the last burst of changes"
        );
    }

    #[test]
    fn a_look_that_ends_late_does_not_move_the_reader_back() {
        let mut look = LastLook::default();
        look.looked(at(200));
        look.looked(at(150));
        assert_eq!(look.since(at(201)), Some(at(170)));
    }

    #[test]
    fn a_reader_that_has_not_looked_for_a_day_reads_everything_again() {
        let mut look = LastLook::default();
        look.looked(at(0));
        let day = STAMPS_KEPT.num_seconds();
        assert_eq!(
            look.since(at(day - 3600)),
            Some(at(-30)),
            "within the day: what changed since"
        );
        assert_eq!(
            look.since(at(day)),
            None,
            "the stamps of the first changes after that look may be forgotten by now"
        );
    }
}
