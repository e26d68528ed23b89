//! Hand-checked actor cases: what a reader must see in the actors panel, one test per
//! convention. Every sentence here is written for these tests.

use lede::analysis::{analyze, Analysis, Label};

fn run(text: &str) -> Analysis {
    analyze(text, None)
}

/// The names found, as written, with their labels.
fn names(a: &Analysis, text: &str) -> Vec<(String, Label)> {
    a.mentions
        .iter()
        .map(|m| (text[m.span.clone()].to_string(), m.label))
        .collect()
}

fn actor<'a>(a: &'a Analysis, name: &str) -> &'a lede::analysis::Actor {
    a.actors
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no actor {name:?} in {:?}", a.actors))
}

#[test]
fn forms_of_one_name_merge_into_one_actor() {
    let text = "Senator Maria Okafor filed the bill on Tuesday. Okafor's aides said the \
        vote was close. \"We will win,\" Okafor told reporters.\n\nOKAFOR PRESSES ON";
    let a = run(text);
    let o = actor(&a, "Maria Okafor");
    assert_eq!(o.kind, Label::Person);
    assert!(o.mentions.len() >= 3, "{:?}", names(&a, text));
    assert!(o.roles.iter().any(|r| r == "Senator"), "{:?}", o.roles);
    assert_eq!(
        a.actors
            .iter()
            .filter(|x| x.name.contains("Okafor"))
            .count(),
        1,
        "{:?}",
        a.actors
    );
}

#[test]
fn a_countrys_short_form_merges_with_its_name() {
    let text = "The United States sent a delegation to Geneva. Officials from the U.S. met \
        their counterparts there on Friday.";
    let a = run(text);
    let us = actor(&a, "United States");
    assert_eq!(us.kind, Label::Place);
    assert_eq!(us.mentions.len(), 2, "{:?}", names(&a, text));
}

#[test]
fn a_name_has_one_kind_in_a_document() {
    let text = "Harlow Mills reported higher sales. Shares of Harlow Mills rose after the \
        report, and Harlow Mills said it would hire more staff.";
    let a = run(text);
    let kinds: Vec<Label> = a
        .mentions
        .iter()
        .filter(|m| text[m.span.clone()].contains("Harlow"))
        .map(|m| m.label)
        .collect();
    assert!(kinds.len() >= 2, "{:?}", names(&a, text));
    assert!(kinds.iter().all(|k| *k == kinds[0]), "{kinds:?}");
    assert_eq!(
        a.actors
            .iter()
            .filter(|x| x.name.contains("Harlow"))
            .count(),
        1
    );
}

#[test]
fn common_words_fragments_and_adjectives_are_no_actors() {
    let text = "Phase two of the plan starts in March. Building work was delayed, \
        a Texas-based contractor said. However, the council approved it.";
    let a = run(text);
    for bad in ["Phase", "Building", "Texas-based", "However", "March"] {
        assert!(
            !a.actors.iter().any(|x| x.name == bad),
            "{bad} is an actor: {:?}",
            a.actors
        );
    }
}

#[test]
fn products_and_market_indices_are_not_actors() {
    let text = "The airline ordered twelve Boeing 787 jets. The Nikkei average fell 2 \
        percent in Tokyo, while the Dow Jones industrial average rose.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        ns.iter()
            .any(|(n, l)| n.starts_with("Boeing 787") && *l == Label::Misc),
        "{ns:?}"
    );
    assert!(
        ns.iter().any(|(n, l)| n == "Nikkei" && *l == Label::Misc),
        "{ns:?}"
    );
    assert!(
        ns.iter().any(|(n, l)| n == "Tokyo" && *l == Label::Place),
        "{ns:?}"
    );
    assert!(!a.actors.iter().any(|x| x.name.starts_with("Boeing 787")));
}

#[test]
fn organisations_named_like_places_are_organisations() {
    let text = "Shares of Washington Mutual fell sharply on Monday. China Eastern said it \
        would cut flights, and the U.S. Embassy issued a travel warning.";
    let a = run(text);
    let ns = names(&a, text);
    for org in ["Washington Mutual", "China Eastern", "U.S. Embassy"] {
        assert!(
            ns.iter().any(|(n, l)| n == org && *l == Label::Org),
            "{org}: {ns:?}"
        );
    }
}

#[test]
fn roles_come_from_titles_and_appositions() {
    let text = "Prime Minister Lena Dahl spoke first. Tomas Berg, the finance minister, \
        replied an hour later.";
    let a = run(text);
    assert!(actor(&a, "Lena Dahl")
        .roles
        .iter()
        .any(|r| r == "Prime Minister"));
    assert!(actor(&a, "Tomas Berg")
        .roles
        .iter()
        .any(|r| r == "finance minister"));
}

#[test]
fn pronouns_and_sentence_initial_words_are_never_names() {
    let text = "He said it was late. In Lisbon, they waited. \"We are here,\" She said.";
    let a = run(text);
    let ns = names(&a, text);
    assert_eq!(ns, [("Lisbon".to_string(), Label::Place)]);
}

#[test]
fn headlines_in_title_case_keep_only_names() {
    let text = "Markets Slide After Weak Factory Report\n\nShares fell on Monday in Oslo \
        as factory orders dropped.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        !ns.iter()
            .any(|(n, _)| n.contains("Slide") || n.contains("Markets")),
        "{ns:?}"
    );
    assert!(ns.iter().any(|(n, l)| n == "Oslo" && *l == Label::Place));
}

#[test]
fn a_sentence_initial_word_is_no_part_of_the_name_after_it() {
    let text = "Marta Lindqvist opened the bakery in 1998. She has run it ever since, and \
        again this winter she refused to sell. Again Lindqvist said no. Once Lindqvist had \
        decided, nobody argued. To Lindqvist's relief, the landlord agreed.";
    let a = run(text);
    let ns = names(&a, text);
    for bad in ["Again", "Once", "To"] {
        assert!(
            !ns.iter().any(|(n, _)| n.split(' ').next() == Some(bad)),
            "{bad} in a name: {ns:?}"
        );
    }
    let m = actor(&a, "Marta Lindqvist");
    assert_eq!(m.kind, Label::Person);
    assert_eq!(m.mentions.len(), 4, "{ns:?}");
}

#[test]
fn a_seat_of_government_standing_for_it_is_an_organisation() {
    let text = "The Kremlin rejected the proposal on Monday. Diplomats in Vienna said \
        the Kremlin had not replied to their letter, and the Pentagon declined to comment.";
    let a = run(text);
    assert_eq!(actor(&a, "Kremlin").kind, Label::Org);
    assert_eq!(actor(&a, "Pentagon").kind, Label::Org);
    assert_eq!(actor(&a, "Vienna").kind, Label::Place);
}

#[test]
fn a_place_name_goes_on_across_a_wrapped_line() {
    // Hard-wrapped prose: the line break falls inside the name.
    let text = "After her degree she took a post as a lecturer at the University of \
        California, San\nDiego, where she taught for a decade.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        ns.iter()
            .any(|(n, l)| n.contains("San\nDiego") && *l != Label::Person),
        "{ns:?}"
    );
    assert!(
        !ns.iter().any(|(n, _)| n == "San" || n == "Diego"),
        "{ns:?}"
    );
}

#[test]
fn a_common_word_opening_a_headline_is_no_actor() {
    let text = "Bridge reopens after repairs\n\nThe bridge over the river at Tallowby \
        reopened on Monday after six weeks of work, the county council said.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(!ns.iter().any(|(n, _)| n.starts_with("Bridge")), "{ns:?}");
    assert!(ns.iter().any(|(n, _)| n == "Tallowby"), "{ns:?}");
}

#[test]
fn a_known_organisation_is_found_whole() {
    let text = "Fighters loyal to the Islamic State group seized two villages on Sunday, \
        officials in Baghdad said.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        ns.iter()
            .any(|(n, l)| n == "Islamic State" && *l == Label::Org),
        "{ns:?}"
    );
    assert_eq!(actor(&a, "Islamic State").kind, Label::Org);
}

#[test]
fn a_date_word_before_a_name_is_no_part_of_it() {
    // The date words also stand in dates of their own ("in early March", "April 2").
    let text = "General Petrov had waited since early March. On the ninth of March Petrov \
        signed the order, and by the end of April Petrov had left for the south. He \
        reached the coast on April 2.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        !ns.iter()
            .any(|(n, _)| n.starts_with("March") || n.starts_with("April")),
        "{ns:?}"
    );
    assert_eq!(actor(&a, "Petrov").mentions.len(), 3, "{ns:?}");
}

#[test]
fn two_names_side_by_side_stay_two() {
    let text = "Ada Lovelace wrote the first published program. A century later, \
        schoolchildren were given an Ada Lovelace Barbie doll. Ada Lovelace is \
        remembered every October.";
    let a = run(text);
    let ns = names(&a, text);
    assert!(
        !ns.iter().any(|(n, _)| n.contains("Lovelace Barbie")),
        "{ns:?}"
    );
    assert_eq!(actor(&a, "Ada Lovelace").mentions.len(), 3, "{ns:?}");
}
