//! `atlas-bundle split <bundle.json> -o DIR [--fragment-size N]`: writes the split bundle
//! ([`atlas_core::split`]: manifest, record fragments, term shards, facet table) and
//! measures it.

use atlas_core::split::{needed_shards, Shard, Split, ARABIC_VOCAB_KEY, LATIN_VOCAB_KEY};
use std::collections::HashMap;
use std::path::Path;

/// What was written, in bytes.
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub manifest: u64,
    /// Per fragment, in order.
    pub fragments: Vec<u64>,
    /// Per shard key (the Latin vocabulary included).
    pub shards: Vec<(String, u64)>,
    /// The facet value file.
    pub facet_values: u64,
    /// Per language, its facet label file.
    pub facet_labels: Vec<(String, u64)>,
    /// Per facet block, in order.
    pub facet_blocks: Vec<u64>,
    /// Per single-value facet file, in order.
    pub facet_singles: Vec<u64>,
    /// Per facet slice (a kind's rows, one facet's values), its file and size.
    pub facet_slices: Vec<(String, u64)>,
    /// Per id file, in order.
    pub ids: Vec<u64>,
    /// The map's places file.
    pub places: u64,
    /// The timeline's index, then its year files in order.
    pub timeline: Vec<u64>,
    /// The statistics index, then its group files in order.
    pub stats: Vec<u64>,
    /// The statistics index by event, then its packs of groups in order.
    pub stats_event: Vec<u64>,
    /// The files of the event groups' headings, every language.
    pub stats_titles: Vec<u64>,
}

impl Written {
    pub fn files(&self) -> usize {
        1 + self.fragments.len()
            + self.shards.len()
            + 1
            + self.facet_labels.len()
            + self.facet_blocks.len()
            + self.facet_singles.len()
            + self.facet_slices.len()
            + self.ids.len()
            + usize::from(self.places > 0)
            + self.timeline.len()
            + self.stats.len()
            + self.stats_event.len()
            + self.stats_titles.len()
    }

    pub fn total(&self) -> u64 {
        self.manifest
            + self.fragments.iter().sum::<u64>()
            + self.shards_total()
            + self.facet_values
            + self.facet_labels.iter().map(|(_, n)| n).sum::<u64>()
            + self.facet_blocks.iter().sum::<u64>()
            + self.facet_singles.iter().sum::<u64>()
            + self.facet_slices.iter().map(|(_, n)| n).sum::<u64>()
            + self.ids.iter().sum::<u64>()
            + self.places
            + self.timeline.iter().sum::<u64>()
            + self.stats.iter().sum::<u64>()
            + self.stats_event.iter().sum::<u64>()
            + self.stats_titles.iter().sum::<u64>()
    }

    fn shards_total(&self) -> u64 {
        self.shards.iter().map(|(_, n)| n).sum()
    }

    /// Bytes of the shard files of `keys`.
    pub fn bytes_of(&self, keys: &[String]) -> u64 {
        keys.iter()
            .filter_map(|k| self.shards.iter().find(|(s, _)| s == k))
            .map(|(_, n)| n)
            .sum()
    }

    /// A short table of the sizes.
    pub fn table(&self) -> String {
        let kb = |n: u64| format!("{:.1} KB", n as f64 / 1024.0);
        let mut frag = self.fragments.clone();
        frag.sort_unstable();
        let mut terms: Vec<&(String, u64)> = self
            .shards
            .iter()
            .filter(|(k, _)| k != LATIN_VOCAB_KEY && k != ARABIC_VOCAB_KEY)
            .collect();
        terms.sort_by_key(|(_, n)| *n);
        let median = |v: &[u64]| v.get(v.len() / 2).copied().unwrap_or(0);
        let term_sizes: Vec<u64> = terms.iter().map(|(_, n)| *n).collect();
        let vocab = |key: &str| {
            self.shards
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0, |(_, n)| *n)
        };
        let mut t = String::new();
        t.push_str(&format!(
            "files           {:>8}   total {}\n",
            self.files(),
            kb(self.total())
        ));
        t.push_str(&format!("manifest        {:>8}\n", kb(self.manifest)));
        t.push_str(&format!(
            "fragments       {:>8}   total {}, median {}, largest {}\n",
            frag.len(),
            kb(frag.iter().sum()),
            kb(median(&frag)),
            kb(frag.last().copied().unwrap_or(0))
        ));
        t.push_str(&format!(
            "term shards     {:>8}   total {}, median {}, largest {} (key {:?})\n",
            terms.len(),
            kb(term_sizes.iter().sum()),
            kb(median(&term_sizes)),
            kb(term_sizes.last().copied().unwrap_or(0)),
            terms.last().map_or("", |(k, _)| k.as_str())
        ));
        t.push_str(&format!(
            "latin vocabulary {:>7}\n",
            kb(vocab(LATIN_VOCAB_KEY))
        ));
        t.push_str(&format!(
            "arabic vocabulary {:>6}\n",
            kb(vocab(ARABIC_VOCAB_KEY))
        ));
        let mut blocks = self.facet_blocks.clone();
        blocks.sort_unstable();
        t.push_str(&format!("facet values    {:>8}\n", kb(self.facet_values)));
        let labels: Vec<String> = self
            .facet_labels
            .iter()
            .map(|(lang, n)| format!("{lang} {}", kb(*n)))
            .collect();
        t.push_str(&format!("facet labels    {}\n", labels.join(", ")));
        t.push_str(&format!(
            "facet blocks    {:>8}   total {}, median {}, largest {}\n",
            blocks.len(),
            kb(blocks.iter().sum()),
            kb(median(&blocks)),
            kb(blocks.last().copied().unwrap_or(0))
        ));
        let mut singles = self.facet_singles.clone();
        singles.sort_unstable();
        t.push_str(&format!(
            "facet singles   {:>8}   total {}, median {}, largest {}\n",
            singles.len(),
            kb(singles.iter().sum()),
            kb(median(&singles)),
            kb(singles.last().copied().unwrap_or(0))
        ));
        let slices: Vec<String> = self
            .facet_slices
            .iter()
            .map(|(file, n)| {
                let name = file.trim_start_matches("facets/slice-");
                format!("{} {}", name.trim_end_matches(".json"), kb(*n))
            })
            .collect();
        t.push_str(&format!("facet slices    {}\n", slices.join(", ")));
        let mut ids = self.ids.clone();
        ids.sort_unstable();
        t.push_str(&format!(
            "id files        {:>8}   total {}, median {}, largest {}\n",
            ids.len(),
            kb(ids.iter().sum()),
            kb(median(&ids)),
            kb(ids.last().copied().unwrap_or(0))
        ));
        t.push_str(&format!("places          {:>8}\n", kb(self.places)));
        let mut years = self.timeline.iter().skip(1).copied().collect::<Vec<_>>();
        years.sort_unstable();
        t.push_str(&format!(
            "timeline        {:>8}   index {}, {} years: median {}, largest {}\n",
            kb(self.timeline.iter().sum()),
            kb(self.timeline.first().copied().unwrap_or(0)),
            years.len(),
            kb(median(&years)),
            kb(years.last().copied().unwrap_or(0))
        ));
        let mut groups = self.stats.iter().skip(1).copied().collect::<Vec<_>>();
        groups.sort_unstable();
        t.push_str(&format!(
            "statistics      {:>8}   index {}, {} groups: median {}, largest {}\n",
            kb(self.stats.iter().sum()),
            kb(self.stats.first().copied().unwrap_or(0)),
            groups.len(),
            kb(median(&groups)),
            kb(groups.last().copied().unwrap_or(0))
        ));
        let mut packs = self.stats_event.iter().skip(1).copied().collect::<Vec<_>>();
        packs.sort_unstable();
        t.push_str(&format!(
            "  by event      {:>8}   index {}, {} packs of up to {} groups: median {}, largest {}\n",
            kb(self.stats_event.iter().sum()),
            kb(self.stats_event.first().copied().unwrap_or(0)),
            packs.len(),
            atlas_core::split::EVENT_PACK,
            kb(median(&packs)),
            kb(packs.last().copied().unwrap_or(0))
        ));
        let mut titles = self.stats_titles.clone();
        titles.sort_unstable();
        t.push_str(&format!(
            "  headings      {:>8}   {} files (4 languages): median {}, largest {}\n",
            kb(titles.iter().sum()),
            titles.len(),
            kb(median(&titles)),
            kb(titles.last().copied().unwrap_or(0))
        ));
        t
    }
}

/// The subdirectories a split writes (and replaces when written again).
const SUBDIRS: [&str; 6] = ["records", "terms", "facets", "ids", "timeline", "stats"];

/// Writes every file of `split` under `dir` (replacing the `records/`, `terms/`, `ids/`,
/// `facets/`, `timeline/` and `stats/` of an earlier split there). Errors name the file.
pub fn write(split: &Split, dir: &Path) -> Result<Written, String> {
    // An earlier split's fragments and shards would linger under other names.
    let old_manifest = dir.join("manifest.json");
    if let Ok(text) = std::fs::read_to_string(&old_manifest) {
        if text.contains("\"format\":\"atlas-split\"") {
            for sub in SUBDIRS {
                let p = dir.join(sub);
                if p.is_dir() {
                    std::fs::remove_dir_all(&p)
                        .map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
                }
            }
        }
    }
    for sub in SUBDIRS {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
    }
    let mut written = Written::default();
    let files = split.files();
    let by_path: HashMap<&str, &str> = split
        .manifest
        .shards
        .iter()
        .map(|(k, f)| (f.as_str(), k.as_str()))
        .collect();
    let facets = split.manifest.facets.as_ref();
    let blocks: std::collections::HashSet<&str> = facets
        .map(|f| f.blocks.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let singles: std::collections::HashSet<&str> = split
        .facets
        .values
        .singles
        .iter()
        .map(String::as_str)
        .collect();
    for (path, content) in &files {
        let full = dir.join(path);
        std::fs::write(&full, content)
            .map_err(|e| format!("cannot write {}: {e}", full.display()))?;
        let n = content.len() as u64;
        if path == "manifest.json" {
            written.manifest = n;
        } else if let Some(key) = by_path.get(path.as_str()) {
            written.shards.push((key.to_string(), n));
        } else if facets.is_some_and(|f| f.values == *path) {
            written.facet_values = n;
        } else if let Some((lang, _)) =
            facets.and_then(|f| f.labels.iter().find(|(_, p)| *p == path))
        {
            written.facet_labels.push((lang.clone(), n));
        } else if blocks.contains(path.as_str()) {
            written.facet_blocks.push(n);
        } else if singles.contains(path.as_str()) {
            written.facet_singles.push(n);
        } else if split.facets.values.slices.iter().any(|s| s.file == *path) {
            written.facet_slices.push((path.clone(), n));
        } else if split.manifest.ids.contains(path) {
            written.ids.push(n);
        } else if split.manifest.places.as_ref() == Some(path) {
            written.places = n;
        } else if split.manifest.timeline.as_ref() == Some(path) || path.starts_with("timeline/") {
            written.timeline.push(n);
        } else if path.starts_with("stats/events-") {
            written.stats_titles.push(n);
        } else if split.manifest.stats_event.as_ref() == Some(path) || path.starts_with("stats/e") {
            written.stats_event.push(n);
        } else if split.manifest.stats.as_ref() == Some(path) || path.starts_with("stats/") {
            written.stats.push(n);
        } else {
            written.fragments.push(n);
        }
    }
    Ok(written)
}

/// Bytes of shards a client fetches to answer `query` (every round of
/// [`needed_shards`]), and how many shard files.
pub fn query_cost(split: &Split, written: &Written, query: &str) -> (u64, usize) {
    let mut have: HashMap<String, &Shard> = HashMap::new();
    let mut keys = Vec::new();
    loop {
        let need = needed_shards(&split.manifest, |k| have.get(k).copied(), query);
        if need.is_empty() {
            break;
        }
        for k in need {
            if let Some(s) = split.shards.get(&k) {
                have.insert(k.clone(), s);
            }
            keys.push(k);
        }
        if keys.len() > 10_000 {
            break;
        }
    }
    (written.bytes_of(&keys), keys.len())
}
