import KraftIO

/// `manifest.json` of a result folder: what kind of run wrote it, with which version, and the
/// files it holds (docs/result-folder.md). Readers check it before anything else.
public enum ResultManifest {
    public static let format = "kraft-result"
    public static let version = 1

    public static func json(kind: String, kraftVersion: String, files: [String]) -> String {
        var j = JSONText()
        j.raw("{"); j.key("format"); j.string(format)
        j.raw(","); j.key("version"); j.number(version)
        j.raw(","); j.key("kind"); j.string(kind)
        j.raw(","); j.key("kraft_version"); j.string(kraftVersion)
        j.raw(","); j.key("files"); j.raw("[")
        for (i, f) in (["manifest.json"] + files.filter { $0 != "manifest.json" }).enumerated() { if i > 0 { j.raw(",") }; j.string(f) }
        j.raw("]}\n")
        return j.text
    }
}
