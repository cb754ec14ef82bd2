//! The map's file of a split catalogue (`places.json`, named by [`Manifest::places`]): every
//! place with its name, country and coordinates, and how many events of the whole catalogue
//! it hosts. With no query and no filter that file alone draws the map; otherwise the facet
//! table's rows of the selection give the counts ([`super::SplitFacets::tally`]), so the
//! map of a large catalogue shows what the map of the full one shows.

use super::Manifest;
use crate::catalog::Catalog;
use crate::model::Text;
use crate::LoadError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// `DIR/places.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacesFile {
    /// In the bundle's order (the full map's order).
    pub places: Vec<MapPlace>,
}

/// One place of [`PlacesFile`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPlace {
    pub id: String,
    pub name: Text,
    /// A country id.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// Events held there, over the whole catalogue.
    pub events: u32,
}

/// The places file of `catalog`.
pub fn build_places(catalog: &Catalog) -> PlacesFile {
    let mut events: HashMap<&str, u32> = HashMap::new();
    for e in &catalog.bundle.events {
        if let Some(p) = e.place.as_deref() {
            *events.entry(p).or_default() += 1;
        }
    }
    PlacesFile {
        places: catalog
            .bundle
            .places
            .iter()
            .map(|p| MapPlace {
                id: p.id.clone(),
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                events: events.get(p.id.as_str()).copied().unwrap_or(0),
            })
            .collect(),
    }
}

/// Reads the places file the manifest names; an error names the file and the field.
pub fn parse_places(manifest: &Manifest, bytes: &[u8]) -> Result<PlacesFile, LoadError> {
    let file = manifest.places.as_deref().unwrap_or("places.json");
    let parsed: PlacesFile = serde_json::from_slice(bytes)
        .map_err(|e| LoadError::Parse(format!("{file}: not a places file: {e}")))?;
    for (i, p) in parsed.places.iter().enumerate() {
        if !(p.lat.is_finite() && (-90.0..=90.0).contains(&p.lat)) {
            return Err(LoadError::Parse(format!(
                "{file}: field `places[{i}].lat`: {} is not a latitude",
                p.lat
            )));
        }
        if !(p.lon.is_finite() && (-180.0..=180.0).contains(&p.lon)) {
            return Err(LoadError::Parse(format!(
                "{file}: field `places[{i}].lon`: {} is not a longitude",
                p.lon
            )));
        }
        if parsed.places[..i].iter().any(|q| q.id == p.id) {
            return Err(LoadError::Parse(format!(
                "{file}: field `places[{i}].id`: `{}` is listed twice",
                p.id
            )));
        }
    }
    Ok(parsed)
}
