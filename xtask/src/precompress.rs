//! Compressed copies of the built app, made once at build time: `<file>.br` (brotli,
//! quality 11) and `<file>.gz` (gzip, level 9) beside every compressible file in
//! `dist/`. The server sends the copy a browser accepts, so it never spends CPU on
//! compressing its own files and the strongest settings cost nothing per request.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::sh::{Result, step};

/// Text and WebAssembly: formats that shrink. Images other than SVG are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "wasm",
    "js",
    "mjs",
    "css",
    "html",
    "svg",
    "json",
    "webmanifest",
    "txt",
    "xml",
    "map",
];

const BROTLI_QUALITY: i32 = 11;
/// Brotli's largest standard window (4 MiB): the team app's wasm is bigger than the default.
const BROTLI_WINDOW_BITS: i32 = 22;
const GZIP_LEVEL: u32 = 9;

/// Writes the `.br` and `.gz` copies of every compressible file under `dist`.
/// A copy that would not be smaller than the original is not written (the server
/// then sends the original).
pub fn precompress(dist: &Path) -> Result {
    step(&format!("precompressing {} (brotli 11, gzip 9)", dist.display()));
    let mut files = Vec::new();
    compressible_files(dist, &mut files)?;
    let results: Vec<Result<u32>> = std::thread::scope(|scope| {
        let workers: Vec<_> = files.iter().map(|file| scope.spawn(|| write_copies(file))).collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err("a compression thread panicked".into()))
            })
            .collect()
    });
    let mut written = 0;
    for result in results {
        written += result?;
    }
    println!("{written} compressed copies of {} files", files.len());
    Ok(())
}

fn compressible_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("reading {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            compressible_files(&path, found)?;
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| COMPRESSIBLE.contains(&ext))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Both copies of one file; returns how many were written.
fn write_copies(file: &Path) -> Result<u32> {
    let original = std::fs::read(file).map_err(|e| format!("reading {}: {e}", file.display()))?;
    let copies = [("br", brotli(&original)?), ("gz", gzip(&original)?)];
    let mut written = 0;
    for (suffix, compressed) in copies {
        let target = with_suffix(file, suffix);
        if compressed.len() < original.len() {
            std::fs::write(&target, compressed).map_err(|e| format!("writing {}: {e}", target.display()))?;
            written += 1;
        } else if target.exists() {
            // A copy left from an older build must not outlive its original's content.
            std::fs::remove_file(&target).map_err(|e| format!("removing {}: {e}", target.display()))?;
        }
    }
    Ok(written)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    encoder.write_all(data).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn copies_decompress_to_the_original_and_skip_what_does_not_shrink() {
        let dist = std::env::temp_dir().join(format!("kaiku-precompress-{}", std::process::id()));
        let nested = dist.join("survey");
        std::fs::create_dir_all(&nested).unwrap();
        let script = "export function greet() { return 'hello'; }\n".repeat(200);
        std::fs::write(nested.join("app-0123456789abcdef.js"), &script).unwrap();
        std::fs::write(dist.join("tiny.css"), "a{}").unwrap();
        std::fs::write(dist.join("photo.png"), script.as_bytes()).unwrap();

        precompress(&dist).unwrap();

        let br = std::fs::read(nested.join("app-0123456789abcdef.js.br")).unwrap();
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, script.as_bytes());
        let gz = std::fs::read(nested.join("app-0123456789abcdef.js.gz")).unwrap();
        let mut ungzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut ungzipped)
            .unwrap();
        assert_eq!(ungzipped, script);
        assert!(br.len() < script.len() / 10);

        assert!(!dist.join("tiny.css.br").exists(), "three bytes do not shrink");
        assert!(!dist.join("photo.png.br").exists(), "images are left alone");
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
