#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| samskab_fuzz::json_loader(data));
