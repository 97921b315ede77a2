//! The panel's view as it crosses to the panel: any text is a view or `None`; a view reads back
//! as itself.
#![no_main]
use fedilens::core::text::json::Json;
use fedilens::core::wire::view::PanelView;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = Json::parse(data) else { return };
    let Some(view) = PanelView::from_json(&json) else { return };
    let again = Json::parse(view.to_json().to_string().as_bytes()).ok().and_then(|j| PanelView::from_json(&j));
    assert_eq!(again.as_ref(), Some(&view));
});
