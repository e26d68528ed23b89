//! Fetching `http(s)://` URLs: one blocking GET over rustls (no OpenSSL).
//!
//! Bounded in every way a hostile or broken server could stretch it: connect and total
//! timeouts, a redirect limit, a size cap ([`MAX_BYTES`]) and a content-type check (HTML or
//! text only). Every failure is one [`LoadError::Fetch`] line naming the URL.

use super::{LoadError, Raw, MAX_BYTES};
use std::io::Read;
use std::time::Duration;

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
            max_bytes: MAX_BYTES,
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
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(opts.connect_timeout)
        .timeout(opts.timeout)
        .redirects(opts.max_redirects)
        .user_agent(USER_AGENT)
        .build();
    let response = agent
        .get(url)
        .set(
            "Accept",
            "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
        )
        .call()
        .map_err(|e| fail(describe(e)))?;
    let content_type = response.header("content-type").map(str::to_string);
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
    if let Some(len) = response
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        if len > opts.max_bytes {
            return Err(too_large(url, len, opts.max_bytes));
        }
    }
    let final_url = response.get_url().to_string();
    let mut bytes = Vec::new();
    response
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
        return Err(too_large(url, bytes.len() as u64, opts.max_bytes));
    }
    Ok(Raw {
        source: url.to_string(),
        bytes,
        content_type,
        url: Some(final_url),
    })
}

fn too_large(url: &str, size: u64, limit: u64) -> LoadError {
    LoadError::TooLarge {
        source_name: url.to_string(),
        size,
        limit,
    }
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Status(code, resp) => {
            format!("HTTP {code} {}", one_line(resp.status_text()))
        }
        ureq::Error::Transport(t) => {
            let detail = one_line(&t.to_string());
            let what = match t.kind() {
                ureq::ErrorKind::Dns => "could not resolve the host",
                ureq::ErrorKind::ConnectionFailed => "could not connect",
                ureq::ErrorKind::TooManyRedirects => "too many redirects",
                ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => "invalid URL",
                ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => {
                    "the server sent an invalid response"
                }
                ureq::ErrorKind::Io if detail.to_ascii_lowercase().contains("timed out") => {
                    "timed out"
                }
                _ => "request failed",
            };
            format!("{what} ({detail})")
        }
    }
}

/// Collapse a message to one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
