//! The browser's `TextDecoder` as the core's decoder for multi-byte legacy code pages (Shift_JIS,
//! GBK, EUC-KR). It implements the same WHATWG Encoding Standard as encoding_rs, which the native
//! build uses, without shipping encoding_rs's tables in the page.

use acs_check::decode::Codecs;
use web_sys::{TextDecoder, TextDecoderOptions};

pub struct BrowserCodecs;

impl Codecs for BrowserCodecs {
    fn decode(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        let options = TextDecoderOptions::new();
        options.set_fatal(true);
        let decoder = TextDecoder::new_with_label_and_options(encoding, &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}
