//! Bounded nesting for HTML: elements deeper than [`MAX_DEPTH`] are flattened into their
//! ancestor at that depth before the page is parsed.
//!
//! Hostile or broken pages nest elements tens of thousands deep (`<b>` never closed, a
//! `<div>` in a `<div>`, tables in tables). Every later stage walks the tree (the HTML
//! parser's scope checks scan the open elements, Readability and the block walker
//! recurse), so depth costs stack and time on each element. One linear scan over the
//! source drops the start and end tags of every element that would open at depth
//! [`MAX_DEPTH`] or deeper; the text inside stays, in its place. Browsers do much the same
//! (Blink reparents past depth 512).
//!
//! The scan follows HTML's tree shape closely enough to count depth: void elements and
//! `/>` open nothing; an end tag closes up to its open element (elements left open inside
//! close with it); `<p>`, `<li>`, `<dt>`/`<dd>`, `<tr>`, `<td>`/`<th>` and `<option>`
//! close an open one of their kind within the same container, as the parser does; the
//! contents of `<script>`, `<style>`, `<textarea>`, `<title>` and comments are skipped. Every
//! step is constant time (amortised), so the pass is linear in the page.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest element kept as an element (the root `<html>` has depth 0). Real pages
/// stay far below it.
pub const MAX_DEPTH: usize = 256;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// For elements that an open element of the same kind closes: the containers that stop it.
fn closes_within(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "p" => &[
            "button", "table", "td", "th", "caption", "object", "template", "applet",
        ],
        "li" => &["ul", "ol", "menu", "table", "td", "th"],
        "dt" | "dd" => &["dl", "table", "td", "th"],
        "tr" => &["table", "thead", "tbody", "tfoot"],
        "td" | "th" => &["table", "tr"],
        "option" => &["select", "datalist", "optgroup"],
        _ => return None,
    })
}

/// The open elements, with for each name the stack positions where it is open.
#[derive(Default)]
struct Open {
    /// Name and whether its tags were kept, innermost last.
    stack: Vec<(String, bool)>,
    at: HashMap<String, Vec<usize>>,
}

impl Open {
    fn last(&self, name: &str) -> Option<usize> {
        self.at.get(name).and_then(|v| v.last().copied())
    }

    fn push(&mut self, name: &str) -> bool {
        let kept = self.stack.len() < MAX_DEPTH;
        self.at
            .entry(name.to_string())
            .or_default()
            .push(self.stack.len());
        self.stack.push((name.to_string(), kept));
        kept
    }

    /// Close everything down to and including the element at `pos`; whether its tags
    /// were kept.
    fn pop_to(&mut self, pos: usize) -> bool {
        let mut kept = false;
        while self.stack.len() > pos {
            let Some((name, k)) = self.stack.pop() else {
                break;
            };
            if let Some(v) = self.at.get_mut(&name) {
                v.pop();
            }
            kept = k;
        }
        kept
    }

    /// Where an open element of kind `name` would be closed by a new one, if any.
    fn implied_close(&self, name: &str) -> Option<usize> {
        let stops = closes_within(name)?;
        let candidates: &[&str] = match name {
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            _ => std::slice::from_ref(&name),
        };
        let open = candidates.iter().filter_map(|c| self.last(c)).max()?;
        let stop = stops.iter().filter_map(|s| self.last(s)).max();
        (stop.is_none_or(|s| s < open)).then_some(open)
    }
}

/// `html` with every element that would open deeper than [`MAX_DEPTH`] reduced to its
/// text (its tags dropped). Borrowed unchanged when nothing is that deep.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open = Open::default();
    let mut out: Option<String> = None;
    // Bytes before `copied` are already in `out` (or need not be, while it is `None`).
    let mut copied = 0;
    let mut i = 0;
    let drop_range = |out: &mut Option<String>, copied: &mut usize, start: usize, end: usize| {
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[*copied..start]);
        *copied = end;
    };
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        i = start + 1;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b':')
            .unwrap_or(bytes.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // a lone "<" in text
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(end) = tag_end(bytes, name_start + name_len) else {
            break; // an unterminated tag runs to the end of the page
        };
        i = end;
        if closing {
            if let Some(pos) = open.last(&name) {
                if !open.pop_to(pos) {
                    drop_range(&mut out, &mut copied, start, end);
                }
            }
            continue;
        }
        let self_closing = bytes[..end].ends_with(b"/>");
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if let Some(pos) = open.implied_close(&name) {
            open.pop_to(pos);
        }
        if name == "html" || name == "body" || name == "head" {
            // Repeated or misplaced document tags merge into the existing ones.
            if open.last(&name).is_some() {
                continue;
            }
        }
        if !open.push(&name) {
            drop_range(&mut out, &mut copied, start, end);
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip the element's text to its end tag, which closes it.
            let close = format!("</{name}");
            let body = &html[end..];
            let found = find_ascii_ci(body, &close);
            i = found.map_or(html.len(), |f| end + f);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// The byte after the `>` that ends a tag whose attributes start at `from` (quotes
/// respected).
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &c) in b[from..].iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(from + k + 1),
            _ => {}
        }
    }
    None
}

/// Where `needle` (ASCII, lower case) first occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of(html: &str) -> usize {
        // The deepest element after limiting, counted the same way.
        let limited = limit_depth(html);
        let mut open = Open::default();
        let mut deepest = 0;
        let mut i = 0;
        let b = limited.as_bytes();
        while let Some(off) = memchr_lt(&b[i..]) {
            let s = i + off;
            let closing = b.get(s + 1) == Some(&b'/');
            let ns = s + if closing { 2 } else { 1 };
            let nl = b[ns..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(0);
            let name = limited[ns..ns + nl].to_ascii_lowercase();
            i = tag_end(b, ns + nl).unwrap_or(b.len());
            if nl == 0 {
                continue;
            }
            if closing {
                if let Some(p) = open.last(&name) {
                    open.pop_to(p);
                }
            } else if !VOID.contains(&name.as_str()) {
                if let Some(p) = open.implied_close(&name) {
                    open.pop_to(p);
                }
                open.push(&name);
                deepest = deepest.max(open.stack.len());
            }
        }
        deepest
    }

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><head><title>a < b</title><script>if (a<b) x='</div>'</script></head>\
            <body><div><p>One<p>Two<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>\
            <!-- <div><div> --><br/><img src=x></div></body></html>";
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_keeps_its_text() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let out = limit_depth(&html);
        assert_eq!(depth_of(&html), MAX_DEPTH);
        assert!(out.contains("deep text"));
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn unclosed_inline_and_list_nesting_is_cut() {
        let b = format!("<p>{}x", "<b>".repeat(3000));
        assert!(limit_depth(&b).matches("<b>").count() < MAX_DEPTH);
        let lists = format!("{}y", "<ul><li>".repeat(3000));
        assert!(depth_of(&lists) <= MAX_DEPTH);
        // Sibling items and paragraphs never nest, however many there are.
        let flat = format!(
            "<ul>{}</ul>{}",
            "<li>item".repeat(3000),
            "<p>para".repeat(3000)
        );
        assert!(matches!(limit_depth(&flat), Cow::Borrowed(_)));
    }

    #[test]
    fn after_a_deep_region_the_page_goes_on_normally() {
        let html = format!(
            "<body>{}in{}<p>after</p></body>",
            "<section>".repeat(400),
            "</section>".repeat(400)
        );
        let out = limit_depth(&html);
        assert!(out.ends_with("in</section><p>after</p></body>") || out.contains("<p>after</p>"));
        assert_eq!(out.matches("<section>").count(), MAX_DEPTH - 1);
    }
}
