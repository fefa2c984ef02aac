//! Lists read a page at a time, newest first.

/// A page of a list, and the key of its last item while older ones remain
/// (`?before=` asks for them).
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// The first `size` of `rows` (read one more than a page), and whether more remain.
pub fn page_of<T>(mut rows: Vec<T>, size: usize) -> (Vec<T>, bool) {
    let more = rows.len() > size;
    rows.truncate(size);
    (rows, more)
}
