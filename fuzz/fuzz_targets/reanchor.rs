//! Fuzz target: `lede::fuzzing::reanchor` (see src/fuzzing.rs for what it checks).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lede::fuzzing::reanchor(data));
