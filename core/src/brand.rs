//! How an organisation looks to its customers: its logo and accent colour on the
//! survey page and in the emails it sends. The accent carries white text (buttons) and
//! stands as text on white (links), so it must be dark enough for both; the logo is a
//! raster image recognised by its first bytes, never SVG (which can carry script).

use serde::{Deserialize, Serialize};

use crate::validate::{FieldError, Invalid};

/// WCAG's minimum contrast for normal text (AA), between the accent and white.
pub const MIN_CONTRAST: f64 = 4.5;
/// The largest logo, in bytes: a header image, not a photo.
pub const LOGO_MAX_BYTES: usize = 256 * 1024;

api_type! {
    /// `GET /settings/brand` (anyone signed in), and what the survey page gets.
    #[derive(Default)]
    pub struct Brand {
        /// `#rrggbb`; none: Kaiku's own colours.
        pub accent: Option<String>,
        /// Where the logo is, `/api/v1/logos/{id}`; a new logo gets a new address.
        pub logo_url: Option<String>,
    }
}

api_type! {
    /// `PUT /settings/brand` (admins): the accent colour; the logo is uploaded apart.
    pub struct BrandInput {
        /// `#rrggbb`, or none for Kaiku's own colours.
        pub accent: Option<String>,
    }
}

impl BrandInput {
    /// Trimmed and lower case; a blank accent is none.
    pub fn normalised(self) -> BrandInput {
        BrandInput {
            accent: self
                .accent
                .map(|a| a.trim().to_ascii_lowercase())
                .filter(|a| !a.is_empty()),
        }
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        let Some(accent) = &self.accent else {
            return Ok(());
        };
        let fail = |problem| FieldError {
            field: "accent",
            problem,
        };
        let rgb = rgb(accent).ok_or(fail(Invalid::NotAColour))?;
        if contrast_with_white(rgb) < MIN_CONTRAST {
            return Err(fail(Invalid::TooLight));
        }
        Ok(())
    }
}

/// `#rrggbb` as its three channels.
pub fn rgb(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 contrast ratio between the colour and white, 1 to 21.
pub fn contrast_with_white([r, g, b]: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (luminance + 0.05)
}

api_enum! {
    /// The image formats a logo may be in.
    pub enum LogoFormat {
        Png,
        Jpeg,
        Webp,
    }
}

impl LogoFormat {
    /// The format the bytes are in, by their signature; none for anything else
    /// (SVG, HTML, GIF, a file merely named `.png`).
    pub fn sniff(bytes: &[u8]) -> Option<LogoFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(LogoFormat::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(LogoFormat::Jpeg)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(LogoFormat::Webp)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
            LogoFormat::Webp => "image/webp",
        }
    }
}

/// Whether an uploaded logo is one: a PNG, JPEG or WebP of at most [`LOGO_MAX_BYTES`].
pub fn check_logo(bytes: &[u8]) -> Result<LogoFormat, FieldError> {
    let fail = |problem| FieldError { field: "logo", problem };
    if bytes.is_empty() {
        return Err(fail(Invalid::Required));
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(fail(Invalid::TooLarge {
            max_kb: LOGO_MAX_BYTES / 1024,
        }));
    }
    LogoFormat::sniff(bytes).ok_or(fail(Invalid::NotAnImage))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accent(colour: &str) -> Result<(), Invalid> {
        BrandInput {
            accent: Some(colour.into()),
        }
        .normalised()
        .validate()
        .map_err(|e| e.problem)
    }

    #[test]
    fn an_accent_must_carry_white_text() {
        // Kaiku's own blue and a dark green pass; yellow, light grey and a mid
        // orange (3.0:1) do not.
        assert_eq!(accent(" #1F4E79 "), Ok(()));
        assert_eq!(accent("#2f6b4f"), Ok(()));
        assert_eq!(accent("#ffd700"), Err(Invalid::TooLight));
        assert_eq!(accent("#cccccc"), Err(Invalid::TooLight));
        assert_eq!(accent("#e67e22"), Err(Invalid::TooLight));
        // Black is the most, white the least contrast there is.
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes AA on white.
        assert!(contrast_with_white([0x76, 0x76, 0x76]) >= MIN_CONTRAST);
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < MIN_CONTRAST);
    }

    #[test]
    fn an_accent_is_a_hex_colour_or_none() {
        for wrong in [
            "1f4e79",
            "#1f4e7",
            "#1f4e79f",
            "#ggg000",
            "blue",
            "rgb(0,0,0)",
            "#1f4e7 ",
        ] {
            assert_eq!(accent(wrong), Err(Invalid::NotAColour), "{wrong}");
        }
        let blank = BrandInput {
            accent: Some("  ".into()),
        }
        .normalised();
        assert_eq!(blank.accent, None);
        assert_eq!(blank.validate(), Ok(()));
    }

    #[test]
    fn a_survey_page_kept_before_brands_existed_reads_with_kaikus_own_look() {
        let kept = serde_json::json!({
            "organisation_name": "Acme", "language": "fi",
            "intro": {"fi": "Hei", "en": "Hi"}, "questions": [], "answers": [],
            "submitted": false, "expires_at": "2026-12-01T00:00:00Z"
        });
        let page: crate::survey::SurveyPage = serde_json::from_value(kept).expect("an older page");
        assert_eq!(page.brand, Brand::default());
        assert_eq!(page.organisation_name, "Acme");
    }

    #[test]
    fn a_logo_is_recognised_by_its_bytes_not_its_name() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(check_logo(png), Ok(LogoFormat::Png));
        assert_eq!(check_logo(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Ok(LogoFormat::Jpeg));
        assert_eq!(check_logo(b"RIFF\x24\0\0\0WEBPVP8 "), Ok(LogoFormat::Webp));
        let problem = |bytes: &[u8]| check_logo(bytes).unwrap_err().problem;
        assert_eq!(
            problem(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
            Invalid::NotAnImage
        );
        assert_eq!(problem(b"GIF89a"), Invalid::NotAnImage);
        assert_eq!(problem(b"RIFF\x24\0\0\0WAVEfmt "), Invalid::NotAnImage);
        assert_eq!(problem(b""), Invalid::Required);
        let mut huge = png.to_vec();
        huge.resize(LOGO_MAX_BYTES + 1, 0);
        assert_eq!(problem(&huge), Invalid::TooLarge { max_kb: 256 });
        assert_eq!(LogoFormat::Webp.content_type(), "image/webp");
    }
}
