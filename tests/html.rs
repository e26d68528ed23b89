//! HTML extraction: `parse` on hand-written fixtures with the traps of real pages, and the
//! binary's `analyze` output for HTML files.

use assert_cmd::Command;
use lede::document::html::{decode, parse};
use lede::document::{BlockKind, Document, InlineKind};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn load(name: &str) -> Document {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let (text, warning) = decode(name, &bytes, None);
    assert_eq!(warning, None);
    parse(name, &text, None)
}

fn check_invariants(doc: &Document) {
    let mut end = 0;
    for b in &doc.blocks {
        assert!(b.span.start >= end, "blocks overlap or are out of order");
        if end > 0 {
            assert_eq!(&doc.text[end..b.span.start], "\n\n");
        }
        end = b.span.end;
        assert!(!doc.text[b.span.clone()].contains("\n\n"));
    }
    assert_eq!(end, doc.text.len());
    for i in &doc.inlines {
        assert!(doc.text.is_char_boundary(i.span.start) && doc.text.is_char_boundary(i.span.end));
        assert!(i.span.start < i.span.end && i.span.end <= doc.text.len());
    }
    assert!(!doc.text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn layout_page_keeps_the_article_alone() {
    let doc = load("layout.html");
    check_invariants(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Harbour bridge reopens after repairs")
    );
    assert_eq!(doc.byline.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-04")
    );
    assert_eq!(doc.site.as_deref(), Some("The Coastal Ledger"));
    let text = &doc.text;
    assert!(text.starts_with("The harbour bridge reopened"), "{text}");
    assert!(text.contains("Ilse Brandt"));
    for junk in [
        "cookies",
        "Share on",
        "Most read",
        "Comments",
        "About time",
        "Copyright",
        "Weather",
        "Photo: Coastal Ledger",
    ] {
        assert!(!text.contains(junk), "{junk:?} leaked into {text}");
    }
    // The title is metadata, not text.
    assert!(!text.contains("Harbour bridge reopens"));
}

#[test]
fn layout_page_structure() {
    let doc = load("layout.html");
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BlockKind::Heading(2)));
    assert!(kinds.contains(&BlockKind::Quote));
    assert!(kinds.contains(&BlockKind::Image));
    let items = kinds
        .iter()
        .filter(|k| {
            matches!(
                k,
                BlockKind::ListItem {
                    depth: 0,
                    number: None
                }
            )
        })
        .count();
    assert_eq!(items, 2);
    let link = doc
        .links
        .iter()
        .find(|l| l.target.ends_with("/reports/bridge-budget"))
        .expect("the body link is kept");
    assert_eq!(
        &doc.text[link.span.clone()],
        "figures published by the council"
    );
    assert!(doc.inlines.iter().any(|i| i.kind == InlineKind::Link(0)));
    let strong = doc
        .inlines
        .iter()
        .find(|i| i.kind == InlineKind::Strong)
        .unwrap();
    assert_eq!(&doc.text[strong.span.clone()], "18 million euros");
}

#[test]
fn windows_1252_page_is_decoded() {
    let doc = load("windows-1252.html");
    check_invariants(&doc);
    assert!(doc.text.contains("d’activité"), "{}", doc.text);
    assert!(doc.text.contains("« Nous avons servi"));
    assert_eq!(doc.title.as_deref(), Some("Le café du port ferme"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2020-06-15")
    );
    assert_eq!(doc.lang.as_deref(), Some("fr"));
}

#[test]
fn shift_jis_page_is_decoded() {
    let doc = load("shift_jis.html");
    check_invariants(&doc);
    assert!(
        doc.text.contains("港の喫茶店が土曜日に閉店した"),
        "{}",
        doc.text
    );
    assert_eq!(doc.title.as_deref(), Some("港の喫茶店が閉店"));
}

#[test]
fn undeclared_legacy_bytes_are_detected() {
    let html = "<html><body><p>Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, d\u{e9}j\u{e0} vu, na\u{ef}ve \u{e9}l\u{e8}ve.</p></body></html>";
    let bytes: Vec<u8> = html.chars().map(|c| c as u32 as u8).collect();
    let (text, _) = decode("x.html", &bytes, None);
    assert!(text.contains("Café crème"), "{text}");
    let (text, _) = decode("x.html", &bytes, Some("text/html; charset=ISO-8859-1"));
    assert!(text.contains("déjà vu"));
}

#[test]
fn page_with_almost_no_text_still_gives_it() {
    let doc = load("tiny.html");
    check_invariants(&doc);
    assert_eq!(&*doc.text, "The gallery is closed today.");
    assert_eq!(doc.title.as_deref(), Some("Gallery closed"));
    assert_eq!(doc.byline.as_deref(), Some("Desk Staff"));
}

/// A page with `head` in its `<head>` and `body` in its `<body>`.
fn page(head: &str, body: &str) -> String {
    format!("<html><head>{head}</head><body>{body}</body></html>")
}

/// The date of `html` and where it came from, as `("YYYY-MM-DD", "source")`.
fn date_of(html: &str, url: Option<&str>) -> Option<(String, &'static str)> {
    let doc = parse("x.html", html, url);
    assert_eq!(doc.date.is_some(), doc.date_source.is_some());
    doc.date
        .zip(doc.date_source)
        .map(|(d, s)| (d.to_string(), s.as_str()))
}

fn dated(d: &str, source: &'static str) -> Option<(String, &'static str)> {
    Some((d.to_string(), source))
}

const ARTICLE: &str =
    "<article><p>The ferry timetable changed for the winter season.</p></article>";

#[test]
fn date_from_json_ld_graph_and_arrays() {
    let graph = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Harbour News"},
        {"@type":"NewsArticle","headline":"Ferries","datePublished":"2021-04-07T08:15:00+01:00",
         "dateModified":"2021-04-09T10:00:00Z"}]}</script>"#;
    assert_eq!(
        date_of(&page(graph, ARTICLE), None),
        dated("2021-04-07", "jsonld")
    );
    let array = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},
        {"@type":"Article","datePublished":"2020-02-29"}]</script>"#;
    assert_eq!(
        date_of(&page(array, ARTICLE), None),
        dated("2020-02-29", "jsonld")
    );
    // The page's own date comes before the dates of the stories it lists.
    let nested = r#"<script type="application/ld+json">{"@type":"NewsArticle",
        "mentions":[{"@type":"Article","datePublished":"2001-01-01"}],
        "datePublished":"2019-11-18"}</script>"#;
    assert_eq!(
        date_of(&page(nested, ARTICLE), None),
        dated("2019-11-18", "jsonld")
    );
    // Broken JSON (a trailing comma) is still read.
    let broken = r#"<script type="application/ld+json">{"datePublished": "2018-05-06",}</script>"#;
    assert_eq!(
        date_of(&page(broken, ARTICLE), None),
        dated("2018-05-06", "jsonld")
    );
}

#[test]
fn date_from_meta_tags() {
    for (tag, want) in [
        (
            r#"<meta property="article:published_time" content="2022-10-03T12:00:00Z">"#,
            "2022-10-03",
        ),
        (r#"<meta name="pubdate" content="20221004">"#, "2022-10-04"),
        (
            r#"<meta name="dc.date" content="2022/10/05">"#,
            "2022-10-05",
        ),
        (
            r#"<meta itemprop="datePublished" content="Thu, 06 Oct 2022 09:00:00 GMT">"#,
            "2022-10-06",
        ),
    ] {
        assert_eq!(
            date_of(&page(tag, ARTICLE), None),
            dated(want, "meta"),
            "{tag}"
        );
    }
}

#[test]
fn date_from_time_element_in_the_article_header() {
    let body = "<aside><time datetime=\"2010-01-01\">old</time></aside><article><header>\
        <time datetime=\"2018-02-03T10:00\">Feb 3</time></header><p>Short note.</p></article>";
    assert_eq!(date_of(&page("", body), None), dated("2018-02-03", "time"));
}

#[test]
fn date_from_the_url_path_given_or_canonical() {
    let url = Some("https://news.example/2019/11/18/story/");
    assert_eq!(date_of("<p>Text</p>", url), dated("2019-11-18", "url"));
    let canonical = r#"<link rel="canonical" href="https://paper.example/2017/06/30/rain/">"#;
    assert_eq!(
        date_of(&page(canonical, ARTICLE), None),
        dated("2017-06-30", "url")
    );
}

#[test]
fn json_ld_wins_over_the_url_and_modified_dates_come_last() {
    let head = r#"<link rel="canonical" href="https://paper.example/2019/11/17/x/">
        <meta property="article:modified_time" content="2019-12-01">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-18T05:00:00.000Z"}</script>"#;
    assert_eq!(
        date_of(&page(head, ARTICLE), None),
        dated("2019-11-18", "jsonld")
    );
    let modified = r#"<meta property="article:modified_time" content="2019-12-01">"#;
    assert_eq!(
        date_of(&page(modified, ARTICLE), None),
        dated("2019-12-01", "meta")
    );
    let url_and_modified = r#"<link rel="canonical" href="https://paper.example/2019/11/17/x/">
        <script type="application/ld+json">{"dateModified":"2019-12-02"}</script>"#;
    assert_eq!(
        date_of(&page(url_and_modified, ARTICLE), None),
        dated("2019-11-17", "url")
    );
}

#[test]
fn a_video_upload_date_does_not_date_the_article() {
    let head = r#"<script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2019-10-11"}</script>
        <meta itemprop="datePublished" content="2019-11-19T02:34:30Z">"#;
    assert_eq!(
        date_of(&page(head, ARTICLE), None),
        dated("2019-11-19", "meta")
    );
    let only_video = r#"<script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2019-10-11"}</script>"#;
    assert_eq!(
        date_of(&page(only_video, ARTICLE), None),
        dated("2019-10-11", "jsonld")
    );
}

#[test]
fn any_time_element_is_the_last_resort() {
    let body = format!(
        "<div class=\"meta\"><time datetime=\"2016-10-13T17:00:03Z\">Oct 13</time></div>{ARTICLE}"
    );
    assert_eq!(date_of(&page("", &body), None), dated("2016-10-13", "time"));
}

#[test]
fn placeholder_and_far_dates_are_rejected() {
    for bad in [
        "0001-01-01T00:00:00Z",
        "1970-01-01",
        "1899-07-04",
        "2999-01-01",
    ] {
        let ld =
            format!(r#"<script type="application/ld+json">{{"datePublished":"{bad}"}}</script>"#);
        assert_eq!(date_of(&page(&ld, ARTICLE), None), None, "{bad}");
        let meta = format!(r#"<meta property="article:published_time" content="{bad}">"#);
        assert_eq!(date_of(&page(&meta, ARTICLE), None), None, "{bad}");
        // The next source is used instead.
        let with_time = page(&meta, &format!("<article><header><time datetime=\"2016-08-09\"></time></header>{ARTICLE}</article>"));
        assert_eq!(
            date_of(&with_time, None),
            dated("2016-08-09", "time"),
            "{bad}"
        );
    }
}

#[test]
fn hostile_markup_cannot_drive_the_terminal() {
    let html = "<html><body><p>Safe \u{1b}]0;title\u{7} text \u{202e}reversed</p><p>\u{200b}</p><pre>a\u{1b}[2Jb\n\n\nc</pre></body></html>";
    let doc = parse("x.html", html, None);
    check_invariants(&doc);
    assert!(!doc.text.contains('\u{1b}') && !doc.text.contains('\u{202e}'));
    assert!(!doc.text.contains('\u{200b}'));
}

#[test]
fn line_breaks_never_make_blank_lines() {
    let html = "<html><body><div>One<br><br><br> two<br>\n<br>three</div><pre>x<br><br>y</pre></body></html>";
    let doc = parse("x.html", html, None);
    check_invariants(&doc);
    let words: Vec<&str> = doc.text.split_whitespace().collect();
    assert_eq!(words, ["One", "two", "three", "x", "y"], "{:?}", doc.text);
}

#[test]
fn analyze_reports_title_date_and_body() {
    let out = Command::cargo_bin("lede")
        .unwrap()
        .args(["analyze"])
        .arg(fixture("layout.html"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Harbour bridge reopens after repairs");
    assert_eq!(v["dct"], "2021-03-04");
    assert_eq!(v["dct_source"], "jsonld");
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("The harbour bridge reopened"));
    assert!(!text.contains("cookies"));
}

#[test]
fn analyze_date_flag_overrides_page_date() {
    let out = Command::cargo_bin("lede")
        .unwrap()
        .args(["analyze", "--date", "2022-01-01"])
        .arg(fixture("windows-1252.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dct"], "2022-01-01");
    assert_eq!(v["dct_source"], "flag");
    assert!(v["text"].as_str().unwrap().contains("bibliothèque"));
}

mod random_markup {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div class=\"share-bar\">".to_string()),
            Just("</div>".to_string()),
            Just("<br>".to_string()),
            Just("<pre>".to_string()),
            Just("</pre>".to_string()),
            Just("<ul><li>".to_string()),
            Just("</li></ul>".to_string()),
            Just("<a href=\"/x\">".to_string()),
            Just("</a>".to_string()),
            Just("<em>".to_string()),
            Just("</em>".to_string()),
            Just("<blockquote>".to_string()),
            Just("<figure><img alt=\"A map\"></figure>".to_string()),
            Just("<h2>".to_string()),
            Just("</h2>".to_string()),
            Just("\n\n".to_string()),
            "[a-zé😀 ,.\t]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_markup_keeps_the_invariants(pieces in proptest::collection::vec(piece(), 0..60)) {
            let html = format!("<html><body>{}</body></html>", pieces.concat());
            let doc = parse("x.html", &html, None);
            check_invariants(&doc);
            for link in &doc.links {
                prop_assert!(doc.text.is_char_boundary(link.span.start));
                prop_assert!(link.span.end <= doc.text.len());
            }
        }
    }
}

/// A link whose element holds a block break (`<a>…</p>…`) starts again in the next
/// block: its span stays inside that block, on char boundaries.
#[test]
fn regression_link_across_a_block_break_keeps_char_boundaries() {
    let html = "😀a😀\t<a href=\"/x\"></p>é,é,.😀<div class=\"share-bar\"><p>";
    check_invariants(&parse("x.html", html, None));
}

/// Parse a generated page on a thread with the default 2 MiB test stack, within `secs`
/// (a quadratic pass or a recursive walk over these inputs takes minutes or overflows).
fn parse_bounded(html: String, secs: u64) -> Document {
    let start = std::time::Instant::now();
    let doc = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse("gen.html", &html, None))
        .unwrap()
        .join()
        .expect("no stack overflow");
    let took = start.elapsed();
    assert!(took.as_secs() < secs, "took {took:?}");
    check_invariants(&doc);
    doc
}

#[test]
fn regression_30000_nested_b_do_not_overflow_the_stack() {
    let html = format!(
        "<html><body><p>{}The text at the bottom of the pile.{}</p></body></html>",
        "<b>".repeat(30_000),
        "</b>".repeat(30_000)
    );
    let doc = parse_bounded(html, 30);
    assert!(doc.text.contains("The text at the bottom of the pile."));
}

#[test]
fn regression_100k_nested_divs_are_flattened_in_linear_time() {
    let html = format!(
        "<html><body>{}A sentence deep inside many boxes, long enough to be an article body \
         by the extractor's measure. {}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let doc = parse_bounded(html, 30);
    assert!(doc.text.contains("A sentence deep inside many boxes"));
}

#[test]
fn regression_20k_nested_tables_are_flattened_in_linear_time() {
    let html = format!(
        "<html><body>{}Cell text at the centre.{}</body></html>",
        "<table><tr><td>".repeat(20_000),
        "</td></tr></table>".repeat(20_000)
    );
    let doc = parse_bounded(html, 30);
    assert!(doc.text.contains("Cell text at the centre."));
}

#[test]
fn regression_100k_links_parse_in_linear_time() {
    let links: Vec<String> = (0..100_000)
        .map(|i| format!("<a href=\"/n/{i}\">note {i}</a>"))
        .collect();
    let html = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        links.join(", ")
    );
    let doc = parse_bounded(html, 60);
    assert_eq!(doc.links.len(), 100_000);
    assert_eq!(doc.links[99_999].target, "/n/99999");
}

#[test]
fn regression_100k_paragraphs_parse_in_linear_time() {
    let paras: String = (0..100_000)
        .map(|i| format!("<p>Entry {i} of the long register.</p>"))
        .collect();
    let html = format!("<html><body><article>{paras}</article></body></html>");
    let doc = parse_bounded(html, 60);
    assert_eq!(doc.blocks.len(), 100_000);
}

/// Paragraphs of plain article prose, enough for Readability to take the container as
/// the article.
fn prose(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the report on the harbour works describes how the crews \
                 rebuilt the eastern quay, replaced the old cranes and reopened the ferry \
                 berth to passengers, on time and within the budget the council had set.</p>"
            )
        })
        .collect()
}

fn body_of(html: &str) -> String {
    let doc = parse("x.html", html, None);
    check_invariants(&doc);
    doc.text.to_string()
}

#[test]
fn a_widget_class_never_removes_the_article_it_wraps() {
    let html = page(
        "<title>Quay</title>",
        &format!(
            "<div class=\"advert-wrapper\"><article>{}</article></div>",
            prose(3)
        ),
    );
    let text = body_of(&html);
    assert!(
        text.contains("Paragraph 0 of the report") && text.contains("Paragraph 2"),
        "{text}"
    );
}

#[test]
fn captions_credits_share_bars_and_teasers_go() {
    let html = page(
        "<title>Quay</title>",
        &format!(
            "<article>{}<p>Crews worked through the night on the quay (Image: GETTY )</p>\
             <p>Whatsapp Facebook Pint Twitter</p>{}\
             <p>Harbour Festival opening night on the rebuilt quay</p>\
             <p>Harbour Festival opening night on the rebuilt quay</p>\
             <p>| UPDATED: 11:05, Tue, Mar 5, 2024</p>\
             <p>Ferry fares rise [INSIGHT] | Tunnel plan revealed [VIDEO]</p>{}</article>",
            prose(2),
            prose(1),
            prose(1)
        ),
    );
    let text = body_of(&html);
    for gone in ["(Image: GETTY", "Whatsapp", "UPDATED", "[INSIGHT]"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert_eq!(
        text.matches("Harbour Festival opening night").count(),
        1,
        "{text}"
    );
    assert!(text.contains("Paragraph 1 of the report"));
}

#[test]
fn dont_miss_boxes_and_about_sections_go() {
    let html = page(
        "<title>Quay</title>",
        &format!(
            "<article>{}<h3>DON'T MISS</h3><ul><li><a href=\"/a\">Tunnel plans return</a></li>\
             <li><a href=\"/b\">Fees rise in spring</a></li></ul>{}{}\
             <h2>About Harbour Trust</h2><p>Harbour Trust runs the port, its ferries and the \
             marina on behalf of the city.</p><p>Media contact: the press office.</p></article>",
            prose(2),
            prose(2),
            prose(2)
        ),
    );
    let text = body_of(&html);
    for gone in [
        "DON'T MISS",
        "Tunnel plans return",
        "About Harbour Trust",
        "Media contact",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert!(text.contains("Paragraph 1 of the report"));
}

#[test]
fn link_only_list_items_inside_the_body_stay() {
    let html = page(
        "<title>Sources</title>",
        &format!(
            "<article>{}<p>The figures come from these sources:</p><ul>\
             <li><a href=\"/tides\">Tide tables for the estuary</a></li>\
             <li><a href=\"/berths\">Berth register of the port</a></li></ul>{}</article>",
            prose(2),
            prose(2)
        ),
    );
    let text = body_of(&html);
    assert!(text.contains("Tide tables for the estuary"), "{text}");
    assert!(text.contains("Berth register of the port"), "{text}");
}

#[test]
fn mathml_becomes_its_text_alternative_or_a_placeholder() {
    let html = page(
        "<title>Maths</title>",
        &format!(
            "<article>{}<p>The area is <math alttext=\"pi r squared\"><mi>π</mi><msup><mi>r</mi>\
             <mn>2</mn></msup></math> for a round basin.</p><p>The load is \
             <math><semantics><mrow><mi>m</mi><mi>g</mi></mrow><annotation encoding=\
             \"application/x-tex\">m g</annotation></semantics></math> newtons, and the \
             slope <math><mi>k</mi></math> is small.</p>{}</article>",
            prose(2),
            prose(1)
        ),
    );
    let text = body_of(&html);
    assert!(
        text.contains("The area is pi r squared for a round basin."),
        "{text}"
    );
    assert!(text.contains("The load is m g newtons"), "{text}");
    assert!(text.contains("slope [formula] is small"), "{text}");
}

#[test]
fn saved_pages_are_named_by_their_title() {
    let doc = parse(
        "/saved/x/source.html",
        &page("<title>Quay reopens</title>", &prose(3)),
        None,
    );
    assert_eq!(doc.display_name(), "Quay reopens");
}
