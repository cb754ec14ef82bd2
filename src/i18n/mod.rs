//! Interface text in Arabic (the default, right to left), English, French and Spanish.
//! Every string is a field of [`Ui`] and every language is a `const Ui` in its own file
//! (`ar.rs`, `en.rs`, `fr.rs`, `es.rs`), so a missing translation is a compile error, never
//! a blank. The language comes from `?lang=` (see [`Lang`]); content from the bundle falls
//! back to Arabic, marked, where a translation is missing.

mod ar;
// In the browser the other three languages are files the app fetches (`files`).
#[cfg(not(target_arch = "wasm32"))]
mod en;
#[cfg(not(target_arch = "wasm32"))]
mod es;
pub mod files;
mod strs;

pub use strs::Strs;
#[cfg(not(target_arch = "wasm32"))]
mod fr;

pub use ar::AR;
#[cfg(not(target_arch = "wasm32"))]
pub use en::EN;
#[cfg(not(target_arch = "wasm32"))]
pub use es::ES;
#[cfg(not(target_arch = "wasm32"))]
pub use fr::FR;

use atlas_core::facets::Facet;
use atlas_core::model::{EventKind, EventStatus, Kind, Qualifier};
use leptos::prelude::*;

/// An interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Ar,
    En,
    Fr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Ar, Lang::En, Lang::Fr, Lang::Es];

    /// From the `lang` parameter; anything unknown is Arabic.
    pub fn parse(s: Option<&str>) -> Lang {
        match s.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("en") => Lang::En,
            Some("fr") => Lang::Fr,
            Some("es") => Lang::Es,
            _ => Lang::Ar,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// The language's interface text. In the browser, English, French and Spanish are
    /// there once their file has arrived ([`files::load`]; the app waits for it before it
    /// shows a language); Arabic until then.
    pub fn ui(self) -> &'static Ui {
        #[cfg(not(target_arch = "wasm32"))]
        return match self {
            Lang::Ar => &AR,
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::Es => &ES,
        };
        #[cfg(target_arch = "wasm32")]
        files::loaded(self).unwrap_or(&AR)
    }
}

/// The interface text for the current language (provided as a `Memo<Lang>` by the shell;
/// Arabic outside it).
pub fn ui() -> &'static Ui {
    use_context::<Memo<Lang>>()
        .map(|l| l.get_untracked())
        .unwrap_or(Lang::Ar)
        .ui()
}

/// The interface text of one language: its strings ([`Strs`], read through `Deref`, so
/// `ui.search_label`) and its two lists.
pub struct Ui {
    /// Example searches under the field.
    pub suggestions: &'static [&'static str],
    /// Each kind of record, in the order of `Kind::ALL`.
    pub kinds: [&'static str; 6],
    pub strs: Strs,
}

impl std::ops::Deref for Ui {
    type Target = Strs;
    fn deref(&self) -> &Strs {
        &self.strs
    }
}

impl Ui {
    pub fn kind(&self, k: Kind) -> &'static str {
        let i = Kind::ALL.iter().position(|&x| x == k).unwrap_or(0);
        self.kinds[i]
    }

    pub fn status(&self, s: EventStatus) -> &'static str {
        match s {
            EventStatus::Held => self.status_held,
            EventStatus::Planned => self.status_planned,
            EventStatus::Cancelled => self.status_cancelled,
        }
    }

    /// The status of an event in words that fit its kind (an attack "took place", a
    /// congress "was held").
    pub fn event_status(&self, kind: EventKind, s: EventStatus) -> &'static str {
        match (kind, s) {
            (EventKind::Attack | EventKind::Operation, EventStatus::Held) => self.status_took_place,
            (EventKind::Launch, EventStatus::Held) => self.status_launched,
            _ => self.status(s),
        }
    }

    /// The qualifier in words, for detail views and screen readers.
    pub fn qualifier(&self, q: Qualifier) -> &'static str {
        match q {
            Qualifier::Exact => "",
            Qualifier::MoreThan => self.more_than,
            Qualifier::About => self.about,
        }
    }

    /// A view's name (the view links, the tab's title).
    pub fn view(&self, v: crate::views::state::View) -> &'static str {
        use crate::views::state::View;
        match v {
            View::Cards => self.view_cards,
            View::Map => self.view_map,
            View::Stats => self.view_stats,
            View::Timeline => self.view_timeline,
        }
    }

    pub fn facet(&self, f: Facet) -> &'static str {
        match f {
            Facet::Kind => self.facet_kind,
            Facet::Place => self.facet_place,
            Facet::Country => self.facet_country,
            Facet::Year => self.facet_year,
            Facet::Org => self.facet_org,
            Facet::Person => self.facet_person,
            Facet::Topic => self.facet_topic,
            Facet::Status => self.facet_status,
        }
    }

    /// "حدث واحد", "حدثان", "3 أحداث", "11 حدثًا", "100 حدث"; "1 event", "3 events"…
    pub fn events_count(&self, n: usize) -> String {
        self.count(
            n,
            ["لا أحداث", "حدث واحد", "حدثان", "أحداث", "حدثًا", "حدث"],
            [
                ("event", "events"),
                ("événement", "événements"),
                ("evento", "eventos"),
            ],
        )
    }

    /// The comma between names: «، » in Arabic, ", " in the others.
    pub fn comma(&self) -> &'static str {
        if self.lang == "ar" {
            "، "
        } else {
            ", "
        }
    }

    /// Joins the items of a list of citations: the Arabic semicolon in Arabic, `; ` in the
    /// other languages.
    pub fn list_join(&self, items: &[String]) -> String {
        items.join(if self.lang == "ar" { "؛ " } else { "; " })
    }

    /// "رقم واحد", "رقمان", "3 أرقام", "11 رقمًا", "100 رقم"; "1 figure", "3 figures"…
    pub fn figures_count(&self, n: usize) -> String {
        self.count(
            n,
            ["لا أرقام", "رقم واحد", "رقمان", "أرقام", "رقمًا", "رقم"],
            [
                ("figure", "figures"),
                ("chiffre", "chiffres"),
                ("cifra", "cifras"),
            ],
        )
    }

    /// "3 more on the record's page": what a card's «+3» stands for.
    pub fn more(&self, n: usize) -> String {
        self.more_on_page
            .replace("{n}", &atlas_core::format::number(n as f64))
    }

    /// The count line while the query is a word too short to search: "keep typing" first.
    pub fn keep_typing_then(&self, count_line: &str) -> String {
        format!("{} · {count_line}", self.keep_typing)
    }

    /// The count line of partial hits (no record has every word): the notice after it.
    fn partial_then(&self, count_line: &str) -> String {
        format!("{count_line} · {}", self.results_partial)
    }

    /// The count line of `n` hits of which only the first `complete` have every word of
    /// the query (`None`: every hit has every word; `partial`: no record has every word):
    /// the partial notice when no record has, the number when only some of those shown
    /// do. Nothing more when nothing is shown, or when the filters hide the complete ones
    /// or every other one.
    pub fn words_then(
        &self,
        count_line: &str,
        complete: Option<usize>,
        partial: bool,
        n: usize,
    ) -> String {
        match complete {
            _ if n == 0 => count_line.to_string(),
            _ if partial => self.partial_then(count_line),
            Some(k) if k > 0 && k < n => format!(
                "{count_line} · {}",
                self.results_some
                    .replace("{n}", &atlas_core::format::number(k as f64))
            ),
            _ => count_line.to_string(),
        }
    }

    /// "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجةً", "100 نتيجة"; "0 résultat"…
    pub fn results_count(&self, n: usize) -> String {
        self.count(
            n,
            [
                "لا نتائج",
                "نتيجة واحدة",
                "نتيجتان",
                "نتائج",
                "نتيجةً",
                "نتيجة",
            ],
            [
                ("result", "results"),
                ("résultat", "résultats"),
                ("resultado", "resultados"),
            ],
        )
    }

    /// A count with the noun in the form the language's plural rules (CLDR, see
    /// [`atlas_core::plural`]) give for `n`. Arabic: none, one, two, few (3–10, 103–110…),
    /// many (11–99, 111–199…, the singular accusative) and other (100–102, 200…, the singular);
    /// English, French and Spanish (in that order in `latin`): singular and plural, French
    /// taking the singular for 0, and French and Spanish «de» before the noun for millions.
    fn count(&self, n: usize, ar: [&str; 6], latin: [(&str, &str); 3]) -> String {
        use atlas_core::plural::{category, Plural};
        let form = category(self.lang, n as u64);
        // 100 000: digits grouped, as a figure's value is.
        let n = atlas_core::format::number(n as f64);
        if self.lang == "ar" {
            return match form {
                Plural::Zero => ar[0].to_string(),
                Plural::One => ar[1].to_string(),
                Plural::Two => ar[2].to_string(),
                Plural::Few => format!("{n} {}", ar[3]),
                Plural::Many => format!("{n} {}", ar[4]),
                Plural::Other => format!("{n} {}", ar[5]),
            };
        }
        let (one, other) = match self.lang {
            "fr" => latin[1],
            "es" => latin[2],
            _ => latin[0],
        };
        match form {
            Plural::One => format!("{n} {one}"),
            Plural::Many => format!("{n} de {other}"),
            _ => format!("{n} {other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn the_count_line_says_how_many_hits_have_every_word() {
        let en = Lang::En.ui();
        let line = en.results_count(12);
        assert_eq!(en.words_then(&line, None, false, 12), "12 results");
        assert_eq!(
            en.words_then(&line, Some(1), false, 12),
            "12 results · 1 with every word, the rest with some"
        );
        assert_eq!(
            en.words_then(&line, Some(0), true, 12),
            "12 results · no record has every word; these have the most"
        );
        // Filters left only complete hits, or hid them, or hid everything: nothing to say.
        assert_eq!(
            en.words_then(&en.results_count(2), Some(2), false, 2),
            "2 results"
        );
        assert_eq!(en.words_then(&line, Some(0), false, 12), "12 results");
        assert_eq!(
            en.words_then(&en.results_count(0), Some(0), true, 0),
            en.results_count(0)
        );
        for lang in Lang::ALL {
            let ui = lang.ui();
            let said = ui.words_then("x", Some(2), false, 5);
            assert!(said.starts_with("x · 2") && !said.contains("{n}"), "{said}");
            // A count of a large catalogue has its digits grouped, in every language.
            assert!(
                ui.results_count(100_000).starts_with("100\u{202f}000 "),
                "{}",
                ui.results_count(100_000)
            );
        }
    }
}
