fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let f = her2prep::report::read(&text);
    for (k, v) in &f.fields {
        println!(
            "{:?} {:?} {:?} l{} {:?} {:?} | {}",
            k,
            v.status,
            v.value,
            v.line,
            v.percent,
            v.candidates
                .iter()
                .map(|c| (c.line, c.value.clone()))
                .collect::<Vec<_>>(),
            v.quote
        );
    }
}
