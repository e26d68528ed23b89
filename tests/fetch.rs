//! URL fetching against a local HTTP server started by each test on 127.0.0.1 (no outside
//! network): success, redirects, timeouts, size cap, content type, error statuses.

use assert_cmd::Command;
use flate2::write::GzEncoder;
use flate2::Compression;
use lede::io::fetch::{fetch, Options};
use lede::io::LoadError;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Local story</title></head><body><article>\
<p>The river rose by two metres overnight, the local water board said on Monday morning, and several \
roads near the old mill were closed while crews inspected the embankments for damage.</p>\
<p>Residents were asked to keep away from the footpaths along the water until the level falls, \
which forecasters expect by the end of the week if the rain stops as predicted.</p></article></body></html>";

/// Serve `connections` requests, then stop. Returns the base URL.
fn serve(connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().take(connections).flatten() {
            thread::spawn(move || handle(stream));
        }
    });
    base
}

fn handle(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/ok" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            ARTICLE.as_bytes(),
        ),
        "/latin1" => {
            let body: Vec<u8> = ARTICLE
                .replace("river", "rivi\u{e8}re")
                .chars()
                .map(|c| c as u32 as u8)
                .collect();
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html; charset=iso-8859-1\r\n",
                &body,
            )
        }
        "/redirect" => respond(&mut stream, "302 Found", "Location: /ok\r\n", b""),
        "/relative" => respond(
            &mut stream,
            "307 Temporary Redirect",
            "Location: ok\r\n",
            b"",
        ),
        "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/to-file" => respond(
            &mut stream,
            "302 Found",
            "Location: file:///etc/passwd\r\n",
            b"",
        ),
        "/to-data" => respond(
            &mut stream,
            "301 Moved Permanently",
            "Location: data:text/html,<p>hi</p>\r\n",
            b"",
        ),
        "/to-mailto" => respond(
            &mut stream,
            "303 See Other",
            "Location: mailto:desk@example.org\r\n",
            b"",
        ),
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\n",
                ARTICLE.as_bytes(),
            )
        }
        "/huge" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/html\r\n",
            &vec![b'a'; 64 * 1024],
        ),
        "/huge-unsized" => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            );
            let chunk = vec![b'a'; 8192];
            for _ in 0..8 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/gzip-bomb" => {
            // Zeros compressed on the fly, without end: about 1000 to 1 once compressed, so a
            // client that caps only the bytes on the wire never stops.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
                  Connection: close\r\n\r\n",
            );
            let mut gz = GzEncoder::new(stream, Compression::fast());
            let zeros = vec![b'0'; 1 << 20];
            while gz.write_all(&zeros).and_then(|()| gz.flush()).is_ok() {}
        }
        "/endless" => {
            // No length, no end: chunks until the client hangs up.
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<p>",
            );
            let chunk = vec![b'a'; 8192];
            while stream.write_all(&chunk).is_ok() {}
        }
        "/pdf" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.4",
        ),
        "/missing" => respond(&mut stream, "404 Not Found", "", b"nothing here"),
        _ => respond(&mut stream, "500 Internal Server Error", "", b"oops"),
    }
}

fn opts() -> Options {
    Options {
        connect_timeout: Duration::from_secs(5),
        timeout: Duration::from_secs(20),
        max_redirects: 3,
        max_bytes: 16 * 1024,
    }
}

fn error_line(url: &str, o: &Options) -> String {
    let err = fetch(url, o).err().expect("the fetch should fail");
    let msg = err.to_string();
    assert!(!msg.contains('\n'), "one line: {msg}");
    assert!(msg.starts_with(url), "names the URL: {msg}");
    msg
}

#[test]
fn fetches_a_page() {
    let base = serve(1);
    let raw = fetch(&format!("{base}/ok"), &opts()).unwrap();
    assert_eq!(raw.bytes, ARTICLE.as_bytes());
    assert!(raw.content_type.unwrap().starts_with("text/html"));
}

#[test]
fn follows_redirects_within_the_limit() {
    let base = serve(2);
    let raw = fetch(&format!("{base}/redirect"), &opts()).unwrap();
    assert!(raw.url.unwrap().ends_with("/ok"));
    let base = serve(2);
    let raw = fetch(&format!("{base}/relative"), &opts()).unwrap();
    assert_eq!(raw.url.unwrap(), format!("{base}/ok"));
    assert_eq!(raw.bytes, ARTICLE.as_bytes());
    let base = serve(10);
    let msg = error_line(&format!("{base}/loop"), &opts());
    assert!(msg.contains("redirect"), "{msg}");
}

#[test]
fn redirects_to_non_http_urls_are_errors() {
    for (path, target) in [
        ("/to-file", "file:///etc/passwd"),
        ("/to-data", "data:text/html"),
        ("/to-mailto", "mailto:desk@example.org"),
    ] {
        let base = serve(1);
        let msg = error_line(&format!("{base}{path}"), &opts());
        assert!(
            msg.contains("redirect") && msg.contains(target),
            "{path}: {msg}"
        );
    }
}

#[test]
fn slow_server_times_out() {
    let base = serve(1);
    let o = Options {
        timeout: Duration::from_millis(300),
        ..opts()
    };
    let msg = error_line(&format!("{base}/slow"), &o);
    assert!(msg.contains("timed out"), "{msg}");
}

#[test]
fn huge_responses_are_refused() {
    let base = serve(2);
    let msg = error_line(&format!("{base}/huge"), &opts());
    assert!(msg.contains("too large"), "{msg}");
    let msg = error_line(&format!("{base}/huge-unsized"), &opts());
    assert!(msg.contains("too large"), "{msg}");
}

#[test]
fn regression_a_gzip_bomb_is_refused_at_the_cap_while_decompressing() {
    let base = serve(1);
    let start = std::time::Instant::now();
    let msg = error_line(&format!("{base}/gzip-bomb"), &opts());
    assert!(msg.contains("too large"), "{msg}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn regression_an_endless_body_is_refused_at_the_cap_while_reading() {
    let base = serve(1);
    let start = std::time::Instant::now();
    let msg = error_line(&format!("{base}/endless"), &opts());
    assert!(msg.contains("too large"), "{msg}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn wrong_content_type_is_refused() {
    let base = serve(1);
    let msg = error_line(&format!("{base}/pdf"), &opts());
    assert!(msg.contains("application/pdf"), "{msg}");
}

#[test]
fn error_statuses_are_reported() {
    let base = serve(2);
    assert!(error_line(&format!("{base}/missing"), &opts()).contains("404"));
    assert!(error_line(&format!("{base}/boom"), &opts()).contains("500"));
}

#[test]
fn refused_connection_is_reported() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let msg = error_line(&url, &opts());
    assert!(msg.contains("connect"), "{msg}");
    assert!(matches!(fetch(&url, &opts()), Err(LoadError::Fetch(..))));
}

#[test]
fn analyze_reads_a_url() {
    let base = serve(1);
    let out = Command::cargo_bin("lede")
        .unwrap()
        .args(["analyze", &format!("{base}/latin1")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Local story");
    assert!(v["text"].as_str().unwrap().starts_with("The rivière rose"));
}

#[test]
fn analyze_reports_a_failed_url_in_one_line() {
    let base = serve(1);
    let url = format!("{base}/missing");
    let out = Command::cargo_bin("lede")
        .unwrap()
        .args(["analyze", &url])
        .env("LEDE_FETCH_TIMEOUT", "5")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&url) && err.contains("404"), "{err}");
}

/// As newsboat's `browser "lede %u"` starts it: the URL is the only argument. Into a pipe
/// the reader prints the page's reading text, so the URL opened.
#[test]
fn a_url_as_the_only_argument_opens_as_a_feed_reader_gives_it() {
    let base = serve(1);
    let out = Command::cargo_bin("lede")
        .unwrap()
        .arg(format!("{base}/ok"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("The river rose by two metres"), "{text}");
}
