//! Presentation: a report in words and rows, for the faces that show one. [`view`] shapes a
//! [`crate::Report`] into view models (check rows, summary rows, facts, signature cards…) with the
//! `ui.*` words of `data/texts.tsv`; [`text`] lays them out as the plain-text report, which the CLI
//! prints and the page copies for support tickets. The page draws the same view models.
//!
//! Nothing here judges: every status and sentence comes from the report.

pub mod certificates;
pub mod errors;
pub mod page;
pub mod signatures;
pub mod text;
pub mod view;

pub use text::text;

#[cfg(test)]
mod honesty;
