//! Words for signature results (filled in below).
