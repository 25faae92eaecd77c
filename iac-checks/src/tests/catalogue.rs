//! The catalogue itself: ids, counts, README.
