use kaiku_core::brand::{Brand, BrandInput, LogoFormat};
use poem_openapi::param::Path;
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, OpenApi, ResponseContent};

use super::ApiTags;
use crate::error::ApiResult;
use crate::http::extract::State;
use crate::service::auth::CurrentUser;
use crate::service::brand;

/// The organisation's logo and accent colour, and the logo as customers load it.
pub struct BrandApi;

#[derive(ResponseContent)]
enum LogoImage {
    #[oai(content_type = "image/png")]
    Png(Binary<Vec<u8>>),
    #[oai(content_type = "image/jpeg")]
    Jpeg(Binary<Vec<u8>>),
    #[oai(content_type = "image/webp")]
    Webp(Binary<Vec<u8>>),
}

#[derive(ApiResponse)]
enum LogoResponse {
    /// The image. A new logo gets a new address, so this one may be kept for good.
    #[oai(status = 200)]
    Image(LogoImage, #[oai(header = "Cache-Control")] String),
}

#[OpenApi(tag = "ApiTags::Surveys")]
impl BrandApi {
    /// How the organisation looks to its customers: on the survey page and in emails
    /// (anyone signed in).
    #[oai(path = "/settings/brand", method = "get", operation_id = "brand_get")]
    async fn brand(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Brand>> {
        Ok(Json(brand::brand(&state, &current).await?))
    }

    /// Sets the accent colour (admins): `#rrggbb`, dark enough for white text on it
    /// (contrast 4.5:1), or none for Kaiku's own.
    #[oai(path = "/settings/brand", method = "put", operation_id = "brand_set")]
    async fn set_brand(
        &self,
        state: State<'_>,
        current: CurrentUser,
        body: Json<BrandInput>,
    ) -> ApiResult<Json<Brand>> {
        Ok(Json(brand::set_brand(&state, &current, body.0).await?))
    }

    /// Replaces the logo (admins): a PNG, JPEG or WebP image of at most 256 KB, told
    /// by its bytes (SVG is refused).
    #[oai(path = "/settings/brand/logo", method = "put", operation_id = "brand_logo_set")]
    async fn set_logo(&self, state: State<'_>, current: CurrentUser, body: Binary<Vec<u8>>) -> ApiResult<Json<Brand>> {
        Ok(Json(brand::set_logo(&state, &current, &body.0).await?))
    }

    /// Removes the logo (admins).
    #[oai(path = "/settings/brand/logo", method = "delete", operation_id = "brand_logo_remove")]
    async fn remove_logo(&self, state: State<'_>, current: CurrentUser) -> ApiResult<Json<Brand>> {
        Ok(Json(brand::remove_logo(&state, &current).await?))
    }

    /// A logo, for anyone: customers' browsers and mail clients load it without a login.
    #[oai(path = "/logos/:id", method = "get", operation_id = "logo")]
    async fn logo(&self, state: State<'_>, id: Path<String>) -> ApiResult<LogoResponse> {
        let (format, bytes) = brand::logo(&state, &id.0).await?;
        let image = match format {
            LogoFormat::Png => LogoImage::Png(Binary(bytes)),
            LogoFormat::Jpeg => LogoImage::Jpeg(Binary(bytes)),
            LogoFormat::Webp => LogoImage::Webp(Binary(bytes)),
        };
        Ok(LogoResponse::Image(image, "public, max-age=31536000, immutable".into()))
    }
}
