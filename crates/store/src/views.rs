//! Read-only views for the web interface: timelines, interaction graphs,
//! counts over time (issue #9).
