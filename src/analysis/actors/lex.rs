//! Name lexicons for the recogniser, embedded from `assets/lexicons/` and parsed once,
//! lazily, into hash sets. Every file's header says where it comes from and under which
//! licence; `scripts/build_lexicons.py` rebuilds the generated ones.

use crate::analysis::lexicon::parse_list;
use std::sync::LazyLock;

/// A hash map keyed by words, with the fast non-cryptographic FxHash (`rustc-hash`): the
/// lexicons are fixed data and documents are not adversarial.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A hash set of words, with FxHash.
pub type FastSet<K> = rustc_hash::FxHashSet<K>;

/// What a gazetteer says about a (lower-cased) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A country.
    Country,
    /// A city, region or other place.
    Place,
    /// A well-known organisation.
    Org,
    /// A nationality, religion or group word (CoNLL MISC).
    Misc,
}

/// The lexicons, lower-cased where lookups are case-insensitive.
pub struct Lexicons {
    /// Lower-case common English words.
    pub common: FastSet<&'static str>,
    /// Lower-case English function words and sentence adverbs ("the", "had", "again").
    pub function: FastSet<&'static str>,
    /// Given names, lower case.
    pub first: FastSet<&'static str>,
    /// Surnames, lower case.
    pub last: FastSet<&'static str>,
    /// Known names (lower case) and what they are.
    pub known: FastMap<&'static str, Known>,
    /// Alias (lower case) -> canonical name, as written.
    pub alias: FastMap<String, &'static str>,
    /// Person titles and roles, lower case.
    pub titles: FastSet<String>,
    /// The last word of each title, lower case.
    pub title_ends: FastSet<String>,
    /// Last words of organisation names, as written.
    pub org_suffix: FastSet<&'static str>,
    /// First words of "X of Y" organisation names, as written.
    pub org_head: FastSet<&'static str>,
    /// The hand-written organisations (`orgs.txt`, names and aliases, lower case): a name
    /// listed there is an organisation even where the corpora call it a place ("Kremlin").
    pub orgs: FastSet<String>,
    /// Companies (lower case): makers whose name may stand before a product's.
    pub companies: FastSet<String>,
}

fn lower_set(src: &'static str) -> FastSet<String> {
    parse_list(src).map(str::to_lowercase).collect()
}

/// A lexicon file lower-cased whole, kept for the life of the process (the lexicons are
/// built once and never dropped): the big lists' lower-case entries borrow from it
/// instead of each being an allocation of its own. Its lines are the file's lines.
fn lowered(src: &'static str) -> &'static str {
    src.to_lowercase().leak()
}

/// The entries of a lexicon file, lower case.
fn lower_entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    parse_list(lowered(src))
}

/// The embedded lexicons, parsed on first use.
pub static LEX: LazyLock<Lexicons> = LazyLock::new(build);

fn build() -> Lexicons {
    let mut known = FastMap::default();
    let mut alias = FastMap::default();
    let mut add = |src: &'static str, kind: Known, known: &mut FastMap<&'static str, Known>| {
        // Each entry lower-cased, and as written, line by line.
        for (line, lower) in parse_list(src).zip(lower_entries(src)) {
            match lower.split_once(" = ") {
                None => {
                    known.entry(lower).or_insert(kind);
                }
                Some((name, lower_canon)) => {
                    let name = name.trim();
                    known.entry(name).or_insert(kind);
                    known.entry(lower_canon.trim()).or_insert(kind);
                    // The canonical name as written: the same line of the file.
                    let canon = line.split_once(" = ").map_or(line, |(_, c)| c).trim();
                    alias.insert(name.to_string(), canon);
                }
            }
        }
    };
    add(
        include_str!("../../../assets/lexicons/countries.txt"),
        Known::Country,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/places_extra.txt"),
        Known::Country,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/orgs.txt"),
        Known::Org,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/companies.txt"),
        Known::Org,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/demonyms.txt"),
        Known::Misc,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/misc_words.txt"),
        Known::Misc,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/regions.txt"),
        Known::Place,
        &mut known,
    );
    add(
        include_str!("../../../assets/lexicons/cities.txt"),
        Known::Place,
        &mut known,
    );
    // Plural demonyms ("Russians", "Germans") are MISC too (one string for all of them,
    // kept as the lowered lists are).
    let plurals: String = known
        .iter()
        .filter(|(k, v)| **v == Known::Misc && !k.ends_with('s') && !k.ends_with("ese"))
        .map(|(k, _)| format!("{k}s\n"))
        .collect();
    let plurals: &'static str = plurals.leak();
    for p in plurals.lines() {
        known.entry(p).or_insert(Known::Misc);
    }
    let mut org_suffix = FastSet::default();
    let mut org_head = FastSet::default();
    let mut head = false;
    for line in parse_list(include_str!("../../../assets/lexicons/org_words.txt")) {
        match line {
            "[suffix]" => head = false,
            "[head]" => head = true,
            w if head => {
                org_head.insert(w);
            }
            w => {
                org_suffix.insert(w);
            }
        }
    }
    let titles = lower_set(include_str!("../../../assets/lexicons/titles.txt"));
    let title_ends = titles
        .iter()
        .map(|t| t.rsplit(' ').next().unwrap_or(t).to_string())
        .collect();
    Lexicons {
        common: parse_list(include_str!("../../../assets/lexicons/common_words.txt")).collect(),
        function: parse_list(include_str!("../../../assets/lexicons/function_words.txt")).collect(),
        first: lower_entries(include_str!("../../../assets/lexicons/first_names.txt")).collect(),
        last: lower_entries(include_str!("../../../assets/lexicons/surnames.txt")).collect(),
        known,
        alias,
        titles,
        title_ends,
        org_suffix,
        org_head,
        orgs: parse_list(include_str!("../../../assets/lexicons/orgs.txt"))
            .flat_map(|l| l.split(" = "))
            .map(|n| n.trim().to_lowercase())
            .collect(),
        companies: parse_list(include_str!("../../../assets/lexicons/companies.txt"))
            .map(|l| l.split(" = ").next().unwrap_or(l).trim().to_lowercase())
            .collect(),
    }
}
