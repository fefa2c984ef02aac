//! The analysis' knowledge of Finnish and English, kept as plain data so it can be read,
//! reviewed and extended without touching the code that applies it.
//!
//! Pattern notation, shared by every list here and compiled by `matcher`:
//! - a plain word matches by Snowball stem: `tyytyväinen` matches "tyytyväisiä";
//! - `word*` matches any word that starts so (lower-cased): `luvat*` matches "luvattiin";
//! - `=word` matches only that very word (lower-cased), where a stem would say too much:
//!   `=report` is not "reported";
//! - `~not` matches any negation word of the language ("ei", "eivät", "not", "don't"…);
//! - words separated by spaces form a phrase; up to one other word may stand between two
//!   words of a phrase ("could be *much* better"), never a comma or a sentence end;
//! - in rules, `|` separates alternatives and `+` joins groups that must all appear in
//!   the same sentence, in any order: `reklamaatio* + ~not|vieläkään`.

pub(crate) mod sentiment;
pub(crate) mod signals;
pub(crate) mod themes;
pub(crate) mod words;
