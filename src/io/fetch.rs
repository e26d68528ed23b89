//! Fetching `http(s)://` URLs: one blocking GET over rustls (no OpenSSL).
//!
//! Bounded in every way a hostile or broken server could stretch it: connect and total
//! timeouts, a redirect limit, a size cap ([`max_bytes`](super::max_bytes)) and a content-type check (HTML or
//! text only). Every failure is one [`LoadError::Fetch`] line naming the URL.

use super::{LoadError, Raw};
use std::io::Read;
use std::time::Duration;
use std::time::Instant;
use ureq::http::Uri;

/// Limits of one fetch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time allowed to connect (after DNS).
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_bytes: super::max_bytes(),
        }
    }
}

impl Options {
    /// The defaults, with the total timeout taken from `LEDE_FETCH_TIMEOUT` (seconds, may
    /// be fractional) when set.
    pub fn from_env() -> Self {
        let mut opts = Options::default();
        if let Some(secs) = std::env::var("LEDE_FETCH_TIMEOUT")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0)
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
        {
            opts.timeout = secs;
            opts.connect_timeout = opts.connect_timeout.min(opts.timeout);
        }
        opts
    }
}

/// The user agent lede sends.
pub const USER_AGENT: &str = concat!(
    "lede/",
    env!("CARGO_PKG_VERSION"),
    " (terminal article reader)"
);

/// GET `url` and return its body, with the content type and the final URL.
pub fn fetch(url: &str, opts: &Options) -> Result<Raw, LoadError> {
    let fail = |msg: String| LoadError::Fetch(url.to_string(), msg);
    let deadline = Instant::now() + opts.timeout;
    // Redirects are followed here, not inside ureq, so that each target is checked: only
    // http(s) URLs with a host are followed, anything else is an error naming it.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(opts.connect_timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into();
    let mut current = url.to_string();
    let mut redirects = 0;
    let response = loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(fail("timed out".into()));
        }
        let response = agent
            .get(&current)
            .header(
                "Accept",
                "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
            )
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| fail(describe(e)))?;
        if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
            break response;
        }
        let Some(location) = response.headers().get("location") else {
            break response;
        };
        let location = location.to_str().unwrap_or("").trim().to_string();
        if redirects == opts.max_redirects {
            return Err(fail(format!(
                "too many redirects (more than {})",
                opts.max_redirects
            )));
        }
        current = redirect_target(&current, &location).map_err(fail)?;
        redirects += 1;
    };
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        return Err(fail(
            format!(
                "HTTP {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type");
    if let Some(ct) = &content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !(mime.starts_with("text/") || mime.contains("html") || mime.is_empty()) {
            return Err(fail(format!(
                "not an HTML or text page (content type {mime})"
            )));
        }
    }
    if let Some(len) = header("content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
        if len > opts.max_bytes {
            return Err(too_large(url, Some(len), opts.max_bytes));
        }
    }
    let final_url = current;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                fail("timed out reading the page".into())
            }
            _ => fail(format!(
                "reading the page failed: {}",
                one_line(&e.to_string())
            )),
        })?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(url, None, opts.max_bytes));
    }
    Ok(Raw {
        source: url.to_string(),
        bytes,
        content_type,
        url: Some(final_url),
    })
}

/// The URL a redirect from `base` to `location` leads to, when it is an http(s) URL with a
/// host; otherwise the one-line reason it is not followed.
fn redirect_target(base: &str, location: &str) -> Result<String, String> {
    let scheme_len = location.find(':').filter(|&i| {
        let s = &location[..i];
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let target = match scheme_len {
        Some(i) => {
            let scheme = location[..i].to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err(format!("redirect to a non-HTTP URL ({location})"));
            }
            location.to_string()
        }
        None => {
            let base: Uri = base
                .parse()
                .map_err(|_| format!("invalid redirect ({location})"))?;
            let scheme = base.scheme_str().unwrap_or("http");
            let authority = base.authority().map(|a| a.as_str()).unwrap_or("");
            if location.starts_with("//") {
                format!("{scheme}:{location}")
            } else if location.starts_with('/') {
                format!("{scheme}://{authority}{location}")
            } else if location.starts_with('?') {
                format!("{scheme}://{authority}{}{location}", base.path())
            } else {
                let path = base.path();
                let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
                let dir = if dir.is_empty() { "/" } else { dir };
                format!("{scheme}://{authority}{dir}{location}")
            }
        }
    };
    match target.parse::<Uri>() {
        Ok(uri) if uri.host().is_some_and(|h| !h.is_empty()) => Ok(target),
        _ => Err(format!("redirect to an invalid URL ({location})")),
    }
}

fn too_large(url: &str, size: Option<u64>, limit: u64) -> LoadError {
    LoadError::TooLarge {
        source_name: url.to_string(),
        size,
        limit,
    }
}

fn describe(e: ureq::Error) -> String {
    let detail = one_line(&e.to_string());
    let what = match e {
        ureq::Error::StatusCode(code) => return format!("HTTP {code}"),
        ureq::Error::HostNotFound => "could not resolve the host",
        ureq::Error::ConnectionFailed => "could not connect",
        ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "could not connect"
        }
        ureq::Error::TooManyRedirects => "too many redirects",
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => "invalid URL",
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => {
            "the server sent an invalid response"
        }
        ureq::Error::Timeout(_) => "timed out",
        ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::TimedOut => "timed out",
        _ => "request failed",
    };
    format!("{what} ({detail})")
}

/// Collapse a message to one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
