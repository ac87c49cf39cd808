//! The page's components, one per section. They lay out view models (`crate::model`) and hold no
//! business logic.

pub mod alerts;
pub mod cards;
pub mod common;
pub mod howto;
pub mod inputs;
pub mod options;
pub mod report;
pub mod support;
