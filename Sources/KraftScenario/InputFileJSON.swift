import KraftIO

extension JSONText {
    /// The files a run read: `[{"path", "sha256"}]`, as result folders and sweep plans write them.
    public mutating func inputs(_ files: [InputFile]) {
        raw("[")
        for (k, f) in files.enumerated() {
            if k > 0 { raw(",") }
            raw("{"); key("path"); string(f.path); raw(","); key("sha256"); string(f.sha256); raw("}")
        }
        raw("]")
    }
}
