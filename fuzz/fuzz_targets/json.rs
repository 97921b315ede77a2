//! The JSON reader: any bytes give a value or an error, never a panic; what it writes (compact
//! and indented) reads back as the same value.
#![no_main]
use fedilens::core::text::json::Json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = Json::parse(data) else { return };
    let compact = value.to_string();
    assert_eq!(Json::parse(compact.as_bytes()).ok().as_ref(), Some(&value), "compact text reads back");
    assert_eq!(Json::parse(value.pretty().as_bytes()).ok().as_ref(), Some(&value), "indented text reads back");
});
