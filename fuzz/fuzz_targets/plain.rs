//! Fuzz target: `lede::fuzzing::plain` (see src/fuzzing.rs for what it checks).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lede::fuzzing::plain(data));
