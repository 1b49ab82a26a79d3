//! Class colours from the Okabe–Ito palette, which colour-blind readers can tell apart;
//! classes also differ by marker shape.

pub const CLASS_RGB: [(u8, u8, u8); 7] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (213, 94, 0),    // vermillion
    (240, 228, 66),  // yellow
];

pub fn class_rgb(class: usize) -> (u8, u8, u8) {
    CLASS_RGB[class % CLASS_RGB.len()]
}

pub fn class_css(class: usize) -> String {
    let (r, g, b) = class_rgb(class);
    format!("rgb({r},{g},{b})")
}
