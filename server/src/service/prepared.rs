//! Large answers serialised once per state of what they are made of. The heatmap and
//! its history run to megabytes on thousands of accounts, are read by every leader,
//! and change far less often than they are read: each is kept as JSON (and, once a
//! client asks, compressed) under a fingerprint of its inputs, and named by an ETag
//! so a browser that holds it gets `304 Not Modified` instead.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use poem::web::{Compress, CompressionAlgo, CompressionLevel};
use poem::{Body, IntoResponse};
use serde::Serialize;
use tokio::sync::OnceCell;

use crate::error::{ApiError, ApiResult};

/// One answer, serialised, with its compressed forms made on first use.
pub struct PreparedJson {
    etag: String,
    json: Vec<u8>,
    brotli: OnceCell<Vec<u8>>,
    gzip: OnceCell<Vec<u8>>,
}

/// Brotli's quality 6: an answer is compressed once and sent many times, so a little
/// more of the first reader's time than per-request compression spends is repaid.
const BROTLI_QUALITY: i32 = 6;

impl PreparedJson {
    pub fn new(value: &impl Serialize) -> ApiResult<PreparedJson> {
        let json = serde_json::to_vec(value).map_err(ApiError::internal)?;
        let mut hasher = DefaultHasher::new();
        json.hash(&mut hasher);
        Ok(PreparedJson {
            // Weak: the brotli, gzip and plain bodies are one answer in three codings.
            etag: format!("W/\"{:016x}\"", hasher.finish()),
            json,
            brotli: OnceCell::new(),
            gzip: OnceCell::new(),
        })
    }

    pub fn etag(&self) -> &str {
        &self.etag
    }

    pub fn json(&self) -> &[u8] {
        &self.json
    }

    /// The body compressed with `algo` (brotli or gzip), made the first time it is asked for.
    pub async fn compressed(&self, algo: CompressionAlgo) -> poem::Result<&[u8]> {
        let (cell, level) = match algo {
            CompressionAlgo::BR => (&self.brotli, CompressionLevel::Precise(BROTLI_QUALITY)),
            _ => (&self.gzip, CompressionLevel::Default),
        };
        let body = cell
            .get_or_try_init(|| async {
                let compressed = Compress::new(Body::from(self.json.clone()), algo).with_quality(level);
                compressed.into_response().into_body().into_vec().await
            })
            .await?;
        Ok(body)
    }
}

/// The inputs an answer is made of, hashed: an answer kept under the same fingerprint
/// is the answer these inputs make.
pub struct Fingerprint(DefaultHasher);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(DefaultHasher::new())
    }
}

impl io::Write for Fingerprint {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Fingerprint {
    pub fn with(mut self, value: &impl Serialize) -> ApiResult<Fingerprint> {
        serde_json::to_writer(&mut self, value).map_err(ApiError::internal)?;
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0.write_u8(0xff);
        Ok(self)
    }

    /// A map's entries in key order: two maps with the same entries hash alike.
    pub fn with_map<K: Ord + Serialize, V: Serialize>(self, map: &HashMap<K, V>) -> ApiResult<Fingerprint> {
        self.with(&map.iter().collect::<BTreeMap<_, _>>())
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// Answers kept per organisation and view (which answer, for whom).
#[derive(Default)]
pub struct PreparedAnswers {
    kept: Mutex<HashMap<(String, String), Kept>>,
}

struct Kept {
    fingerprint: u64,
    answer: Arc<PreparedJson>,
    used: Instant,
}

/// Each kept answer may run to a few megabytes; members each have their own.
const MAX_KEPT: usize = 64;

impl PreparedAnswers {
    /// The answer kept for `org`'s `view` if it was made from the same inputs.
    pub fn get(&self, org: &str, view: &str, fingerprint: u64) -> Option<Arc<PreparedJson>> {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entry = kept.get_mut(&(org.to_string(), view.to_string()))?;
        if entry.fingerprint != fingerprint {
            return None;
        }
        entry.used = Instant::now();
        Some(entry.answer.clone())
    }

    /// Keeps `answer`, forgetting the least recently used one beyond the limit.
    pub fn keep(&self, org: &str, view: &str, fingerprint: u64, answer: Arc<PreparedJson>) {
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.insert(
            (org.to_string(), view.to_string()),
            Kept {
                fingerprint,
                answer,
                used: Instant::now(),
            },
        );
        if kept.len() > MAX_KEPT
            && let Some(oldest) = kept
                .iter()
                .min_by_key(|(_, entry)| entry.used)
                .map(|(key, _)| key.clone())
        {
            kept.remove(&oldest);
        }
    }

    /// The kept answer for these inputs, or `make`'s, kept from now on.
    pub async fn get_or_make<T: Serialize>(
        &self,
        org: &str,
        view: &str,
        fingerprint: u64,
        make: impl AsyncFnOnce() -> ApiResult<T>,
    ) -> ApiResult<Arc<PreparedJson>> {
        if let Some(answer) = self.get(org, view, fingerprint) {
            return Ok(answer);
        }
        let answer = Arc::new(PreparedJson::new(&make().await?)?);
        self.keep(org, view, fingerprint, answer.clone());
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_with_the_same_entries_have_one_fingerprint_and_any_change_another() {
        let a: HashMap<String, u32> = (0..100).map(|i| (format!("k{i}"), i)).collect();
        let b: HashMap<String, u32> = (0..100).rev().map(|i| (format!("k{i}"), i)).collect();
        let print = |m: &HashMap<String, u32>| Fingerprint::default().with_map(m).unwrap().finish();
        assert_eq!(print(&a), print(&b));
        let mut c = b.clone();
        c.insert("k7".into(), 8);
        assert_ne!(print(&a), print(&c));
        let split = |x: &str, y: &str| Fingerprint::default().with(&x).unwrap().with(&y).unwrap().finish();
        assert_ne!(split("ab", "c"), split("a", "bc"));
    }

    #[test]
    fn a_kept_answer_is_given_only_for_its_own_inputs_and_the_least_used_goes_first() {
        let answers = PreparedAnswers::default();
        let answer = Arc::new(PreparedJson::new(&serde_json::json!({"rows": [1, 2]})).unwrap());
        answers.keep("org:a", "heatmap", 1, answer.clone());
        assert!(answers.get("org:a", "heatmap", 1).is_some());
        assert!(answers.get("org:a", "heatmap", 2).is_none());
        assert!(answers.get("org:b", "heatmap", 1).is_none());
        for i in 0..MAX_KEPT {
            answers.keep("org:c", &format!("view {i}"), 1, answer.clone());
        }
        assert!(
            answers.get("org:a", "heatmap", 1).is_none(),
            "the least recently used is forgotten"
        );
        assert!(answers.get("org:c", "view 0", 1).is_some());
    }

    #[tokio::test]
    async fn the_compressed_body_is_the_json_and_the_etag_follows_the_content() {
        let value = serde_json::json!({"rows": vec!["Acme Oy"; 500]});
        let answer = PreparedJson::new(&value).unwrap();
        let brotli = answer.compressed(CompressionAlgo::BR).await.unwrap().to_vec();
        assert!(brotli.len() < answer.json().len() / 10);
        let mut plain = Vec::new();
        brotli_decompress(&brotli, &mut plain);
        assert_eq!(plain, answer.json());
        let same = PreparedJson::new(&value).unwrap();
        let other = PreparedJson::new(&serde_json::json!({"rows": ["Acme Oy"]})).unwrap();
        assert_eq!(answer.etag(), same.etag());
        assert_ne!(answer.etag(), other.etag());
        assert!(answer.etag().starts_with("W/\""));
    }

    fn brotli_decompress(compressed: &[u8], out: &mut Vec<u8>) {
        use std::io::Read;
        brotli::Decompressor::new(compressed, 4096).read_to_end(out).unwrap();
    }
}
