//! Lists read a page at a time, newest first (`kaiku_core::api::Page`).

pub use kaiku_core::api::Page;

/// The first `size` of `rows` (read one more than a page), and whether more remain.
pub fn page_of<T>(mut rows: Vec<T>, size: usize) -> (Vec<T>, bool) {
    let more = rows.len() > size;
    rows.truncate(size);
    (rows, more)
}
