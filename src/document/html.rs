//! HTML pages reduced to their article: the main content as blocks, plus metadata.
//!
//! The main content is found by `dom_smoothie`, a Rust port of Mozilla's Readability (the
//! algorithm behind Firefox Reader View). Its output HTML is then walked once into a
//! [`Document`]: headings, paragraphs, list items, quotes, preformatted text and images
//! (as their alt text) become [`Block`](super::Block)s; emphasis, code and links become
//! inlines. Leftovers Readability keeps (share bars, "read more" lines, newsletter
//! prompts) are dropped by a small cleanup pass; when Readability finds too little, the
//! page body (less navigation, headers, footers and forms) is used instead.
//!
//! The title is metadata only: it is never part of `text`, so offsets and analyses cover
//! the body alone. Byline, site, language and publication date come from meta tags,
//! JSON-LD, `<time>` elements and the URL.
//!
//! Pure: no file or network access. Bytes are decoded with [`decode`], which honours a
//! byte-order mark, the HTTP charset, `<meta charset>` and, failing those, detection.

use super::date::{self, date_from_url, parse_date_text, plausible_date, DateSource};
use super::furniture::{self, Furniture};
use super::{BlockKind, Document, Format, InlineKind, Link, TextBuilder};
use crate::analysis::NaiveDate;
use dom_query::NodeRef;
use encoding_rs::Encoding;

/// Below this many characters of body text, Readability's result is taken as a miss and the
/// whole page body is used instead.
const MIN_ARTICLE_CHARS: usize = 250;

/// Longest alt text (in words) kept as an image block.
const MAX_ALT_WORDS: usize = 4;

/// Decode an HTML page's bytes to a string, choosing the encoding from (in order) a
/// byte-order mark, the `charset` of an HTTP `content_type`, a `<meta>` charset declaration
/// in the first 4 KiB, valid UTF-8, and statistical detection. Returns the text and a
/// warning when bytes had to be replaced.
pub fn decode(name: &str, bytes: &[u8], content_type: Option<&str>) -> (String, Option<String>) {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => (choose_encoding(bytes, content_type), 0),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    let warning = had_errors.then(|| {
        format!(
            "{name}: invalid {} bytes replaced with \u{FFFD}",
            encoding.name()
        )
    });
    (text.into_owned(), warning)
}

fn choose_encoding(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    let declared = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]));
    if let Some(enc) = declared {
        // A page declared as a UTF-16 variant but read as bytes without a BOM is in
        // practice ASCII-compatible (the HTML standard says so too).
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            return encoding_rs::UTF_8;
        }
        // Pages often claim Latin-1 yet are UTF-8; trust valid UTF-8 with non-ASCII bytes.
        if enc != encoding_rs::UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return encoding_rs::UTF_8;
        }
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + 8..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()?;
    Encoding::for_label(value.as_bytes())
}

/// Find `<meta charset=X>` or `<meta http-equiv=content-type content="...charset=X">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset=") {
            let rest = &tag[at + 8..];
            let rest = rest
                .iter()
                .position(|&b| b != b'"' && b != b'\'' && b != b' ')
                .map_or(&rest[rest.len()..], |p| &rest[p..]);
            let len = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..len]) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parse an HTML page into a [`Document`] holding its main content. `source` is the name
/// the user gave; `url` (when known) resolves relative links and can supply the date.
///
/// Nesting deeper than [`nesting::MAX_DEPTH`](super::nesting::MAX_DEPTH) is flattened
/// first, so no later walk is deeper than that.
pub fn parse(source: &str, html: &str, url: Option<&str>) -> Document {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let html = super::nesting::limit_depth(html);
    let html = html.as_ref();
    let page = dom_query::Document::from(html);
    let meta = PageMeta::read(&page, url);
    clean_page(&page);

    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::with_document(page, url, Some(cfg))
        .or_else(|_| {
            dom_smoothie::Readability::with_document(dom_query::Document::from(html), None, None)
        })
        .and_then(|mut r| r.parse());

    let mut title = None;
    let mut byline = None;
    let mut site = None;
    let mut lang = None;
    let mut walker = Walker::default();
    if let Ok(article) = &article {
        title = nonempty(&article.title);
        byline = article.byline.as_deref().and_then(nonempty);
        site = article.site_name.as_deref().and_then(nonempty);
        lang = article.lang.as_deref().and_then(nonempty);
        let content = dom_query::Document::fragment(article.content.clone());
        walker.title = title.as_deref().map(super::normalize_words);
        walker.walk(&content.root());
        walker.flush();
    }
    if walker.out.text.chars().count() < MIN_ARTICLE_CHARS {
        // Readability missed: fall back to the body without its chrome.
        let page = dom_query::Document::from(html);
        clean_page(&page);
        page.select(FALLBACK_DROP).remove();
        let mut fallback = Walker {
            title: title.as_deref().map(super::normalize_words),
            ..Walker::default()
        };
        if let Some(body) = page.body() {
            fallback.walk(&body);
            fallback.flush();
        }
        if fallback.out.text.len() > walker.out.text.len() {
            walker = fallback;
        }
    }

    let mut out = walker.out;
    let found = {
        let blocks: Vec<(BlockKind, &str)> = out
            .blocks
            .iter()
            .map(|b| (b.kind, &out.text[b.span.clone()]))
            .collect();
        furniture::about_section_start(&blocks)
    };
    if let Some((from, to)) = found {
        drop_blocks(&mut out, from..to);
    }
    if let Some(from) = furniture::trailing_link_list(&block_links(&out)) {
        let to = out.blocks.len();
        drop_blocks(&mut out, from..to);
    }
    let mut doc = Document::new(source, Format::Html, out.text, out.blocks);
    doc.inlines = out.inlines;
    doc.links = out.links;
    doc.title = title.or(meta.title);
    doc.byline = byline.or(meta.byline).map(|b| {
        let rest = b.strip_prefix("By ").or_else(|| b.strip_prefix("by "));
        rest.map_or(b.clone(), |r| r.trim().to_string())
    });
    doc.site = site.or(meta.site);
    doc.lang = lang.or(meta.lang);
    if let Some((date, source)) = meta.date {
        doc.set_date(date, source);
    }
    doc
}

fn nonempty(s: &str) -> Option<String> {
    let s = collapse(s);
    (!s.is_empty()).then_some(s)
}

fn collapse(s: &str) -> String {
    super::sanitize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements dropped from the page before Readability sees it: never article text.
const PAGE_DROP: &str = "script, style, noscript, template, svg, button, select, textarea, \
    input, dialog, [hidden], [aria-hidden=true], [role=dialog], [role=alertdialog]";

/// Extra elements dropped when the whole body is used as a fallback.
const FALLBACK_DROP: &str = "nav, header, footer, aside, form, menu, [role=navigation], \
    [role=banner], [role=contentinfo], [role=complementary]";

/// Remove what can never be article text, and widgets whose class or id says what they are
/// (share bars, cookie banners, newsletter prompts, comment sections, related links).
///
/// A widget is removed only when it holds little text and less than half of the page's:
/// a wrapper whose class merely mentions "advert" may hold the whole article.
fn clean_page(page: &dom_query::Document) {
    page.select(PAGE_DROP).remove();
    let page_chars = page.body().map_or(0, |b| text_chars(&b, usize::MAX));
    let limit = WIDGET_MAX_CHARS.min(page_chars.div_ceil(2));
    let mut doomed = Vec::new();
    for node in page.select("body *").nodes() {
        if is_boilerplate(node, limit) {
            doomed.push(*node);
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

fn is_boilerplate(node: &NodeRef, limit: usize) -> bool {
    let name = node.node_name();
    if matches!(name.as_deref(), Some("body" | "html" | "article" | "main")) {
        return false;
    }
    let mut attrs = String::new();
    for key in ["class", "id"] {
        if let Some(v) = node.attr(key) {
            attrs.push_str(&v.to_ascii_lowercase());
            attrs.push(' ');
        }
    }
    if attrs.is_empty() {
        return false;
    }
    const WIDGETS: &[&str] = &[
        "cookie",
        "gdpr",
        "consent",
        "share-",
        "sharing",
        "social-",
        "newsletter",
        "subscribe",
        "related-",
        "comments",
        "comment-list",
        "disqus",
        "advert",
        "sponsor",
        "promo",
        "breadcrumb",
    ];
    WIDGETS.iter().any(|w| attrs.contains(w)) && text_chars(node, limit) < limit
}

/// Most non-space characters a widget may hold and still be removed.
const WIDGET_MAX_CHARS: usize = 2000;

/// The non-space characters of the text under `node`, counted up to `limit` (the walk
/// stops there, so checking every node of a page stays linear in practice however the
/// widgets nest).
fn text_chars(node: &NodeRef, limit: usize) -> usize {
    let mut seen = 0;
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            seen += n.text().chars().filter(|c| !c.is_whitespace()).count();
            if seen >= limit {
                return seen;
            }
        } else {
            stack.extend(n.children_it(true));
        }
    }
    seen
}

/// Metadata read from the page itself (used when Readability gives none).
#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    byline: Option<String>,
    site: Option<String>,
    lang: Option<String>,
    date: Option<(NaiveDate, DateSource)>,
}

impl PageMeta {
    fn read(page: &dom_query::Document, url: Option<&str>) -> Self {
        let meta = |names: &[&str]| -> Option<String> {
            for name in names {
                let sel = format!(
                    "meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]"
                );
                for node in page.select(&sel).nodes() {
                    if let Some(v) = node.attr("content").and_then(|v| nonempty(&v)) {
                        return Some(v);
                    }
                }
            }
            None
        };
        let lang = page
            .select("html[lang]")
            .nodes()
            .first()
            .and_then(|n| n.attr("lang"))
            .and_then(|v| nonempty(&v))
            .or_else(|| meta(&["og:locale", "language", "content-language"]));
        PageMeta {
            title: meta(&["og:title", "twitter:title"]).or_else(|| {
                page.select("title")
                    .nodes()
                    .first()
                    .and_then(|n| nonempty(&n.text()))
            }),
            byline: meta(&["author", "article:author", "byl", "dc.creator"]),
            site: meta(&["og:site_name", "application-name"]),
            lang,
            date: page_date(page, url, date::today()),
        }
    }
}

/// Meta tags naming the publication date, most specific first.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "DC.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "dc.date",
    "DC.date",
    "date",
    "article.published",
    "original-publish-date",
];

/// Meta tags naming the last modification, used only when nothing names the publication.
const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
];

/// The publication date of a page and where it was found, trying in order: JSON-LD
/// `datePublished` (at any depth, in `@graph` and arrays; the shallowest wins), the
/// publication meta tags, a `<time datetime>` in the article header (or marked
/// `itemprop=datePublished` / `pubdate`), a date in the URL path (`url`, else the page's
/// canonical or `og:url` link), JSON-LD `dateCreated` / `uploadDate` (often a video's),
/// `dateModified` and the modification meta tags, and last the page's first `<time>`.
/// A candidate that is not a [`plausible_date`] (relative to `today`) is skipped.
fn page_date(
    page: &dom_query::Document,
    url: Option<&str>,
    today: NaiveDate,
) -> Option<(NaiveDate, DateSource)> {
    let ok = |d: NaiveDate| plausible_date(d, today).then_some(d);
    let text_date = |s: &str| parse_date_text(s).and_then(ok);
    let scripts: Vec<String> = page
        .select("script[type=\"application/ld+json\"]")
        .nodes()
        .iter()
        .map(|n| n.text().to_string())
        .collect();
    let json_ld = |keys: &[&str]| {
        scripts
            .iter()
            .find_map(|s| json_ld_date(s, keys, &text_date))
            .map(|d| (d, DateSource::JsonLd))
    };
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let sel = format!(
                "meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]"
            );
            page.select(&sel)
                .nodes()
                .iter()
                .find_map(|n| n.attr("content").and_then(|v| text_date(&v)))
                .map(|d| (d, DateSource::Meta))
        })
    };
    let time = || {
        page.select(
            "time[itemprop=datePublished], time[pubdate], article header time[datetime], \
             header time[datetime], article time[datetime], main time[datetime]",
        )
        .nodes()
        .iter()
        .find_map(|n| {
            n.attr("datetime")
                .or_else(|| n.attr("content"))
                .and_then(|v| text_date(&v))
        })
        .map(|d| (d, DateSource::TimeElement))
    };
    let from_url = || {
        let canonical = || {
            page.select("link[rel=canonical], meta[property=\"og:url\"]")
                .nodes()
                .iter()
                .find_map(|n| n.attr("href").or_else(|| n.attr("content")))
                .map(|v| v.to_string())
        };
        url.map(str::to_string)
            .into_iter()
            .chain(canonical())
            .find_map(|u| date_from_url(&u).and_then(ok))
            .map(|d| (d, DateSource::Url))
    };
    let any_time = || {
        page.select("time[datetime]")
            .nodes()
            .iter()
            .find_map(|n| n.attr("datetime").and_then(|v| text_date(&v)))
            .map(|d| (d, DateSource::TimeElement))
    };
    json_ld(&["datePublished"])
        .or_else(|| meta(META_PUBLISHED))
        .or_else(time)
        .or_else(from_url)
        .or_else(|| json_ld(&["dateCreated", "uploadDate"]))
        .or_else(|| json_ld(&["dateModified"]))
        .or_else(|| meta(META_MODIFIED))
        .or_else(any_time)
}

/// The first plausible date under one of `keys` in a JSON-LD block, breadth first (the
/// page's own object comes before the articles it lists). A block that is not valid JSON
/// (pages leave trailing commas and raw newlines in strings) is searched as text.
fn json_ld_date(
    script: &str,
    keys: &[&str],
    text_date: &dyn Fn(&str) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let body = script
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let Ok(root) = serde_json::from_str::<serde_json::Value>(body) else {
        return keys.iter().find_map(|k| {
            let pat = format!("\"{k}\"");
            body.match_indices(&pat).find_map(|(at, _)| {
                let rest = body[at + pat.len()..].trim_start().strip_prefix(':')?;
                let value = rest.trim_start().strip_prefix('"')?;
                text_date(&value[..value.find('"')?])
            })
        });
    };
    let mut level = vec![&root];
    while !level.is_empty() {
        let mut next = Vec::new();
        for v in level {
            match v {
                serde_json::Value::Object(map) => {
                    let found = keys
                        .iter()
                        .find_map(|k| map.get(*k).and_then(|d| d.as_str()).and_then(text_date));
                    if found.is_some() {
                        return found;
                    }
                    next.extend(map.values());
                }
                serde_json::Value::Array(items) => next.extend(items),
                _ => {}
            }
        }
        level = next;
    }
    None
}

/// Each block's kind, text and bytes of link text.
fn block_links(out: &TextBuilder) -> Vec<(BlockKind, &str, usize)> {
    let mut links = out.links.iter().peekable();
    out.blocks
        .iter()
        .map(|b| {
            let mut bytes = 0;
            while let Some(l) = links.next_if(|l| l.span.start < b.span.end) {
                bytes += l.span.end.min(b.span.end) - l.span.start.max(b.span.start);
            }
            (b.kind, &out.text[b.span.clone()], bytes)
        })
        .collect()
}

/// Remove `out.blocks[range]` with their text, inlines and links, keeping every invariant
/// (blank lines between blocks, offsets, link indices).
fn drop_blocks(out: &mut TextBuilder, range: std::ops::Range<usize>) {
    if range.is_empty() {
        return;
    }
    let (first, last) = (range.start, range.end - 1);
    let cut = if first > 0 {
        out.blocks[first - 1].span.end..out.blocks[last].span.end
    } else if let Some(next) = out.blocks.get(range.end) {
        0..next.span.start
    } else {
        0..out.text.len()
    };
    let shift = cut.len();
    let moved = |x: usize| if x >= cut.end { x - shift } else { x };
    out.text.replace_range(cut.clone(), "");
    out.blocks.drain(range);
    for b in &mut out.blocks {
        b.span = moved(b.span.start)..moved(b.span.end);
    }
    let inside = |s: &std::ops::Range<usize>| s.start >= cut.start && s.end <= cut.end;
    let mut new_index = vec![None; out.links.len()];
    let mut links = Vec::new();
    for (i, l) in out.links.drain(..).enumerate() {
        if !inside(&l.span) {
            new_index[i] = Some(links.len());
            links.push(Link {
                span: moved(l.span.start)..moved(l.span.end),
                target: l.target,
            });
        }
    }
    out.links = links;
    out.inlines.retain_mut(|i| {
        if inside(&i.span) {
            return false;
        }
        i.span = moved(i.span.start)..moved(i.span.end);
        match i.kind {
            InlineKind::Link(k) => match new_index.get(k).copied().flatten() {
                Some(n) => {
                    i.kind = InlineKind::Link(n);
                    true
                }
                None => false,
            },
            _ => true,
        }
    });
}

/// An inline style or link being collected in the current block, relative to its start.
struct Pending {
    kind: InlineKind,
    start: usize,
    end: usize,
    target: Option<String>,
}

/// Walks an element tree into blocks.
#[derive(Default)]
struct Walker {
    out: TextBuilder,
    /// The block being collected.
    buf: String,
    /// Counts how often `buf` was emptied: an inline whose element spans a block break
    /// starts again at the top of the new block.
    emptied: u64,
    /// A space is owed before the next text.
    space: bool,
    inlines: Vec<Pending>,
    /// Inside `<pre>`.
    pre: usize,
    /// Inside `<blockquote>`.
    quote: usize,
    /// Inside `<figure>`.
    figure: usize,
    /// Open lists: ordered? and the next number.
    lists: Vec<(bool, u32)>,
    /// The kind the current block will get.
    kind: Option<BlockKind>,
    /// The title, normalised, to drop a heading repeating it.
    title: Option<String>,
    /// Whether a heading has been seen (only the first may repeat the title).
    seen_heading: bool,
    /// The furniture rules' state.
    furniture: Furniture,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "center"
            | "body"
            | "html"
    )
}

impl Walker {
    fn walk(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text());
            } else if child.is_element() {
                self.element(&child);
            } else if child.is_document() || child.is_fragment() {
                self.walk(&child);
            }
        }
    }

    fn element(&mut self, node: &NodeRef) {
        let Some(name) = node.node_name() else { return };
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" | "button" | "select"
            | "textarea" | "input" | "iframe" | "object" | "head" | "title" | "meta" | "link" => {}
            "br" => {
                // A line break, never a blank line (that would split the block).
                if !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push('\n');
                }
                self.space = false;
            }
            "img" => self.image(node),
            // Captions and credits are not article text (human-written article bodies
            // leave them out); the image itself stays as its alt text.
            "figcaption" => {}
            "math" => self.math(node),
            "a" | "em" | "i" | "cite" | "strong" | "b" | "code" | "kbd" | "samp" | "tt" => {
                let kind = match name.as_str() {
                    "a" => node
                        .attr("href")
                        .filter(|h| !h.trim().is_empty() && !h.starts_with("javascript:"))
                        .map(|_| InlineKind::Link(0)),
                    "em" | "i" | "cite" => Some(InlineKind::Emphasis),
                    "strong" | "b" => Some(InlineKind::Strong),
                    _ if self.pre == 0 => Some(InlineKind::Code),
                    _ => None,
                };
                self.open_space();
                let (mut start, emptied) = (self.buf.len(), self.emptied);
                self.walk(node);
                if self.emptied != emptied {
                    // A block ended inside the element: what is left of it opens this one.
                    start = 0;
                }
                let end = self.buf.trim_end().len();
                if let Some(kind) = kind {
                    if end > start {
                        let target = match kind {
                            InlineKind::Link(_) => node.attr("href").map(|h| h.trim().to_string()),
                            _ => None,
                        };
                        self.inlines.push(Pending {
                            kind,
                            start,
                            end,
                            target,
                        });
                    }
                }
            }
            _ if is_block(&name) => self.block(node, &name),
            _ => self.walk(node),
        }
    }

    /// Emit an owed space now, so that an inline's start is its first character.
    fn open_space(&mut self) {
        if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push(' ');
        }
        self.space = false;
    }

    fn block(&mut self, node: &NodeRef, name: &str) {
        self.flush();
        let saved = self.kind;
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.kind = Some(BlockKind::Heading(level));
                self.walk(node);
                if !self.seen_heading {
                    self.seen_heading = true;
                    if self.title.as_deref() == Some(super::normalize_words(&self.buf).as_str()) {
                        self.clear();
                    }
                }
            }
            "ul" | "ol" => {
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push((name == "ol", start));
                self.walk(node);
                self.lists.pop();
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1).min(u8::MAX as usize) as u8;
                let number = match self.lists.last_mut() {
                    Some((true, n)) => {
                        let this = *n;
                        *n += 1;
                        Some(this)
                    }
                    _ => None,
                };
                self.kind = Some(BlockKind::ListItem { depth, number });
                self.walk(node);
            }
            "blockquote" => {
                self.quote += 1;
                self.walk(node);
                self.flush();
                self.quote -= 1;
            }
            "figure" => {
                self.figure += 1;
                self.walk(node);
                self.figure -= 1;
            }
            "pre" => {
                self.pre += 1;
                self.kind = Some(BlockKind::Code);
                self.walk(node);
                self.flush();
                self.pre -= 1;
            }
            _ => {
                // A generic container: its own text is a paragraph (or quote).
                self.kind = None;
                self.walk(node);
            }
        }
        self.flush();
        self.kind = saved;
    }

    /// MathML: its text alternative (`alttext`, else a TeX annotation), else a marked
    /// placeholder; never the raw run of its symbols.
    fn math(&mut self, node: &NodeRef) {
        let tex = node
            .descendants_it()
            .filter(|n| {
                n.node_name()
                    .is_some_and(|t| t.eq_ignore_ascii_case("annotation"))
            })
            .find(|n| n.attr("encoding").is_some_and(|e| e.contains("tex")))
            .map(|n| n.text().to_string());
        let alt = node
            .attr("alttext")
            .map(|a| a.to_string())
            .or(tex)
            .map(|a| collapse(&a))
            .filter(|a| !a.is_empty());
        self.text(&alt.unwrap_or_else(|| "[formula]".to_string()));
    }

    fn image(&mut self, node: &NodeRef) {
        let alt = node.attr("alt").map(|a| collapse(&a)).unwrap_or_default();
        // A long alt text is a caption that the page usually repeats; keep short labels.
        // Only editorial images (in a figure) are blocks; others are decoration or icons.
        if self.figure == 0
            || alt.chars().count() < 3
            || self.pre > 0
            || alt.split_whitespace().count() > MAX_ALT_WORDS
            || furniture::is_file_name(&alt)
        {
            return;
        }
        // An image inside running text (an icon, an emoji) stays out of the text.
        if !self.buf.trim().is_empty() {
            return;
        }
        self.flush();
        self.out.push_block(BlockKind::Image, &alt);
    }

    fn text(&mut self, raw: &str) {
        if self.pre > 0 {
            for c in raw.chars() {
                match c {
                    // No blank lines inside a block: they separate blocks.
                    '\n' if self.buf.ends_with('\n') || self.buf.is_empty() => {}
                    '\n' => self.buf.push('\n'),
                    '\t' => self.buf.push_str("    "),
                    c if keep_char(c) => self.buf.push(c),
                    _ => {}
                }
            }
            return;
        }
        for c in raw.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else if keep_char(c) {
                self.open_space();
                self.buf.push(c);
            }
        }
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.emptied += 1;
        self.inlines.clear();
        self.space = false;
    }

    /// Finish the current block, if it has text.
    fn flush(&mut self) {
        let content = self.buf.trim_end();
        if content.trim().is_empty() {
            self.clear();
            return;
        }
        let lead = content.len() - content.trim_start().len();
        let content = content.trim_start();
        let kind = match self.kind {
            Some(kind) => kind,
            None if self.quote > 0 => BlockKind::Quote,
            None => BlockKind::Paragraph,
        };
        let link_bytes: usize = self
            .inlines
            .iter()
            .filter(|p| p.target.is_some())
            .map(|p| p.end - p.start)
            .sum();
        if self.pre == 0 && self.furniture.is_furniture(content, link_bytes, kind) {
            self.clear();
            return;
        }
        let start = self.out.push_block(kind, content).unwrap_or(0);
        let len = content.len();
        let mut block_inlines = Vec::new();
        for p in self.inlines.drain(..) {
            let s = p.start.saturating_sub(lead).min(len);
            let e = p.end.saturating_sub(lead).min(len);
            if e <= s {
                continue;
            }
            let span = start + s..start + e;
            let kind = match (p.kind, p.target) {
                (InlineKind::Link(_), Some(target)) => {
                    self.out.links.push(Link {
                        span: span.clone(),
                        target,
                    });
                    InlineKind::Link(self.out.links.len() - 1)
                }
                (InlineKind::Link(_), None) => continue,
                (kind, _) => kind,
            };
            block_inlines.push(super::Inline { kind, span });
        }
        // This block's inlines all follow the earlier blocks': sorting them alone keeps
        // the whole list in order (sorting it all on every block was quadratic).
        block_inlines.sort_by_key(|i| i.span.start);
        self.out.inlines.append(&mut block_inlines);
        self.buf.clear();
        self.emptied += 1;
        self.space = false;
    }
}

/// Characters kept in the text: no controls, no bidi overrides (see [`super::sanitize`]),
/// no zero-width spaces.
fn keep_char(c: char) -> bool {
    // Zero-width spaces and stray BOMs are spacer junk: a block of them would look empty.
    !c.is_control()
        && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_declarations() {
        let meta = meta_charset(
            b"<head><META http-equiv=Content-Type content='text/html; charset=Shift_JIS'>",
        );
        assert_eq!(meta, Some(encoding_rs::SHIFT_JIS));
        assert_eq!(
            meta_charset(b"<meta charset=\"koi8-r\"/>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(meta_charset(b"<meta name=x content=y>"), None);
        assert_eq!(
            charset_param("text/html; charset=\"windows-1251\""),
            Some(encoding_rs::WINDOWS_1251)
        );
        // A wrong Latin-1 label on valid UTF-8 is overridden.
        let (text, w) = decode("x", "<meta charset=iso-8859-1><p>café</p>".as_bytes(), None);
        assert!(text.contains("café") && w.is_none());
        let (text, _) = decode(
            "x",
            b"\xEF\xBB\xBF<p>ok</p>",
            Some("text/html; charset=latin1"),
        );
        assert_eq!(text, "<p>ok</p>");
    }
}
