use super::*;

fn catalog() -> Catalog {
    let json = include_str!("../../../../public/data/bundle.json");
    Catalog::new(crate::load_bundle(json).expect("valid bundle"))
}

fn pairs(q: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    q.to_vec()
}

fn ids(c: &Catalog, refs: &[RecordRef]) -> Vec<String> {
    refs.iter().map(|r| c.get(*r).id().to_string()).collect()
}

#[test]
fn year_ranges_parse_or_are_ignored() {
    let cases = [
        ("2022", Some((2022, 2022))),
        ("2002-2021", Some((2002, 2021))),
        ("2021-2002", Some((2002, 2021))),
        ("2002–2021", Some((2002, 2021))),
        ("22", None),
        ("2022-", None),
        ("abcd", None),
        ("", None),
    ];
    for (input, expected) in cases {
        assert_eq!(
            YearRange::parse(input).map(|r| (r.from, r.to)),
            expected,
            "{input}"
        );
    }
}

#[test]
fn unknown_and_malformed_parameters_are_ignored() {
    let c = catalog();
    let f = Filters::from_pairs(
        pairs(&[
            ("place", "atlantis"),
            ("kind", "spaceship"),
            ("year", "twenty"),
            ("colour", "red"),
            ("org", "marrakech"), // a place id is not an organisation
            ("place", "tangier"),
            ("place", "tangier"),
        ]),
        &c,
    );
    assert_eq!(f.places, vec!["tangier".to_string()]);
    assert!(f.kinds.is_empty() && f.orgs.is_empty() && f.years.is_none());
    assert_eq!(f.to_pairs(), vec![("place", "tangier".to_string())]);
}

#[test]
fn or_within_a_facet_and_across_facets() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let all = c.all();
    let one = Filters::from_pairs(pairs(&[("place", "tangier"), ("kind", "event")]), &c);
    let two = Filters::from_pairs(
        pairs(&[
            ("place", "tangier"),
            ("place", "glasgow"),
            ("kind", "event"),
        ]),
        &c,
    );
    let a = ids(&c, &ix.filter(&one, &all));
    let b = ids(&c, &ix.filter(&two, &all));
    assert_eq!(a, vec!["arab-police-chiefs-tangier-2023"]);
    assert!(b.contains(&"arab-police-chiefs-tangier-2023".to_string()));
    assert!(b.contains(&"interpol-ga-92-glasgow-2024".to_string()));
    assert_eq!(b.len(), 2, "{b:?}");
    // AND across facets: Tangier events in 2024 — none.
    let none = Filters::from_pairs(
        pairs(&[("place", "tangier"), ("kind", "event"), ("year", "2024")]),
        &c,
    );
    assert!(ix.filter(&none, &all).is_empty());
}

#[test]
fn year_ranges_filter_by_overlap() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let f = Filters::from_pairs(pairs(&[("year", "2002-2021"), ("kind", "event")]), &c);
    let found = ids(&c, &ix.filter(&f, &c.all()));
    assert!(found.contains(&"casablanca-attacks-2003".to_string()));
    assert!(found.contains(&"gc-2020-cancelled".to_string()));
    assert!(!found.contains(&"gc-marrakech-2022".to_string()));
}

#[test]
fn counts_are_disjunctive_within_a_facet() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let all = c.all();
    let f = Filters::from_pairs(pairs(&[("place", "tangier")]), &c);
    let counts = ix.counts(&f, &all);
    let place = counts.iter().find(|x| x.facet == Facet::Place).unwrap();
    // The selected value still shows its siblings with their own counts.
    let count_of = |v: &str| place.values.iter().find(|(k, _)| k == v).map(|x| x.1);
    assert!(count_of("marrakech").unwrap_or(0) > 0);
    assert!(count_of("tangier").unwrap_or(0) > 0);
    // Other facets are narrowed by the place filter.
    let kinds = counts.iter().find(|x| x.facet == Facet::Kind).unwrap();
    let total: usize = kinds.values.iter().map(|x| x.1).sum();
    assert_eq!(total, ix.filter(&f, &all).len());
}

#[test]
fn counts_follow_the_candidates() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let f = Filters::default();
    let all = c.all();
    let few: Vec<RecordRef> = all
        .iter()
        .copied()
        .filter(|r| r.kind == Kind::Place)
        .collect();
    let kinds = |cands: &[RecordRef]| {
        ix.counts(&f, cands)
            .into_iter()
            .find(|x| x.facet == Facet::Kind)
            .unwrap()
            .values
    };
    assert_eq!(kinds(&few), vec![("place".to_string(), few.len())]);
    assert!(kinds(&all).len() >= 5);
}

#[test]
fn entities_carry_the_facets_of_their_events() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let f = Filters::from_pairs(pairs(&[("place", "glasgow"), ("kind", "person")]), &c);
    let found = ids(&c, &ix.filter(&f, &c.all()));
    assert_eq!(found, vec!["abdellatif-hammouchi"]);
    let planned = Filters::from_pairs(pairs(&[("status", "planned"), ("kind", "event")]), &c);
    let found = ids(&c, &ix.filter(&planned, &c.all()));
    assert!(found.contains(&"interpol-ga-93-marrakech-2025".to_string()));
    assert!(!found.contains(&"gc-marrakech-2022".to_string()));
}

#[test]
fn matcher_and_filter_agree_with_matches() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let all = c.all();
    for q in [
        &[][..],
        &[("kind", "event")][..],
        &[("place", "tangier"), ("place", "glasgow")][..],
        &[("year", "2002-2021"), ("status", "held"), ("kind", "event")][..],
        &[("country", "ma"), ("kind", "person")][..],
    ] {
        let f = Filters::from_pairs(q.iter().copied(), &c);
        let m = ix.matcher(&f);
        let one: Vec<RecordRef> = all.iter().copied().filter(|r| ix.matches(&f, *r)).collect();
        let many: Vec<RecordRef> = all.iter().copied().filter(|r| m(*r)).collect();
        assert_eq!(one, many, "{q:?}");
        assert_eq!(ix.filter(&f, &all), one, "{q:?}");
    }
}

#[test]
fn a_filter_no_record_satisfies_accepts_nothing_and_is_listed_at_zero() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    // Set by hand: `from_pairs` would drop the unknown id.
    let f = Filters {
        places: vec!["atlantis".into()],
        ..Filters::default()
    };
    assert!(ix.filter(&f, &c.all()).is_empty());
    let counts = ix.counts(&f, &c.all());
    let place = counts.iter().find(|x| x.facet == Facet::Place).unwrap();
    assert!(place.values.contains(&("atlantis".to_string(), 0)));
    // The place facet itself is counted without its filter.
    assert!(place.values.iter().any(|(_, n)| *n > 0));
    let kinds = counts.iter().find(|x| x.facet == Facet::Kind).unwrap();
    assert!(kinds.values.is_empty());
}

/// Each facet's values come most frequent first, ties by value (byte order), years by
/// year; a selected value that none of the candidates has comes last, at zero, with the
/// other such values by value.
#[test]
fn counts_are_ordered_by_count_then_value_and_unseen_selections_come_last() {
    let c = catalog();
    let ix = FacetIndex::new(&c);
    let all = c.all();
    // Candidates without Tangier or Glasgow, with both selected: they count zero.
    let f = Filters::from_pairs(
        pairs(&[
            ("place", "tangier"),
            ("place", "glasgow"),
            ("kind", "event"),
        ]),
        &c,
    );
    let without: Vec<RecordRef> = all
        .iter()
        .copied()
        .filter(|r| {
            let id = c.get(*r).id();
            ix.filter(
                &Filters::from_pairs(pairs(&[("place", "tangier")]), &c),
                &[*r],
            )
            .is_empty()
                && ix
                    .filter(
                        &Filters::from_pairs(pairs(&[("place", "glasgow")]), &c),
                        &[*r],
                    )
                    .is_empty()
                && id != "tangier"
                && id != "glasgow"
        })
        .collect();
    assert!(
        without.len() * 2 > all.len(),
        "{} of {}",
        without.len(),
        all.len()
    );
    let mut ties = 0;
    for cands in [&all[..], &without[..]] {
        for fc in ix.counts(&f, cands) {
            for w in fc.values.windows(2) {
                let ((a, n), (b, m)) = (&w[0], &w[1]);
                if fc.facet == Facet::Year {
                    assert!(
                        a.parse::<i32>().unwrap() < b.parse::<i32>().unwrap(),
                        "{w:?}"
                    );
                } else {
                    assert!(n > m || (n == m && a < b), "{:?}: {w:?}", fc.facet);
                    ties += usize::from(n == m);
                }
            }
        }
    }
    assert!(ties > 10, "too few ties to test their order: {ties}");
    let places = ix
        .counts(&f, &without)
        .into_iter()
        .find(|x| x.facet == Facet::Place)
        .unwrap()
        .values;
    let tail: Vec<&(String, usize)> = places.iter().rev().take(2).collect();
    assert_eq!(
        tail,
        [&("tangier".to_string(), 0), &("glasgow".to_string(), 0)],
        "{places:?}"
    );
}

#[test]
fn without_a_facet_leaves_the_other_filters() {
    let f = Filters {
        places: vec!["tangier".into()],
        years: Some(YearRange {
            from: 2022,
            to: 2023,
        }),
        ..Filters::default()
    };
    let other = f.without(Facet::Place);
    assert!(!other.has(Facet::Place));
    assert_eq!(other.years, f.years);
    assert!(f.without(Facet::Year).without(Facet::Place).is_empty());
}

#[test]
fn an_organisation_is_named_once_with_its_acronym_in_brackets() {
    let c = catalog();
    let label = |id: &str, lang: &str| data_label(&c, Facet::Org, id, lang).unwrap();
    // The acronym follows a name without it, in every language.
    assert_eq!(
        label("dgsn", "en"),
        "General Directorate for National Security (DGSN)"
    );
    assert_eq!(label("dgsn", "ar"), "المديرية العامة للأمن الوطني (DGSN)");
    // A name that carries it, or ends in its own bracketed short form, stands alone.
    assert_eq!(
        label("interpol", "en"),
        "International Criminal Police Organization (INTERPOL)"
    );
    assert_eq!(
        label("interpol", "ar"),
        "المنظمة الدولية للشرطة الجنائية (الإنتربول)"
    );
    for lang in ["ar", "en", "fr", "es"] {
        for o in &c.bundle.organizations {
            let l = label(&o.id, lang);
            assert!(!l.contains(") ("), "{lang} {}: {l}", o.id);
        }
    }
}
