//! The `casebook:` URI scheme: serves image files from inside the cases folder, nothing else.
//!
//! Case HTML refers to images as `casebook://localhost/<path inside the cases folder>`. A case
//! file is untrusted input, so the handler refuses anything that is not a plain raster image
//! that really lives inside the library: `..`, absolute paths, symlinks that lead out (the
//! *canonical* path must be inside the *canonical* root), SVG (it can carry script), other
//! extensions and non-GET requests. Every refusal is a bare 404 (403/405 for method) so a
//! hostile page learns nothing about the file system.

use std::path::{Component, Path, PathBuf};
use tauri::http::{Request, Response, StatusCode, header};

/// Largest image served; larger files are almost certainly not case illustrations.
const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// The MIME type of an allowed image extension (lowercase), or `None` if not allowed.
pub(crate) fn image_mime(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        _ => return None,
    })
}

fn ext_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Vec::new())
        .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// Resolves the URL path of a request to a canonical image file inside `root`, or `None`.
pub(crate) fn resolve(root: &Path, url_path: &str) -> Option<(PathBuf, &'static str)> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let rel = decoded.strip_prefix('/').unwrap_or(&decoded);
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') {
        return None;
    }
    let rel = Path::new(rel);
    // Only plain names: no `..`, no root, no prefix (which would make `join` replace root).
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    image_mime(&ext_of(rel)?)?;
    let root = root.canonicalize().ok()?;
    let file = root.join(rel).canonicalize().ok()?;
    if !file.starts_with(&root) {
        return None;
    }
    // Check the extension of what the path resolves to as well: a `cat.png` symlink to
    // `notes.md` or `x.svg` inside the library must not be served as an image.
    let mime = image_mime(&ext_of(&file)?)?;
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() || meta.len() > MAX_IMAGE_BYTES {
        return None;
    }
    Some((file, mime))
}

/// Answers one `casebook:` request. `root` is the open cases folder (`None` before a library
/// is open).
pub(crate) fn respond(root: Option<&Path>, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    if request.method() != tauri::http::Method::GET {
        return status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let Some(root) = root else {
        return status(StatusCode::NOT_FOUND);
    };
    let Some((file, mime)) = resolve(root, request.uri().path()) else {
        return status(StatusCode::NOT_FOUND);
    };
    match std::fs::read(&file) {
        Ok(bytes) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, mime)
            // Never let the web view guess a type (e.g. HTML) from the bytes.
            .header("X-Content-Type-Options", "nosniff")
            .header(header::CACHE_CONTROL, "no-cache")
            .body(bytes)
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)),
        Err(_) => status(StatusCode::NOT_FOUND),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(root: &Path, uri: &str) -> Response<Vec<u8>> {
        let req = Request::builder()
            .uri(uri)
            .body(Vec::new())
            .expect("request");
        respond(Some(root), &req)
    }

    #[test]
    fn serves_only_images_inside_the_library() {
        let outer = tempfile::tempdir().expect("tempdir");
        let root = outer.path().join("lib");
        std::fs::create_dir_all(root.join("eu/img")).expect("mkdir");
        std::fs::write(root.join("eu/img/a b.png"), b"\x89PNG").expect("write");
        std::fs::write(root.join("eu/x.svg"), b"<svg onload=alert(1)>").expect("write");
        std::fs::write(root.join("eu/case.md"), b"# hi").expect("write");
        std::fs::write(outer.path().join("secret.png"), b"secret").expect("write");

        let ok = get(&root, "casebook://localhost/eu/img/a%20b.png");
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.body(), b"\x89PNG");
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/png");

        for bad in [
            "casebook://localhost/eu/x.svg",
            "casebook://localhost/eu/case.md",
            "casebook://localhost/eu/missing.png",
            "casebook://localhost/../secret.png",
            "casebook://localhost/eu/%2e%2e/%2e%2e/secret.png",
            "casebook://localhost/%2Fetc%2Fpasswd.png",
            "casebook://localhost/",
        ] {
            assert_eq!(get(&root, bad).status(), StatusCode::NOT_FOUND, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_library_are_refused() {
        let outer = tempfile::tempdir().expect("tempdir");
        let root = outer.path().join("lib");
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::write(outer.path().join("secret.png"), b"secret").expect("write");
        std::fs::write(root.join("notes.md"), b"notes").expect("write");
        std::os::unix::fs::symlink(outer.path().join("secret.png"), root.join("out.png"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("notes.md"), root.join("disguised.png"))
            .expect("symlink");
        assert_eq!(
            get(&root, "casebook://localhost/out.png").status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(&root, "casebook://localhost/disguised.png").status(),
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn only_get_is_allowed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let req = Request::builder()
            .method("POST")
            .uri("casebook://localhost/a.png")
            .body(Vec::new())
            .expect("request");
        assert_eq!(
            respond(Some(dir.path()), &req).status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}
