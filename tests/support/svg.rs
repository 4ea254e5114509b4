//! Reading an exported SVG back: the text of its `<text>` elements.

/// The text of every `<text>` element, in order, with the entities SVG
/// escapes turned back.
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|part| Some(&part[part.find('>')? + 1..part.find("</text>")?]))
        .map(|text| {
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        })
        .collect()
}
