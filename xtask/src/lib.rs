//! Maintainer tasks for acs-check (`cargo xtask …`, see the README's maintainer section).
//!
//! `refresh-updates` reads Microsoft's machine-readable monthly update data (MSRC CVRF documents, and
//! the `windows-version-feed` files derived from them), derives each product's updates
//! ([`derive`]) and merges them into `core/data/acs-updates.tsv` ([`table`]).

pub mod date;
pub mod derive;
pub mod products;
pub mod refresh;
pub mod source;
pub mod table;
