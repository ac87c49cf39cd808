//! The page's components, one per section of its own controls. The report section is the engine's
//! HTML (`acs_check::present::page`), which `report` inserts and whose buttons it handles.

pub mod common;
pub mod howto;
pub mod inputs;
pub mod options;
pub mod report;
